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

/** The boxes of the ring, its canvas of arcs and messages, and the list of message buttons. */
async function layers(page: import('@playwright/test').Page) {
  const box = async (selector: string) => {
    const b = (await page.locator(selector).boundingBox())!;
    return [b.x, b.y, b.width, b.height].map(Math.round);
  };
  return { ring: await box('svg.ring'), canvas: await box('.ring__canvas'), list: await box('.msg-list') };
}

for (const [name, path, viewport] of [
  ['the dashboard, beside a legend taller than the ring', '', { width: 1280, height: 800 }],
  ['presenter mode', '?present=1', { width: 1280, height: 720 }],
  ['a phone', '', { width: 390, height: 844 }],
] as const) {
  test(`the canvas of arcs and messages lies exactly over the ring: ${name}`, async ({ page }) => {
    await page.setViewportSize(viewport);
    const id = await openElected(page, { seed: 7 });
    if (path) {
      await page.goto(`/c/${id}${path}`);
      await expect(page.getByRole('button', { name: /^Node 1,/ })).toBeVisible();
    }
    // The Nodes legend (eleven keys) is taller than the ring at 1280 × 800.
    const { ring, canvas, list } = await layers(page);
    expect(canvas).toEqual(ring);
    expect(list).toEqual(ring);
  });
}
