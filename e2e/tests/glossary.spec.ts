/**
 * The glossary page and the defined words on the dashboard: every entry at its anchor
 * with its section's link; a word's tooltip on focus and on hover, closed by Escape; the
 * header's Glossary link, with the header still one row at 1280 px.
 */
import { GLOSSARY } from '../../apps/web/src/features/glossary/glossary';
import { expect, openCluster, test } from './fixtures';

test('the glossary lists every term with its definition and section, each at its anchor', async ({
  page,
}) => {
  await page.goto('/glossary#commit-index');
  await expect(page.getByRole('heading', { name: 'Glossary', level: 1 })).toBeVisible();
  await expect(page).toHaveTitle('Glossary — RaftLab');
  // No cluster was made for it: the address stays the glossary's.
  await expect(page).toHaveURL(/\/glossary#commit-index$/);
  const entries = page.locator('.glossary__entry');
  await expect(entries).toHaveCount(GLOSSARY.length);
  for (const entry of GLOSSARY) {
    const item = page.locator(`[id="${entry.id}"]`);
    await expect(item.getByRole('term')).toHaveText(entry.term);
    await expect(item.getByRole('definition')).toContainText(entry.definition);
    await expect(item.getByRole('link', { name: entry.cite })).toHaveAttribute('href', entry.link);
  }
  await expect(page.locator('[id="commit-index"]')).toBeInViewport();
  await expect(page.locator('[id="commit-index"]')).toHaveClass(/glossary__entry--target/);
  await page.screenshot({ path: test.info().outputPath('glossary.png') });
});

test('a defined word shows its definition on focus and on hover; Escape closes it', async ({ page }) => {
  await openCluster(page, { options: { paused: true } });
  const logs = page.getByRole('region', { name: 'Logs' });
  const word = logs.getByRole('button', { name: 'commit index', exact: true });
  const definition = GLOSSARY.find((e) => e.id === 'commit-index')!;
  await expect(word).toHaveAccessibleDescription(
    new RegExp(`^Commit index\\. ${definition.definition.slice(0, 40)}`),
  );

  await word.focus();
  const tip = page.getByRole('tooltip');
  await expect(tip).toBeVisible();
  await expect(tip).toContainText(definition.definition);
  await expect(tip.getByRole('link', { name: 'Raft paper §5.3' })).toHaveAttribute(
    'href',
    'https://raft.github.io/raft.pdf',
  );
  // The tooltip sits by its word, inside the window.
  const [wordBox, tipBox] = [await word.boundingBox(), await tip.boundingBox()];
  expect(tipBox!.y).toBeGreaterThan(wordBox!.y);
  expect(tipBox!.x + tipBox!.width).toBeLessThanOrEqual(1280);
  await page.screenshot({ path: test.info().outputPath('term-tooltip.png') });
  // Tab moves into the tooltip's link, and the tooltip stays while it has the focus.
  await page.keyboard.press('Tab');
  await expect(tip.getByRole('link', { name: 'Raft paper §5.3' })).toBeFocused();
  await expect(tip).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('tooltip')).toBeHidden();

  await page.mouse.move(0, 0);
  await page.keyboard.press('Shift+Tab');
  await word.blur();
  await logs.getByRole('button', { name: 'applied index', exact: true }).hover();
  await expect(page.getByRole('tooltip')).toContainText('lastApplied');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('tooltip')).toBeHidden();
});

test('the header links to the glossary and stays one row at 1280 px, paused and with bugs on', async ({
  page,
}) => {
  await openCluster(page, { options: { paused: true, bugs: ['figure8-commit'] } });
  const header = page.locator('header.header');
  await expect(header.getByText('paused', { exact: true })).toBeVisible();
  const rows = await header.evaluate((el) =>
    [...el.children].map((child) => Math.round(child.getBoundingClientRect().top)),
  );
  const height = (await header.boundingBox())!.height;
  await header.screenshot({ path: test.info().outputPath('header.png') });
  expect(height, `header is ${height}px tall: it wrapped`).toBeLessThan(60);
  expect(Math.max(...rows) - Math.min(...rows)).toBeLessThanOrEqual(8);
  await header.getByRole('link', { name: 'Glossary', exact: true }).click();
  await expect(page).toHaveURL(/\/glossary$/);
  await expect(page.getByRole('heading', { name: 'Glossary', level: 1 })).toBeVisible();
});
