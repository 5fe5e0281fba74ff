/**
 * The ring's words as drawn: every node's caption and role label, the discs its track
 * and arc take, and the progress badges, measured in the page (getBoundingClientRect);
 * and the check that nothing covers a word (ring.spec.ts, layouts.spec.ts).
 */
import { expect, type Page } from '@playwright/test';

interface Rect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

const meet = (a: Rect, b: Rect) =>
  a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

function rectMeetsDisc(r: Rect, cx: number, cy: number, radius: number): boolean {
  const x = Math.max(r.left, Math.min(cx, r.right));
  const y = Math.max(r.top, Math.min(cy, r.bottom));
  return Math.hypot(cx - x, cy - y) < radius;
}

/** Every node's caption and role label, the discs its track and arc take, and the badges. */
export type Measured = Awaited<ReturnType<typeof measure>>;

export async function measure(page: Page) {
  return page.locator('svg.ring').evaluate((svg) => {
    const rect = (el: Element) => {
      const { left, top, right, bottom } = el.getBoundingClientRect();
      return { left, top, right, bottom };
    };
    const nodes = [...svg.querySelectorAll('.node')].map((node) => {
      const track = node.querySelector('.node__track')!.getBoundingClientRect();
      // The track's stroke (6 wide) is half outside its box's circle: the arc's outer edge.
      const scale = track.width / (2 * Number(node.querySelector('.node__track')!.getAttribute('r')));
      return {
        name: node.getAttribute('aria-label')!,
        caption: rect(node.querySelector('.node__caption')!),
        role: rect(node.querySelector('.node__role')!),
        crown: node.querySelector('.node__crown') ? rect(node.querySelector('.node__crown')!) : null,
        cx: track.left + track.width / 2,
        cy: track.top + track.height / 2,
        outer: track.width / 2 + 3 * scale,
      };
    });
    const badges = [...svg.querySelectorAll('.progress-label')].map((g) => ({
      name: g.getAttribute('aria-label')!,
      box: rect(g),
    }));
    return { nodes, badges };
  });
}

/** No badge covers a caption, a role or a node; no node's arc covers another's caption, nor the crown. */
export function expectReadable(nodes: Measured['nodes'], badges: Measured['badges']): void {
  for (const badge of badges)
    for (const node of nodes) {
      expect(meet(badge.box, node.caption), `${badge.name} on the caption of ${node.name}`).toBe(false);
      expect(meet(badge.box, node.role), `${badge.name} on the role of ${node.name}`).toBe(false);
      expect(rectMeetsDisc(badge.box, node.cx, node.cy, node.outer), `${badge.name} on ${node.name}`).toBe(
        false,
      );
    }
  for (const node of nodes)
    for (const other of nodes) {
      if (other !== node)
        expect(
          rectMeetsDisc(node.caption, other.cx, other.cy, other.outer),
          `the caption of ${node.name} under the arc of ${other.name}`,
        ).toBe(false);
      if (other.crown)
        expect(meet(node.caption, other.crown), `the caption of ${node.name} on the crown`).toBe(false);
    }
}
