import { docsShot, expect, openElected, pause, putFromForm, test } from './fixtures';

test('client history lanes: an operation’s bar highlights its log entry; applied tables agree', async ({
  page,
}) => {
  await openElected(page, { seed: 8, options: { speed: 0.3 } });
  for (const [key, value] of [
    ['x', '1'],
    ['y', '2'],
  ]) {
    await putFromForm(page, key, value);
    // `x = 1 —`, not just the value: "1" alone would match an earlier answer's "index 1".
    await expect(page.getByRole('log', { name: 'Results' }).getByRole('listitem').first()).toContainText(
      `${key} = ${value} —`,
    );
  }
  await pause(page);
  const history = page.getByRole('group', { name: 'Client history' });
  const op = history.getByRole('button', { name: /^put x = 1 by client \d+: ok at index \d+$/ });
  await expect(op).toBeVisible();
  const index = Number(/index (\d+)$/.exec((await op.getAttribute('aria-label')) ?? '')![1]);
  const picked = page.locator('[role=cell][aria-current=true]');
  // Scrolled into view, the lanes catch up on the virtual time they skipped while off
  // screen (they refresh once a second there), and a bar can move between the press and
  // the release of a click: click again until the entry is picked.
  await expect(async () => {
    await op.click();
    await expect(picked).toHaveCount(5, { timeout: 1000 });
  }).toPass();
  await expect(picked.first()).toContainText(`${index} ·`);
  await expect(picked.first()).toContainText('put x=1');

  const tables = page.getByRole('table', { name: 'Applied key-value tables' });
  await expect(tables.getByRole('row', { name: /^x 1 1 1 1 1$/ })).toBeVisible();
  await expect(tables.getByRole('row', { name: /^y 2 2 2 2 2$/ })).toBeVisible();
  const verdict = page.getByRole('region', { name: 'Client history' });
  await verdict.getByRole('button', { name: 'Check history', exact: true }).click();
  await expect(verdict.getByRole('status')).toHaveText('Linearizable ✓');
  await expect(verdict.getByText('2 operations checked', { exact: true })).toBeVisible();
  await page
    .locator('.stage__row')
    .nth(1)
    .screenshot({ path: docsShot('clients.png') });
});
