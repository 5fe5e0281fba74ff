/**
 * Plays a lesson in the browser as a learner would — answering each question, doing
 * each task through the dashboard's own controls — while the lesson runner plays the
 * same lesson on a bare simulation beside it, so every step's words on the page are
 * checked against the simulation's (the names and the leader in them included).
 */
import type { Action, Bindings, Lesson, Step } from '@raftlab/lessons';
import { fillText, messageMatches, resolveNode } from '@raftlab/lessons';
import { LessonRun } from '@raftlab/lessons/runner';
import type { Page } from '@playwright/test';
import { expect, putFromForm } from './fixtures';

export const lessonPanel = (page: Page) => page.getByRole('region', { name: 'Lesson' });

/** Does a task's action with the dashboard's controls, as a person would. */
async function doInPage(page: Page, action: Action, bindings: Record<string, number>): Promise<void> {
  const node = (ref: Parameters<typeof resolveNode>[0]) => resolveNode(ref, bindings);
  switch (action.do) {
    case 'crash':
    case 'restart':
    case 'timeout': {
      await page.getByRole('button', { name: new RegExp(`^Node ${node(action.node)},`) }).click();
      const label = { crash: 'Crash', restart: 'Restart', timeout: 'Time out' }[action.do];
      await page.getByRole('button', { name: label, exact: true }).click();
      return;
    }
    case 'put':
      return putFromForm(page, action.key, action.value);
    case 'transfer':
      // Transfer leadership acts on the node selected: the one to lead.
      await page.getByRole('button', { name: new RegExp(`^Node ${node(action.to)},`) }).click();
      await page.getByRole('button', { name: 'Transfer leadership', exact: true }).click();
      return;
    case 'heal':
      await page.getByRole('button', { name: 'Heal', exact: true }).click();
      return;
    case 'add-node':
      await page.getByRole('button', { name: 'Add node', exact: true }).click();
      return;
    case 'remove-node':
      await page.getByRole('button', { name: new RegExp(`^Node ${node(action.node)},`) }).click();
      await page.getByRole('button', { name: 'Remove node', exact: true }).click();
      return;
    case 'partition': {
      // The Network panel's presets: a lesson's partition task is one of them.
      const groups = action.groups.map((g) => g.map(node));
      const preset = groups[0].length === 1 ? 'Isolate leader' : 'Split majority/minority';
      await page.getByRole('button', { name: preset, exact: true }).click();
      return;
    }
    default:
      throw new Error(`the lesson player cannot do ${action.do} in the page yet`);
  }
}

/**
 * What the step speaks of is picked out on the page: the log cell it names, and the
 * messages it names among those in flight (read from the list's accessible names,
 * `RequestVote 2→1 term 3, rejected`), none of the others.
 */
async function expectHighlights(page: Page, step: Step, bindings: Bindings): Promise<void> {
  const log = step.highlight?.log;
  if (log) {
    const row = page.getByRole('row').filter({
      has: page.getByRole('rowheader', { name: new RegExp(`^Node ${resolveNode(log.node, bindings)}\\b`) }),
    });
    await expect(row.locator('.log-cell--spot')).toHaveAttribute('title', new RegExp(`^index ${log.index},`));
  }
  const match = step.highlight?.messages;
  if (!match) return;
  const buttons = page.getByRole('list', { name: 'Messages in flight' }).getByRole('button');
  let spotlit = 0;
  for (const button of await buttons.all()) {
    const name = (await button.getAttribute('aria-label')) ?? (await button.textContent()) ?? '';
    const [, type, from, to] = /^(\w+) (\d+)→(\d+) /.exec(name)!;
    const wire = {
      type: type as never,
      from: Number(from),
      to: Number(to),
      ok: name.endsWith(', rejected') ? false : undefined,
      entries: type === 'AppendEntries' ? (name.includes(', entries ') ? 1 : 0) : undefined,
    };
    // A response's ok is only known here when it was rejected: match without it otherwise.
    const shouldBe = messageMatches(
      wire,
      wire.ok === undefined ? { ...match, ok: undefined } : match,
      bindings,
    );
    const is = (await button.getAttribute('data-spotlit')) !== null;
    expect(is, `${name}: picked out by the lesson`).toBe(shouldBe);
    if (is) spotlit++;
  }
  // A step that waits for one of its messages ends with it in flight.
  if (step.until && 'messages' in step.until) expect(spotlit).toBeGreaterThan(0);
}

/** Plays `lesson` from the step shown to its end; answers with `pick(choices)` (the first, by default). */
export async function playLesson(page: Page, lesson: Lesson, pick = (_k: number) => 0): Promise<void> {
  const run = new LessonRun(lesson);
  const panel = lessonPanel(page);
  for (let k = 0; k < lesson.steps.length; k++) {
    const step = run.begin(k);
    await expect(panel.getByText(`Step ${k + 1} of ${lesson.steps.length}`)).toBeVisible();
    await expect(panel.getByRole('heading', { name: step.title })).toBeVisible();
    const choice = step.question ? pick(k) : null;
    if (step.question) {
      await panel
        .getByRole('button', {
          name: fillText(step.question.choices[choice!].text, run.world(), run.bindings),
        })
        .click();
    }
    if (step.task) {
      await expect(panel.getByRole('group', { name: 'Your turn' })).toContainText(
        fillText(step.task.prompt, run.world(), run.bindings),
      );
      for (const action of step.task.solution) await doInPage(page, action, run.bindings);
      run.solve(k);
    }
    run.play(k);
    await expect(panel.getByRole('status').filter({ hasText: 'Done.' })).toBeVisible({ timeout: 30_000 });
    // The page's words, filled in from its cluster, are the simulation's.
    await expect(
      panel.getByText(fillText(step.text, run.world(), run.bindings), { exact: false }),
    ).toBeVisible();
    if (step.then)
      await expect(panel.getByText(fillText(step.then, run.world(), run.bindings))).toBeVisible();
    await expectHighlights(page, step, run.bindings);
    if (step.question && choice !== null) {
      const c = step.question.choices[choice];
      const right = c.rightIf ? run.holds(c.rightIf) : c.correct === true;
      await expect(panel.getByText(right ? 'Right.' : 'Not quite.')).toBeVisible();
    }
    await panel.getByRole('button', { name: k + 1 === lesson.steps.length ? 'Finish' : 'Next' }).click();
  }
  await expect(panel.getByRole('heading', { name: 'Lesson complete' })).toBeVisible();
}
