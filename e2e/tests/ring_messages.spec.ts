/**
 * The ring's messages in flight: a list of buttons for the keyboard, a glyph clicked only
 * where it is drawn, a link's line beside a glyph still the link's, and a message's details
 * closed when it is delivered. (ring.spec.ts measures what covers what.)
 */
import type { Locator, Page } from '@playwright/test';
import { expect, openElected, pause, stepUntil, test, type ClusterView } from './fixtures';

type Box = { x: number; y: number; width: number; height: number };
const centre = (b: Box) => ({ x: b.x + b.width / 2, y: b.y + b.height / 2 });

/** Neighbours on a 5-node ring (ids clockwise): no other link crosses theirs. */
const neighbours = (a: number, b: number) => [1, 4].includes(Math.abs(a - b));

/** Steps a paused cluster until a message between ring neighbours, not in `seen`, is in flight. */
async function nextNeighbourlyMessage(page: Page, id: string, seen: Set<number>) {
  const isNeighbourly = (view: ClusterView) =>
    (view.messages as { id: number; msg: { from: number; to: number } }[]).find(
      (m) => neighbours(m.msg.from, m.msg.to) && !seen.has(m.id),
    );
  const view = await stepUntil(page.request, id, (v) => isNeighbourly(v) !== undefined);
  return isNeighbourly(view)!;
}

type Point = { x: number; y: number };

/**
 * The point of the line from node centre `a` to node centre `b` nearest to `p`. A link's
 * line runs between the centres; its element's box is wider than the line (its stroke and
 * its click area), so the box's diagonal missed the line by a few px near the nodes, off
 * the band the ring keeps for the link's clicks (geometry.ts LINK_BAND): a flake.
 */
function nearestOnLine(a: Point, b: Point, p: Point): Point {
  const [dx, dy] = [b.x - a.x, b.y - a.y];
  const t = Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / (dx * dx + dy * dy || 1)));
  return { x: a.x + t * dx, y: a.y + t * dy };
}

/** Where node `id`'s centre is on the screen. */
const nodeCentre = async (page: Page, id: number): Promise<Point> =>
  centre((await page.locator(`.node[aria-label^="Node ${id},"] .node__body`).boundingBox())!);

/**
 * Waits until the page shows the paused cluster where the server has it: the frames of the
 * last steps may still be on their way (CI saw a glyph measured from an older frame move
 * before the click), and a message's place on the ring is a function of the moment shown.
 */
async function caughtUp(page: Page, id: string): Promise<void> {
  const { clock } = (await (await page.request.get(`/api/clusters/${id}`)).json()) as {
    clock: { seq: number };
  };
  const seq = clock.seq.toLocaleString('en-US');
  await expect(page.getByRole('slider', { name: 'Timeline' })).toHaveAttribute(
    'aria-valuetext',
    new RegExp(`^event ${seq} of ${seq} `),
  );
}

const messageButton = (page: Page, id: number): Locator =>
  page.getByRole('list', { name: 'Messages in flight' }).locator(`[data-message-id="${id}"]`);

test('a message in flight is a button: Enter pins its details, the arrows move on, and the details close when it is delivered', async ({
  page,
}) => {
  const id = await openElected(page, { seed: 3, options: { speed: 0.3 } });
  await pause(page);
  const view = await stepUntil(page.request, id, (v) => v.messages.length >= 2);
  await caughtUp(page, id);
  const list = page.getByRole('list', { name: 'Messages in flight' });
  const buttons = list.getByRole('button');
  await expect(buttons).toHaveCount(view.messages.length);
  await expect(buttons.first()).toHaveAccessibleName(/^[A-Za-z]+ \d→\d term \d+/);
  // One tab stop; the arrows go from message to message.
  await expect(list.locator('button[tabindex="0"]')).toHaveCount(1);
  await buttons.first().focus();
  await page.keyboard.press('ArrowDown');
  await expect(buttons.nth(1)).toBeFocused();

  const mid = Number(await buttons.nth(1).getAttribute('data-message-id'));
  expect((view.messages as { id: number }[]).some((m) => m.id === mid)).toBe(true);
  await page.keyboard.press('Enter');
  const details = page.getByRole('dialog', { name: 'Message details' });
  await expect(details).toBeVisible();
  await expect(details.getByRole('button', { name: 'Close message details' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(details).toHaveCount(0);
  await expect(messageButton(page, mid)).toBeFocused();

  await page.keyboard.press('Enter');
  await expect(details.getByRole('button', { name: 'Drop' })).toBeVisible();
  await stepUntil(page.request, id, (v) => !(v.messages as { id: number }[]).some((m) => m.id === mid));
  await expect(details).toHaveCount(0);
});

test('a message is clicked where it is drawn; a click on the link’s line beside it cuts the link', async ({
  page,
}) => {
  const id = await openElected(page, { seed: 3, options: { speed: 0.3 } });
  await pause(page);
  // A message whose stretch of line is the link's to click, not under a progress badge
  // (badges sit on the leader's links, and a click on one is the badge's).
  const seen = new Set<number>();
  for (;;) {
    expect(seen.size, 'a message beside an uncovered stretch of its link').toBeLessThan(20);
    const message = await nextNeighbourlyMessage(page, id, seen);
    seen.add(message.id);
    await caughtUp(page, id);
    await expect(messageButton(page, message.id)).toHaveCount(1);
    // Paused, each message's button lies over its glyph: aim there.
    const glyph = centre((await messageButton(page, message.id).boundingBox())!);
    const [a, b] = [message.msg.from, message.msg.to].sort();
    const link = page.getByRole('button', { name: `Link between node ${a} and node ${b}`, exact: true });
    const onLine = nearestOnLine(await nodeCentre(page, a), await nodeCentre(page, b), glyph);
    const linkThere = await page.evaluate(
      ({ x, y, name }) =>
        document.elementFromPoint(x, y)?.closest('.link')?.getAttribute('aria-label') === name,
      { ...onLine, name: `Link between node ${a} and node ${b}` },
    );
    if (!linkThere) continue;

    await page.mouse.move(glyph.x, glyph.y);
    const details = page.getByRole('dialog', { name: 'Message details' });
    await expect(details).toBeVisible();
    await expect(details.getByRole('button', { name: 'Close message details' })).toHaveCount(0);
    await page.mouse.click(glyph.x, glyph.y);
    await details.getByRole('button', { name: 'Close message details' }).click();
    await expect(details).toHaveCount(0);

    expect(Math.hypot(onLine.x - glyph.x, onLine.y - glyph.y)).toBeLessThan(9); // under the glyph
    await page.mouse.click(onLine.x, onLine.y);
    await expect(link).toHaveAttribute('aria-pressed', 'true');
    await expect(details).toHaveCount(0);
    return;
  }
});
