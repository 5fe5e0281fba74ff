import { docsShot, expect, leaderNode, leaderOf, openElected, putFromForm, test } from './fixtures';

test('keyboard shortcuts: ? opens help, digits select, c/r crash and restart, t times out, h heals, Space pauses', async ({
  page,
}) => {
  await openElected(page, { seed: 5, options: { speed: 0.5, preVote: false, checkQuorum: false } });
  const { id: leader, term } = await leaderOf(page);
  const follower = leader === 1 ? 2 : 1;

  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  await expect(help).toContainText('Crash the selected node');
  await page.keyboard.press('Escape');
  await expect(help).toHaveCount(0);

  await page.keyboard.press(String(follower));
  const node = page.getByRole('button', { name: new RegExp(`^Node ${follower}, `) });
  await expect(node).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('t');
  await expect(
    page.getByRole('button', { name: new RegExp(`^Node ${follower}, \\w+, term ${term + 1}$`) }),
  ).toBeVisible();
  await page.keyboard.press('c');
  await expect(page.getByRole('button', { name: new RegExp(`^Node ${follower}, crashed`) })).toBeVisible();
  await page.keyboard.press('r');
  await expect(
    page.getByRole('button', { name: new RegExp(`^Node ${follower}, (follower|candidate|leader)`) }),
  ).toBeVisible();

  const link = page.getByRole('button', { name: 'Link between node 1 and node 2', exact: true });
  await link.click();
  await expect(link).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('h');
  await expect(link).toHaveAttribute('aria-pressed', 'false');

  await page.locator('body').focus();
  await page.keyboard.press(' ');
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
  await page.keyboard.press('s');
  await page.keyboard.press(' ');
  await expect(page.getByRole('button', { name: 'Pause', exact: true })).toBeVisible();
});

test('a hidden tab pauses the clock and resumes it on return, only if it was running', async ({ page }) => {
  await openElected(page, { seed: 5, options: { speed: 0.5 } });
  await expect(page.getByRole('button', { name: 'Pause', exact: true })).toBeEnabled();
  const setHidden = (hidden: boolean) =>
    page.evaluate((h) => {
      Object.defineProperty(document, 'hidden', { value: h, configurable: true });
      document.dispatchEvent(new Event('visibilitychange'));
    }, hidden);
  await setHidden(true);
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
  await setHidden(false);
  await expect(page.getByRole('button', { name: 'Pause', exact: true })).toBeVisible();
  // Paused by the person: coming back does not resume it.
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
  await setHidden(true);
  await setHidden(false);
  await page.waitForTimeout(500);
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
});

test('the theme toggle switches to dark and back', async ({ page }) => {
  await openElected(page, { seed: 4, options: { speed: 0.25 } });
  await page.getByRole('button', { name: 'Dark theme', exact: true }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  for (const [key, value] of [
    ['x', '1'],
    ['y', '2'],
  ]) {
    await putFromForm(page, key, value);
    await expect(page.getByText(`put ${key}=${value}`)).toHaveCount(5);
  }
  await leaderNode(page).click();
  await page.screenshot({ path: docsShot('dashboard-dark.png') });
  await page.getByRole('button', { name: 'Light theme', exact: true }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
});
