/**
 * What the schema cannot say about a lesson file: every `$name` a step uses is bound by
 * that step or an earlier one, in its conditions and actions as in its words. The
 * server refuses a file with problems before it plays it; the lesson tests hold the
 * library to none.
 */
import type { Lesson } from './model';
import { unboundPlaceholders } from './text';

/** Every `$name` string inside `value` (conditions, actions, highlights). */
function namesIn(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string' && value.startsWith('$')) out.push(value.slice(1));
  else if (Array.isArray(value)) for (const item of value) namesIn(item, out);
  else if (value !== null && typeof value === 'object')
    for (const item of Object.values(value)) namesIn(item, out);
  return out;
}

export function lessonProblems(lesson: Lesson): string[] {
  const problems: string[] = [];
  const bound = new Set<string>();
  lesson.steps.forEach((step, k) => {
    const where = `step ${k + 1} (${step.title})`;
    // A binding reads the cluster as the step starts, with the names bound before it.
    for (const name of namesIn(Object.values(step.bind ?? {})))
      if (!bound.has(name)) problems.push(`${where}: $${name} is used before a step binds it`);
    for (const name of Object.keys(step.bind ?? {})) bound.add(name);
    const { title: _title, text, then, bind: _bind, question, task, ...rest } = step;
    const used = namesIn([rest, question, task]);
    for (const name of used) if (!bound.has(name)) problems.push(`${where}: $${name} is not bound`);
    for (const words of [text, then ?? '', task?.prompt ?? '', task?.hint ?? '', question?.prompt ?? ''])
      for (const name of unboundPlaceholders(words, bound)) problems.push(`${where}: {${name}} is not bound`);
  });
  return [...new Set(problems)];
}
