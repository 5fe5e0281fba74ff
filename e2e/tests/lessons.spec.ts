/**
 * Lessons (issue 15): the library, and every lesson played start to end in the browser
 * (questions answered, tasks done with the dashboard's controls, each step's words
 * checked against the simulation), going back a step, and opening at `?step=`.
 */
import { LESSONS } from '@raftlab/lessons';
import { docsShot, expect, leaderOf, openElected, pause, test } from './fixtures';
import { lessonPanel, playLesson } from './lessonPlayer';

test('the library lists every lesson with its length, and opens one', async ({ page }) => {
  await page.goto('/learn');
  await expect(page.getByRole('heading', { name: 'Learn Raft', level: 1 })).toBeVisible();
  for (const lesson of LESSONS) {
    const item = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: lesson.title }) });
    await expect(item).toContainText(`${lesson.steps.length} steps · about ${lesson.minutes} min`);
  }
  // A first visit points to the first lesson, which the list also links.
  await expect(page.getByRole('link', { name: LESSONS[0].title })).toHaveCount(2);
  await page.getByRole('listitem').getByRole('link', { name: LESSONS[0].title }).click();
  await expect(page).toHaveURL(`/learn/${LESSONS[0].id}`);
  await expect(lessonPanel(page).getByText(`Step 1 of ${LESSONS[0].steps.length}`)).toBeVisible();
});

for (const lesson of LESSONS) {
  test(`lesson "${lesson.title}" plays start to end`, async ({ page }) => {
    // Ten times the lessons' own pace: the steps wait for events, not for time.
    await page.goto(`/learn/${lesson.id}?speed=0.5`);
    await playLesson(page, lesson);
  });
}

test('the library remembers lessons finished and where to continue the others', async ({ page }) => {
  await page.goto('/learn');
  await expect(page.getByText('New to Raft? Start with')).toBeVisible();
  const transfer = LESSONS.find((l) => l.id === 'leadership-transfer')!;
  await page.goto(`/learn/${transfer.id}?speed=0.5`);
  await playLesson(page, transfer);
  // Opened at step 2 and left there.
  await page.goto('/learn/election?step=2');
  await expect(lessonPanel(page).getByText(/^Step 2 of /)).toBeVisible();
  await page.goto('/learn');
  const item = (title: string) =>
    page.getByRole('listitem').filter({ has: page.getByRole('link', { name: title }) });
  const election = LESSONS.find((l) => l.id === 'election')!;
  await expect(item(transfer.title)).toContainText('✓ Done');
  await expect(item(election.title).getByRole('link', { name: 'Continue at step 2' })).toHaveAttribute(
    'href',
    '/learn/election?step=2',
  );
  await expect(item(LESSONS[0].title)).not.toContainText(/Done|Continue/);
  await expect(page.getByText(`You finished 1 of ${LESSONS.length} lessons.`)).toBeVisible();
  await expect(page.getByRole('link', { name: LESSONS[0].title })).toHaveCount(2); // the list's and Next:
  await page.getByRole('button', { name: 'Forget my progress' }).click();
  await expect(page.getByText('New to Raft? Start with')).toBeVisible();
  await expect(page.getByText('✓ Done')).toHaveCount(0);
});

test('Back returns the cluster to where the step started, and the step plays again', async ({ page }) => {
  const lesson = LESSONS.find((l) => l.id === 'cast')!;
  const crash = lesson.steps.findIndex((s) => s.task?.solution.some((a) => a.do === 'crash'));
  await page.goto(`/learn/cast?step=${crash + 2}`);
  const panel = lessonPanel(page);
  await expect(panel.getByText(`Step ${crash + 2} of ${lesson.steps.length}`)).toBeVisible();
  await expect(page.getByRole('button', { name: /^Node \d+, crashed/ })).toHaveCount(1);
  await panel.getByRole('button', { name: 'Back' }).click();
  await expect(panel.getByText(`Step ${crash + 1} of ${lesson.steps.length}`)).toBeVisible();
  // Before the crash again: every node is up, and the learner is asked to crash the leader.
  await expect(page.getByRole('button', { name: /^Node \d+, crashed/ })).toHaveCount(0);
  await expect(panel.getByText('Your turn:', { exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: /^Node \d+, leader/ })).toHaveCount(1);
});

test('a lesson opened at ?step= asks its question beside the cluster (the README picture)', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/learn/replication?step=3');
  const panel = lessonPanel(page);
  await expect(panel.getByText('Step 3 of 4')).toBeVisible();
  await expect(
    panel.getByRole('group', { name: 'When may the leader count entry 2 as committed?' }),
  ).toBeVisible();
  await expect(panel.getByRole('button', { name: 'Once a majority of servers store it' })).toBeEnabled();
  await page.screenshot({ path: docsShot('lesson.png') });
});

test('Save as lesson writes a lesson file that opens from the library where the cluster was', async ({
  page,
}) => {
  await openElected(page, { seed: 5, options: { speed: 0.5 } });
  const { id: leader } = await leaderOf(page);
  await page.getByRole('button', { name: new RegExp(`^Node ${leader},`) }).click();
  await page.getByRole('button', { name: 'Crash', exact: true }).click();
  await expect(page.getByRole('button', { name: new RegExp(`^Node ${leader}, crashed`) })).toBeVisible();
  await pause(page);
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Save as lesson' }).click();
  const file = test.info().outputPath('saved.lesson.json');
  await (await downloading).saveAs(file);

  await page.goto('/learn');
  await page.getByLabel('Open a lesson file').setInputFiles(file);
  await expect(page).toHaveURL('/learn/file');
  const panel = lessonPanel(page);
  await expect(panel.getByText('Step 1 of 1')).toBeVisible();
  await expect(panel.getByRole('heading', { name: 'Where we are' })).toBeVisible();
  await expect(page.getByRole('button', { name: new RegExp(`^Node ${leader}, crashed`) })).toBeVisible();
  await panel.getByRole('button', { name: 'Finish' }).click();
  await expect(panel.getByRole('heading', { name: 'Lesson complete' })).toBeVisible();
});
