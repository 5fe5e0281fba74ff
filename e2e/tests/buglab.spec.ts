import { docsShot, expect, test } from './fixtures';

test('the bug lab creates a cluster with a bug switch on, and the dashboard marks it', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/c\/[a-z0-9]+$/);
  const first = page.url();
  await page.getByText('Bug lab', { exact: true }).click();
  const switches = page.getByRole('group', { name: 'Bug switches' });
  await expect(switches.getByRole('checkbox')).toHaveCount(7);
  await switches.getByRole('checkbox', { name: /figure8-commit/ }).check();
  await page.screenshot({ path: docsShot('bug-lab.png'), clip: { x: 0, y: 0, width: 900, height: 420 } });
  await page.getByRole('button', { name: 'Create buggy cluster', exact: true }).click();
  await expect(page).not.toHaveURL(first);
  await expect(page).toHaveURL(/\/c\/[a-z0-9]+$/);
  await expect(page.getByLabel('Warning: bug switches on: figure8-commit')).toBeVisible();
  const id = page.url().split('/').pop();
  const state = await (await page.request.get(`/api/clusters/${id}`)).json();
  expect(state.view.config.bugs).toEqual(['figure8-commit']);
});
