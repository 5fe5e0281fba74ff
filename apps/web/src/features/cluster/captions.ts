/**
 * Where each node's caption (`term 4` over `voted 2`) goes: under the node or beside it,
 * at the first of a few places that meets no node, no crown place and no other caption.
 * Placed once per ring, so captions do not jump when leadership moves; each keeps clear
 * of every node's crown place.
 */
import type { Point, RingLayout } from './layout';
import { ARC_OUTSET, crownBox, nodeDiscs, pick, type Box } from './ringSpace';
import type { RingType } from './ringView';

/** Where a node's caption goes, relative to the node's centre. */
export interface CaptionPlacement {
  x: number;
  y: number;
  anchor: 'start' | 'middle' | 'end';
}

/*
 * Sizes of what the ring draws (ringView.ts, NodeGlyph.tsx, ring/scene.ts). A glyph of
 * the caption's bold face advances at most about 0.6 em for these strings (0.57 in DejaVu
 * Sans Bold, the widest common face, as Chromium draws it; e2e ring.spec.ts compares the
 * estimates with the drawn boxes). The caption is two lines, `term 4` over `voted 2`: on
 * one line it was too wide to keep clear of the neighbours on a ring of seven or more.
 */
const EM_PER_CHAR = 0.6;
/** The caption's halo (`stroke-width: 4px`, painted under the text) widens it 2 px a side. */
const CAPTION_HALO = 2;
/** The longest line planned for, `term 999`; `voted 9` and `no vote` are shorter. */
const CAPTION_CHARS = 'term 999'.length;
/**
 * The box of a caption whose longest line has `chars` characters, placed at `p` from the
 * node at `at`, in the sizes of `type`.
 */
export function captionBox(at: Point, p: CaptionPlacement, type: RingType, chars = CAPTION_CHARS): Box {
  const { caption: font, captionLine: line } = type;
  const w = chars * font * EM_PER_CHAR + 2 * CAPTION_HALO;
  const left =
    p.anchor === 'start' ? p.x - CAPTION_HALO : p.anchor === 'end' ? p.x - w + CAPTION_HALO : p.x - w / 2;
  // From the first line's ascender to the second's descender (about a font size each).
  const top = p.y - 0.8 * font - CAPTION_HALO;
  return { x: at.x + left, y: at.y + top, w, h: line + font + 2 * CAPTION_HALO };
}

/**
 * The places a caption may take, best first: under the node, leaning away from the
 * ring's vertical axis (so two neighbours at the bottom of a large ring write apart), or
 * beside it, out of the ring, for a node on the ring's flank; then the others.
 */
function captionCandidates(at: Point, center: Point, r: number, type: RingType): CaptionPlacement[] {
  const length = Math.hypot(at.x - center.x, at.y - center.y);
  const side = length === 0 ? 0 : (at.x - center.x) / length;
  // The first baseline: clear of the timer's arc by the caption's ascent (24 at 12 units).
  const below = r + 12 + type.caption;
  const lean = r * 0.6;
  const outward: CaptionPlacement =
    side >= 0 ? { x: -lean, y: below, anchor: 'start' } : { x: lean, y: below, anchor: 'end' };
  const inward: CaptionPlacement =
    side >= 0 ? { x: lean, y: below, anchor: 'end' } : { x: -lean, y: below, anchor: 'start' };
  const beside = r + ARC_OUTSET + 4;
  // Two lines centred on the node's middle.
  const level = type.caption / 3 - type.captionLine / 2;
  const outside: CaptionPlacement =
    side >= 0 ? { x: beside, y: level, anchor: 'start' } : { x: -beside, y: level, anchor: 'end' };
  const insideRing: CaptionPlacement =
    side >= 0 ? { x: -beside, y: level, anchor: 'end' } : { x: beside, y: level, anchor: 'start' };
  const middle: CaptionPlacement = { x: 0, y: below, anchor: 'middle' };
  // Near the top and bottom, under the node; on the flanks, beside it, out of the ring.
  if (Math.abs(side) <= 0.2) return [middle, outward, inward, outside, insideRing];
  if (Math.abs(side) <= 0.7) return [outward, outside, middle, inward, insideRing];
  return [outside, outward, middle, inward, insideRing];
}

/** Each node's caption placement, clear of every node, every crown place and each other. */
export function placeCaptions(layout: RingLayout): Map<number, CaptionPlacement> {
  const discs = nodeDiscs(layout);
  const taken: Box[] = [...layout.positions.values()].map((at) => crownBox(at, layout.nodeRadius));
  const placed = new Map<number, CaptionPlacement>();
  for (const [id, at] of layout.positions) {
    const choice = pick(
      captionCandidates(at, layout.center, layout.nodeRadius, layout.type),
      (p) => captionBox(at, p, layout.type),
      layout,
      discs,
      taken,
    );
    placed.set(id, choice);
    taken.push(captionBox(at, choice, layout.type));
  }
  return placed;
}
