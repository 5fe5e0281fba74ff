/**
 * The ring's words clear of everything on rings of every size: captions of every node,
 * clear of bodies, arcs, crown places and each other; progress badges, whoever leads,
 * clear of those and the captions too (e2e ring.spec.ts checks the drawn boxes).
 */
import { describe, expect, it } from 'vitest';
import { badgeBox, placeBadges } from './badges';
import { captionBox, placeCaptions } from './captions';
import { ringLayout, type RingLayout } from './layout';
import { boxesMeet, boxMeetsDisc, crownBox, type Box } from './ringSpace';
import { ringView, type RingMode } from './ringView';

const ARC = 10;
const inView = (layout: RingLayout, b: Box) =>
  b.x >= 0 && b.y >= 0 && b.x + b.w <= layout.width && b.y + b.h <= layout.height;
const discHit = (layout: RingLayout, b: Box) =>
  [...layout.positions].filter(([, at]) => boxMeetsDisc(b, at, layout.nodeRadius + ARC)).map(([id]) => id);

// Every view, every ring size: presenter mode's larger words and a phone's narrower view too.
for (const mode of ['dashboard', 'presenter', 'phone'] as const)
  describe(`the ${mode} view`, () => ringWords(mode));

function ringWords(mode: RingMode) {
  const ring = (n: number) => {
    const view = ringView(mode, n);
    return ringLayout(
      Array.from({ length: n }, (_, i) => i + 1),
      view.width,
      view.height,
      view.type,
    );
  };
  describe('captions', () => {
    it.each([1, 2, 3, 4, 5, 6, 7, 8, 9])('%i nodes: clear of every node, arc, crown and each other', (n) => {
      const layout = ring(n);
      const captions = placeCaptions(layout);
      const boxes = [...layout.positions].map(
        ([id, at]) => [id, captionBox(at, captions.get(id)!, layout.type)] as const,
      );
      for (const [id, box] of boxes) {
        expect(inView(layout, box), `caption of ${id} in view`).toBe(true);
        expect(discHit(layout, box), `nodes under the caption of ${id}`).toEqual([]);
        for (const [other, at] of layout.positions)
          expect(
            boxesMeet(box, crownBox(at, layout.nodeRadius)),
            `caption of ${id} on crown of ${other}`,
          ).toBe(false);
        for (const [other, otherBox] of boxes)
          if (other !== id) expect(boxesMeet(box, otherBox), `captions of ${id} and ${other}`).toBe(false);
      }
    });

    it('leans neighbours at the bottom of a 9-node ring apart', () => {
      const captions = placeCaptions(ring(9));
      expect(captions.get(5)!.anchor).toBe('start');
      expect(captions.get(6)!.anchor).toBe('end');
      expect(captions.get(1)!.anchor).toBe('middle');
    });
  });

  describe('progress badges', () => {
    // The widest badge text a short run reaches, and the narrowest.
    for (const text of ['0/1 P', '12/13 R', '123/124 S'])
      it.each([2, 3, 4, 5, 6, 7, 8, 9])(
        `%i nodes, badges "${text}": clear of every caption, node and each other, whoever leads`,
        (n) => {
          const layout = ring(n);
          const captions = placeCaptions(layout);
          const captionBoxes = [...layout.positions].map(([id, at]) =>
            captionBox(at, captions.get(id)!, layout.type),
          );
          for (const leader of layout.positions.keys()) {
            const peers = [...layout.positions.keys()].filter((id) => id !== leader);
            const placed = placeBadges(
              layout,
              captions,
              leader,
              peers.map((peer) => ({ peer, text })),
            );
            expect([...placed.keys()].sort()).toEqual(peers.sort());
            const boxes = [...placed.values()].map((c) => badgeBox(c, text, layout.type));
            const where = `leader ${leader}`;
            for (const [i, box] of boxes.entries()) {
              expect(inView(layout, box), where).toBe(true);
              expect(discHit(layout, box), `${where}: nodes under a badge`).toEqual([]);
              expect(
                captionBoxes.some((c) => boxesMeet(box, c)),
                `${where}: a badge on a caption`,
              ).toBe(false);
              expect(boxesMeet(box, crownBox(layout.positions.get(leader)!, layout.nodeRadius)), where).toBe(
                false,
              );
              for (const other of boxes.slice(i + 1))
                expect(boxesMeet(box, other), `${where}: two badges`).toBe(false);
            }
          }
        },
      );
  });
}
