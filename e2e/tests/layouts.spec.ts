/**
 * Two layouts beside the dashboard's 1280 × 800 (issue 15). Presenter mode at 1280 × 720,
 * for a projector: the ring fills the screen, every word drawn on it and in the panels
 * shown is 16 px or more, the expert panels fold under `More panels` and open again,
 * nothing scrolls sideways. A phone at 390 × 844: one column, no sideways scroll, the
 * controls right under the ring, touch-sized buttons, on the dashboard, a lesson,
 * /learn and /glossary.
 */
import type { Page } from '@playwright/test';
import { docsShot, expect, openElected, test } from './fixtures';
import { expectReadable, measure } from './ringBoxes';

const PRESENTER = { width: 1280, height: 720 };
const PHONE = { width: 390, height: 844 };

/**
 * Every word shown in `root` that is drawn smaller than `min` px: an element's own text
 * at its computed font size, times the drawing's scale for SVG text (getScreenCTM).
 */
async function smallWords(page: Page, root: string, min: number): Promise<string[]> {
  return page.locator(root).evaluate((el, min) => {
    const small: string[] = [];
    for (const node of el.querySelectorAll('*')) {
      const own = [...node.childNodes].some((c) => c.nodeType === Node.TEXT_NODE && c.textContent!.trim());
      if (!own || !node.checkVisibility({ visibilityProperty: true, opacityProperty: true })) continue;
      const box = node.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      let size = parseFloat(getComputedStyle(node).fontSize);
      if (node instanceof SVGGraphicsElement) size *= node.getScreenCTM()?.a ?? 1;
      if (size < min - 0.05)
        small.push(`${node.tagName} "${node.textContent!.trim().slice(0, 30)}": ${size.toFixed(1)}px`);
    }
    return small;
  }, min);
}

const noSidewaysScroll = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

/** The boxes of the panels shown in the page's one column (the ring's box among them). */
const columnBoxes = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('.main .panel, .main .ring-wrap')]
      .filter((el) => el.checkVisibility() && !el.closest('.ring-wrap, .legend, .panel .panel'))
      .map((el) => {
        const { left, width } = el.getBoundingClientRect();
        return {
          name: el.getAttribute('aria-label') ?? el.querySelector('h2')?.textContent ?? el.className,
          left,
          width,
        };
      }),
  );

const box = async (page: Page, selector: string) => (await page.locator(selector).first().boundingBox())!;

test.describe('presenter mode at 1280 × 720', () => {
  test.use({ viewport: PRESENTER });

  test('the ring fills the screen, every word is 16 px or more, expert panels fold and open', async ({
    page,
  }) => {
    await openElected(page, { nodes: 5, seed: 7, options: { speed: 0.3 } });
    const toggle = page.getByRole('button', { name: 'Presenter mode' });
    await expect(toggle).toHaveAttribute('aria-pressed', 'false');
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-pressed', 'true');
    await expect(page).toHaveURL(/[?&]present=1/);
    await expect(page.getByRole('img', { name: /^Leader's progress for node \d+:/ })).toHaveCount(4);

    // Folded, not gone: the logs, feed, safety, history and charts, and manual delivery.
    const more = page.getByRole('button', { name: 'More panels' });
    await expect(more).toHaveAttribute('aria-expanded', 'false');
    for (const heading of ['Logs', 'Event feed', 'Safety', 'Client history', 'Manual delivery'])
      await expect(page.getByRole('heading', { name: heading, exact: true })).toBeHidden();
    // The essential controls stay.
    await expect(page.getByRole('button', { name: 'Pause', exact: true })).toBeVisible();
    await expect(page.getByRole('slider', { name: 'Speed' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Crash', exact: true })).toBeVisible();

    const ring = await box(page, 'svg.ring');
    // The drawing inside the ring's box (its viewBox fitted to the box): a large share of the screen.
    const drawn = await page.locator('svg.ring').evaluate((svg: SVGSVGElement) => {
      const { width, height } = svg.viewBox.baseVal;
      const scale = svg.getScreenCTM()!.a;
      return { width: width * scale, height: height * scale, scale };
    });
    expect(ring.width * ring.height, 'the ring box').toBeGreaterThan(
      0.4 * PRESENTER.width * PRESENTER.height,
    );
    expect(drawn.height, 'the ring drawn').toBeGreaterThan(0.65 * PRESENTER.height);
    expect(drawn.width).toBeGreaterThan(0.6 * PRESENTER.width);

    expect(await smallWords(page, 'svg.ring', 16), 'words on the ring under 16 px').toEqual([]);
    expect(await smallWords(page, 'main', 16), 'words in the panels under 16 px').toEqual([]);
    // The header's term, leader and time, and the timeline's "Live, event n", for the room too.
    for (const readout of ['.header__stats', '.timeline__mode'])
      expect(await smallWords(page, readout, 16), `words in ${readout} under 16 px`).toEqual([]);
    const { nodes, badges } = await measure(page);
    expect(nodes).toHaveLength(5);
    expect(badges).toHaveLength(4);
    expectReadable(nodes, badges);
    expect(await noSidewaysScroll(page)).toBe(true);
    // Nothing cut off: the header on one row within the screen, the page no taller than it.
    const header = await box(page, 'header.header');
    expect(header.height).toBeLessThan(60);
    expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThanOrEqual(
      PRESENTER.height,
    );
    await page.screenshot({ path: docsShot('presenter.png') });

    await more.click();
    await expect(more).toHaveAttribute('aria-expanded', 'true');
    for (const heading of ['Logs', 'Event feed', 'Manual delivery'])
      await expect(page.getByRole('heading', { name: heading, exact: true })).toBeAttached();
    await page.getByRole('heading', { name: 'Logs', exact: true }).scrollIntoViewIfNeeded();
    await expect(page.getByRole('heading', { name: 'Logs', exact: true })).toBeVisible();
    // Opened, the expert panels keep the dashboard's type (presenter.css); the rest keeps its own.
    expect(await smallWords(page, '.ring-panel', 16), 'the ring panel under 16 px').toEqual([]);
    expect(await smallWords(page, '.controls', 16), 'the controls under 16 px').toEqual([]);
    expect(await noSidewaysScroll(page)).toBe(true);
    await page.screenshot({ path: test.info().outputPath('presenter-more.png') });

    // The key switches it off again, and the address bar follows.
    await page.locator('body').press('p');
    await expect(toggle).toHaveAttribute('aria-pressed', 'false');
    await expect(page).not.toHaveURL(/present=/);
    await expect(page.getByRole('button', { name: 'More panels' })).toHaveCount(0);
    await expect(page.getByRole('heading', { name: 'Logs', exact: true })).toBeVisible();
  });

  test('a lesson opened with ?present=1 keeps its panel and the controls, in large words', async ({
    page,
  }) => {
    await page.goto('/learn/replication?step=3&present=1');
    const lesson = page.getByRole('region', { name: 'Lesson' });
    await expect(lesson.getByText('Step 3 of 4')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Presenter mode' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    await expect(page.getByRole('heading', { name: 'Logs', exact: true })).toBeHidden();
    await expect(page.getByRole('button', { name: /^(Play|Pause)$/ })).toBeAttached();
    expect(await smallWords(page, 'svg.ring', 16)).toEqual([]);
    expect(await smallWords(page, 'main', 16)).toEqual([]);
    expect(await noSidewaysScroll(page)).toBe(true);
    // Remembered: the next page opens in presenter mode too.
    await page.goto('/learn/replication');
    await expect(page.getByRole('button', { name: 'Presenter mode' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    await page.screenshot({ path: test.info().outputPath('presenter-lesson.png') });
  });
});

test.describe('a phone at 390 × 844', () => {
  test.use({ viewport: PHONE });

  /** The column's panels share one left edge and nearly the screen's width. */
  async function expectOneColumn(page: Page) {
    const boxes = await columnBoxes(page);
    expect(boxes.length).toBeGreaterThan(4);
    for (const b of boxes) {
      expect(Math.abs(b.left - boxes[0].left), `${b.name} in the column`).toBeLessThan(1);
      expect(b.width, `${b.name} as wide as the column`).toBeGreaterThan(PHONE.width - 24);
    }
  }

  /** Every button and field shown in the page is at least `min` px tall (words in sentences aside). */
  const smallTargets = (page: Page, min: number) =>
    page.evaluate((min) => {
      const targets = document.querySelectorAll(
        '.main button:not(.term__word, .msg-list__button), .main input:not([type=checkbox], [type=range], [type=file]), .main select, .header button',
      );
      return [...targets]
        .filter((el) => el.checkVisibility() && el.getBoundingClientRect().height < min)
        .map((el) => `${el.tagName} "${el.textContent?.trim() || el.getAttribute('aria-label')}"`);
    }, min);

  test('the dashboard: one column, the controls under the ring, the header and the timeline fit', async ({
    page,
  }) => {
    await openElected(page, { nodes: 5, seed: 7, options: { speed: 0.3 } });
    expect(await noSidewaysScroll(page)).toBe(true);
    await expectOneColumn(page);
    // Under the ring: the node's actions, the clock, then the KV form.
    const ring = await box(page, '.ring-wrap');
    const node = await box(page, 'section[aria-labelledby="node-heading"]');
    const clock = await box(page, 'section[aria-labelledby="clock-heading"]');
    const kv = await box(page, 'section[aria-labelledby="kv-heading"]');
    expect(node.y - (ring.y + ring.height), 'the node panel right under the ring').toBeLessThan(16);
    expect(node.y).toBeGreaterThan(ring.y);
    expect(clock.y - (node.y + node.height)).toBeLessThan(16);
    expect(kv.y - (clock.y + clock.height)).toBeLessThan(16);
    expect(ring.y + ring.height, 'the ring whole on the first screen').toBeLessThan(PHONE.height);
    expect(await smallTargets(page, 36), 'buttons and fields under 36 px').toEqual([]);
    // The header: nothing past the screen's edge; the timeline's slider across the screen.
    const past = await page.evaluate(() =>
      [...document.querySelectorAll('header.header *')]
        .filter((el) => el.checkVisibility() && el.getBoundingClientRect().right > window.innerWidth + 0.5)
        .map((el) => el.textContent),
    );
    expect(past).toEqual([]);
    const slider = await box(page, '.timeline__slider');
    expect(slider.width).toBeGreaterThan(PHONE.width - 40);
    expect(slider.height).toBeGreaterThanOrEqual(36);
    // The ring's words a size larger than the dashboard's, drawn nearly at full scale (ringView.ts).
    expect(await smallWords(page, 'svg.ring', 10.5), 'words on the ring').toEqual([]);
    await page.screenshot({ path: docsShot('phone.png') });
    await page.screenshot({ path: test.info().outputPath('phone-dashboard-full.png'), fullPage: true });
    // The controls work from there: crash the selected node.
    await page.getByRole('button', { name: /^Node 1,/ }).click();
    await page.getByRole('button', { name: 'Crash', exact: true }).click();
    await expect(page.getByRole('button', { name: /^Node 1, crashed/ })).toBeVisible();
  });

  test('a lesson: its panel, then the ring, then the controls, in one column', async ({ page }) => {
    await page.goto('/learn/replication?step=3');
    const lesson = page.getByRole('region', { name: 'Lesson' });
    await expect(lesson.getByText('Step 3 of 4')).toBeVisible();
    expect(await noSidewaysScroll(page)).toBe(true);
    await expectOneColumn(page);
    const panel = (await lesson.boundingBox())!;
    const ring = await box(page, '.ring-wrap');
    const node = await box(page, 'section[aria-labelledby="node-heading"]');
    expect(ring.y).toBeGreaterThan(panel.y + panel.height);
    expect(node.y - (ring.y + ring.height)).toBeLessThan(16);
    expect(await smallTargets(page, 36)).toEqual([]);
    await page.screenshot({ path: test.info().outputPath('phone-lesson-full.png'), fullPage: true });
  });

  for (const path of ['/learn', '/glossary'])
    test(`${path}: no sideways scroll, one column`, async ({ page }) => {
      await page.goto(path);
      const selector = path === '/learn' ? '.learn__lesson' : '.glossary__entry';
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expect(page.locator(selector).nth(5)).toBeVisible();
      expect(await noSidewaysScroll(page)).toBe(true);
      const items = await page.evaluate(
        (selector) =>
          [...document.querySelectorAll(selector)].map((el) => {
            const { left, width } = el.getBoundingClientRect();
            return { left, width };
          }),
        selector,
      );
      expect(items.length).toBeGreaterThan(5);
      for (const item of items) {
        expect(Math.abs(item.left - items[0].left)).toBeLessThan(1);
        expect(item.width).toBeGreaterThan(PHONE.width - 48);
      }
      await page.screenshot({
        path: test.info().outputPath(`phone${path.replace('/', '-')}.png`),
        fullPage: true,
      });
    });
});
