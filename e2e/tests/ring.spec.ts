/**
 * The ring stays readable: on rings of 3, 5, 7 and 9 nodes, as drawn, no progress badge
 * covers a node's role or term caption, and no node's body or timer arc covers another's
 * caption. Boxes are measured in the page (getBoundingClientRect).
 */
import { expect, openElected, test } from './fixtures';
import { expectReadable, measure } from './ringBoxes';

for (const size of [3, 5, 7, 9]) {
  test(`${size} nodes: badges and arcs leave every role and caption readable`, async ({ page }) => {
    await openElected(page, { nodes: size, seed: 7, options: { speed: 0.3 } });
    await expect(page.getByRole('img', { name: /^Leader's progress for node \d+:/ })).toHaveCount(size - 1);
    const { nodes, badges } = await measure(page);
    await page.locator('.ring-panel').screenshot({ path: test.info().outputPath(`ring-${size}.png`) });
    expect(nodes).toHaveLength(size);
    expectReadable(nodes, badges);
  });
}
