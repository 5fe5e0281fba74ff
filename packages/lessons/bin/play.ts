/**
 * Plays a lesson on the simulator and prints what every step shows: for whoever writes
 * or changes one (docs/lessons.md). `npm run lesson -- <id or path to a lesson file>`.
 */
import { readFileSync } from 'node:fs';
import { fillText } from '../src/text';
import { lessonById } from '../src/catalogue';
import type { Lesson } from '../src/model';
import { LessonRun } from '../src/runner';
import { lessonErrors } from '../src/schema';

const arg = process.argv[2];
if (!arg) {
  console.error('usage: npm run lesson -- <lesson id | lesson.json>');
  process.exit(2);
}
const lesson = (arg.endsWith('.json') ? JSON.parse(readFileSync(arg, 'utf8')) : lessonById(arg)) as Lesson;
if (!lesson) throw new Error(`no lesson ${arg}`);
const errors = lessonErrors(lesson);
if (errors.length > 0) {
  console.error(errors.join('\n'));
  process.exit(1);
}
const run = new LessonRun(lesson);
const describe = () =>
  run
    .world()
    .nodes.map(
      (n) =>
        `  ${n.id}: ${n.up ? n.role : 'crashed'} t${n.term} vote ${n.vote} commit ${n.commit} applied ${n.applied} last ${n.lastIndex}`,
    )
    .join('\n');
lesson.steps.forEach((step, k) => {
  run.begin(k);
  const solved = run.solve(k);
  const played = run.play(k);
  const world = run.world();
  console.log(
    `\n— step ${k + 1}: ${step.title} (from event ${run.starts[k]} to ${run.sim.eventsProcessed}, t=${(run.sim.now / 1e6).toFixed(3)} s)`,
  );
  console.log(`  ${fillText(step.text, world, run.bindings)}`);
  if (step.then) console.log(`  then: ${fillText(step.then, world, run.bindings)}`);
  if (!solved) console.log('  !! the task check fails after its solution');
  if (!played) console.log('  !! until never held');
  const failed = run.failedClaims(k);
  if (failed.length > 0) console.log(`  !! claims failing: ${JSON.stringify(failed)}`);
  for (const choice of step.question?.choices ?? [])
    if (choice.rightIf)
      console.log(`  choice "${choice.text}": ${run.holds(choice.rightIf) ? 'right' : 'wrong'}`);
  console.log(
    `  bindings ${JSON.stringify(run.bindings)}, leader ${world.nodes.find((n) => n.role === 'leader' && n.up)?.id ?? 'none'}`,
  );
  console.log(describe());
});
