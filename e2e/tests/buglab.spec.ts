import { docsShot, expect, test } from './fixtures';

test('the bug lab creates a cluster with a bug switch on, and the dashboard marks it', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/c\/[a-z0-9]+$/);
  const first = page.url();
  await page.getByText('Bug lab', { exact: true }).click();
  const switches = page.getByRole('group', { name: 'Bug switches' });
  await expect(switches.getByRole('checkbox')).toHaveCount(7);
  // Each switch says how to see it go wrong and which panel will catch it.
  const figure8 = switches.getByRole('checkbox', { name: /figure8-commit/ });
  await expect(figure8).toHaveAccessibleDescription(
    /To see it.*Time out.*Caught by the Safety panel \(Leader commit rule §5\.4\.2\).*Runs with one entry per AppendEntries/,
  );
  await expect(
    switches.getByRole('checkbox', { name: /local-linearizable-reads/ }),
  ).toHaveAccessibleDescription(
    /Isolate leader.*Caught by the client history’s verdict \(Not linearizable\).*check-quorum off/,
  );
  await figure8.check();
  await page.screenshot({ path: docsShot('bug-lab.png'), clip: { x: 0, y: 0, width: 1000, height: 700 } });
  await page.getByRole('button', { name: 'Create buggy cluster', exact: true }).click();
  await expect(page).not.toHaveURL(first);
  await expect(page).toHaveURL(/\/c\/[a-z0-9]+$/);
  await expect(page.getByLabel('Warning: bug switches on: figure8-commit')).toBeVisible();
  const id = page.url().split('/').pop();
  const state = await (await page.request.get(`/api/clusters/${id}`)).json();
  expect(state.view.config.bugs).toEqual(['figure8-commit']);
  // The recipe's setting came along: one entry per AppendEntries.
  expect(state.view.config.maxEntriesPerMessage).toBe(1);
});
