/**
 * `Save as lesson`: a cluster's trace as a lesson file that starts where the cluster is
 * now, with one step to rewrite. A teacher sets a scene on the dashboard (a partition, a
 * crashed leader, some writes), saves it, and adds steps (docs/lessons.md).
 */
import type { Lesson } from '@raftlab/lessons';
import type { Trace } from '@raftlab/protocol';

export function lessonFromTrace(trace: Trace, clusterId: string): Lesson {
  return {
    id: `cluster-${clusterId}`,
    title: `From cluster ${clusterId}`,
    summary: 'Write one sentence for the library: what the learner will see.',
    section: { label: '§5', href: 'https://raft.github.io/raft.pdf#page=4' },
    minutes: 5,
    cluster: { ...trace.config },
    start: { inputs: trace.inputs, events: trace.events ?? trace.inputs.at(-1)?.afterEvents ?? 0 },
    steps: [
      {
        title: 'Where we are',
        text: 'The cluster as it was saved. Rewrite this text, then add steps: questions, tasks, and waits until something happens (docs/lessons.md).',
      },
    ],
  };
}

/** Offers the lesson as a file download, named after its cluster. */
export function downloadLesson(lesson: Lesson): void {
  const blob = new Blob([JSON.stringify(lesson, null, 2)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = `${lesson.id}.lesson.json`;
  a.click();
  URL.revokeObjectURL(url);
}
