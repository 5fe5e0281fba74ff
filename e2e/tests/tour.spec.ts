/** The dashboard's tour (issue 15): offered on a first visit, dismissed for good, reopened from the help. */
import { expect, openCluster, test } from './fixtures';

test('a first visit offers the tour; it walks the dashboard, ends, stays ended, and reopens from the help', async ({
  page,
}) => {
  await openCluster(page, { seed: 2 });
  const tour = page.getByRole('dialog', { name: 'The cluster' });
  await expect(tour).toBeVisible();
  await expect(page.locator('.ring-panel')).toHaveClass(/tour-target/);
  const titles = [
    'Timers and messages',
    'The timeline',
    'The logs',
    'What happened',
    'Is it right?',
    'Your hands',
  ];
  for (const title of titles) {
    await page.getByRole('button', { name: 'Next' }).click();
    const card = page.getByRole('dialog', { name: title });
    await expect(card).toBeVisible();
    // The card does not hide what it speaks of.
    const a = (await card.boundingBox())!;
    const b = (await page.locator('.tour-target').boundingBox())!;
    const overlap =
      a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
    expect(overlap, title).toBe(false);
  }
  await expect(page.locator('.controls')).toHaveClass(/tour-target/);
  await expect(page.getByRole('link', { name: 'Start a lesson' })).toHaveAttribute('href', '/learn');
  await page.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByRole('dialog', { name: 'Your hands' })).toHaveCount(0);
  await expect(page.locator('.tour-target')).toHaveCount(0);

  await page.reload();
  await expect(page.getByRole('status', { name: 'Connection: Live' })).toBeVisible();
  await expect(page.getByRole('dialog', { name: 'The cluster' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
  await page.getByRole('button', { name: 'Take the tour' }).click();
  await expect(page.getByRole('dialog', { name: 'The cluster' })).toBeVisible();
  await page.getByRole('button', { name: 'Skip tour' }).click();
  await expect(page.getByRole('dialog', { name: 'The cluster' })).toHaveCount(0);
});

test('a lesson does not offer the tour', async ({ page }) => {
  await page.goto('/learn/cast');
  await expect(page.getByRole('region', { name: 'Lesson' })).toBeVisible();
  await expect(page.getByRole('dialog', { name: 'The cluster' })).toHaveCount(0);
});
