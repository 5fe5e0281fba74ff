/**
 * The ring's two views: the dashboard's, and presenter mode's for a projector. A view is
 * the SVG's viewBox and the sizes of the words drawn on it, in the view's units; the
 * drawing (NodeGlyph, ProgressLabels) and the placement of the words (captions.ts,
 * badges.ts) read the sizes from here, so what is planned is what is drawn.
 */

/** Sizes of the ring's words, in the view's units. */
export interface RingType {
  /** A node's id, in its body. */
  id: number;
  /** A node's role, under its id. */
  role: number;
  /** The two-line caption `term 4` over `voted 2`. */
  caption: number;
  /** The distance between the caption's two baselines. */
  captionLine: number;
  /** A progress badge's text, the width of one of its characters and its box's height. */
  badge: number;
  badgeChar: number;
  badgeHeight: number;
}

export interface RingView {
  width: number;
  height: number;
  type: RingType;
}

/** The dashboard's ring: 560 × 440, its words from the type scale (--font-9, -4, -5, -3). */
export const DASHBOARD_VIEW: RingView = {
  width: 560,
  height: 440,
  type: { id: 20, role: 11, caption: 12, captionLine: 13, badge: 10.5, badgeChar: 6.6, badgeHeight: 16 },
};

/*
 * Presenter mode: a view shaped like the room the ring has at 1280 × 720 (about 830 ×
 * 510 px beside the controls), smaller than that room, so it is drawn at about 1.3×;
 * and words large enough that the smallest (13 units) is drawn at 16 px or more (e2e
 * layouts.spec.ts measures them). The badge's character keeps the dashboard's proportion
 * to its font (6.6 / 10.5). A ring of nine needs a taller view for its words to find
 * room (ringLabels.test.ts): 660 × 420, drawn a little smaller.
 */
const PRESENTER_TYPE: RingType = {
  id: 24,
  role: 13,
  caption: 14,
  captionLine: 15,
  badge: 13,
  badgeChar: 8.2,
  badgeHeight: 19,
};

const PRESENTER_VIEW: RingView = { width: 640, height: 390, type: PRESENTER_TYPE };
const PRESENTER_VIEW_OF_NINE: RingView = { width: 660, height: 420, type: PRESENTER_TYPE };

/*
 * A phone's: as tall as wide (a phone's column is narrow), so a ring of up to five is
 * drawn at about 0.9× rather than the dashboard's 0.65×, in words a size larger than the
 * dashboard's (in its sizes a badge read about 9.5 px there, a role 10 px); the badge's
 * character keeps the dashboard's proportion. A larger ring's words need the dashboard's
 * wider view to find room (ringLabels.test.ts).
 */
const PHONE_VIEW: RingView = {
  width: 400,
  height: 400,
  type: { id: 22, role: 12.5, caption: 13, captionLine: 14, badge: 12, badgeChar: 7.5, badgeHeight: 18 },
};

/** Where the ring is drawn: the dashboard, presenter mode, a phone's column. */
export type RingMode = 'dashboard' | 'presenter' | 'phone';

/** The view of a ring of `nodes` (one object per view: layouts are memoised on it). */
export function ringView(mode: RingMode, nodes: number): RingView {
  if (mode === 'presenter') return nodes > 8 ? PRESENTER_VIEW_OF_NINE : PRESENTER_VIEW;
  if (mode === 'phone') return nodes > 5 ? DASHBOARD_VIEW : PHONE_VIEW;
  return DASHBOARD_VIEW;
}
