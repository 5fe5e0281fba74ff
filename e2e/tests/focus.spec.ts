/**
 * The keyboard focus on the ring (issue 15): Tab reaches the links and the nodes, and each
 * shows a ring in the focus colour — counted in the pixels of a screenshot, so the test
 * fails if the indicator is missing, hidden, covered or too faint to tell — that stays
 * inside the ring's drawing, in the light and the dark theme.
 */
import type { Locator, Page } from '@playwright/test';
import { expect, openElected, pause, test } from './fixtures';

/** Presses Tab until the focus is on an element matching `selector`; returns that element. */
async function tabTo(page: Page, selector: string): Promise<Locator> {
  for (let i = 0; i < 100; i++) {
    await page.keyboard.press('Tab');
    const name = await page.evaluate(
      (s) => (document.activeElement?.matches(s) ? document.activeElement.getAttribute('aria-label') : null),
      selector,
    );
    // By its name, which stays when the focus leaves it.
    if (name) return page.getByRole('button', { name, exact: true });
  }
  throw new Error(`Tab never reached ${selector}`);
}

type Clip = { x: number; y: number; width: number; height: number };

/** The pixels of `clip` within a small distance of the `--focus` token's colour. */
async function focusPixels(page: Page, clip: Clip): Promise<number> {
  const png = await page.screenshot({ clip });
  return page.evaluate(async (base64) => {
    const hex = getComputedStyle(document.documentElement).getPropertyValue('--focus').trim();
    const want = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const context = canvas.getContext('2d')!;
    context.drawImage(bitmap, 0, 0);
    const { data } = context.getImageData(0, 0, bitmap.width, bitmap.height);
    let count = 0;
    for (let i = 0; i < data.length; i += 4) {
      const distance =
        Math.abs(data[i] - want[0]) + Math.abs(data[i + 1] - want[1]) + Math.abs(data[i + 2] - want[2]);
      if (distance < 40) count++;
    }
    return count;
  }, png.toString('base64'));
}

/** `box` grown by `margin` on every side. */
const grown = (box: Clip, margin: number): Clip => ({
  x: box.x - margin,
  y: box.y - margin,
  width: box.width + 2 * margin,
  height: box.height + 2 * margin,
});

/**
 * Expects `target`, which has the focus, to show `minPixels` more pixels of the focus
 * colour around it than without the focus, and saves the picture with the focus as `shot`.
 */
async function expectFocusRing(page: Page, target: Locator, minPixels: number, shot: string) {
  const clip = grown((await target.boundingBox())!, 24);
  const focused = await focusPixels(page, clip);
  await page.screenshot({ clip, path: test.info().outputPath(shot) });
  await target.evaluate((e) => (e as SVGElement).blur());
  const unfocused = await focusPixels(page, clip);
  expect(focused - unfocused, `focus-coloured pixels gained around ${shot}`).toBeGreaterThan(minPixels);
  await target.focus();
}

for (const theme of ['light', 'dark'] as const) {
  test(`Tab shows a clear focus ring on a link and on each node (${theme})`, async ({ page }) => {
    await page.addInitScript((t) => localStorage.setItem('raftlab-theme', t), theme);
    await openElected(page, { seed: 3 });
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    // Nothing moves while the pictures are compared (the messages' glyphs stand still).
    await pause(page);

    const link = await tabTo(page, '.link');
    await expect(link).toHaveAccessibleName(/^Link between node \d and node \d$/);
    // Two edges 3 px wide along the stretch of the link between the nodes' bodies.
    await expectFocusRing(page, link, 250, `focus-link-${theme}.png`);

    const ring = page.locator('svg.ring').boundingBox();
    const node = await tabTo(page, '.node');
    await expectFocusRing(page, node, 800, `focus-node-${theme}.png`);
    // Every node's ring is inside the ring's drawing, where the SVG does not clip it.
    const view = (await ring)!;
    for (let i = 0; i < 5; i++) {
      // The box of a circle leaves out half its stroke, 2 px.
      const box = grown((await page.locator('.node:focus .node__focus').boundingBox())!, 2);
      expect(box.width).toBeGreaterThan(4);
      expect(box.x).toBeGreaterThanOrEqual(view.x);
      expect(box.y).toBeGreaterThanOrEqual(view.y);
      expect(box.x + box.width).toBeLessThanOrEqual(view.x + view.width);
      expect(box.y + box.height).toBeLessThanOrEqual(view.y + view.height);
      // The leader's ring runs between its timer arc and its crown: worth a look.
      const focused = page.locator('.node:focus');
      if (/leader/.test((await focused.getAttribute('aria-label')) ?? ''))
        await page.screenshot({
          clip: grown((await focused.boundingBox())!, 12),
          path: test.info().outputPath(`focus-leader-${theme}.png`),
        });
      if (i < 4) await page.keyboard.press('Tab');
    }
  });
}
