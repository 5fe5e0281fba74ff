import { expect, openElected, putFromForm, test } from './fixtures';

test('the live region announces the election and, coalesced, the commit of a write', async ({ page }) => {
  await openElected(page, { seed: 8, options: { speed: 0.3 } });
  const region = page.getByLabel('Announcements');
  await expect(region).toHaveAttribute('aria-live', 'polite');
  await expect(region).toContainText(/Node \d+ became leader in term \d+/);
  await putFromForm(page, 'x', '1');
  const results = page.getByRole('log', { name: 'Results' });
  await expect(results.getByRole('listitem').first()).toContainText(/index (\d+)/);
  const index = Number(/index (\d+)/.exec(await results.getByRole('listitem').first().innerText())![1]);
  // The put's entry (or a later one) is read out as committed, once, not once per node.
  await expect
    .poll(async () => {
      const texts = await region.getByRole('paragraph').allInnerTexts();
      return texts.some((t) => {
        const m = /^(?:Entry|Entries up to) (\d+) committed in term \d+$/.exec(t);
        return m !== null && Number(m[1]) >= index;
      });
    })
    .toBe(true);
  const texts = await region.getByRole('paragraph').allInnerTexts();
  expect(new Set(texts.filter((t) => t.includes('committed'))).size).toBe(
    texts.filter((t) => t.includes('committed')).length,
  );
});
