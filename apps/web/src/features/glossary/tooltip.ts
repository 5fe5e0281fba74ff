/**
 * The logic of `Term`'s tooltip, without the DOM: when it is open (a reducer over the
 * pointer, the focus and Escape) and where it goes on screen.
 */

export interface TooltipState {
  /** The pointer is on the word or on the tooltip (leaving is reported after a delay). */
  hovered: boolean;
  /** The focus is on the word or inside the tooltip. */
  focused: boolean;
  /** Escape (or a scroll) closed it; it reopens when the pointer or the focus comes again. */
  dismissed: boolean;
}

export type TooltipEvent = 'pointer-enter' | 'pointer-leave' | 'focus' | 'blur' | 'dismiss' | 'click';

export const CLOSED: TooltipState = { hovered: false, focused: false, dismissed: false };

export function tooltipReducer(s: TooltipState, event: TooltipEvent): TooltipState {
  switch (event) {
    case 'pointer-enter':
      return { ...s, hovered: true, dismissed: s.hovered ? s.dismissed : false };
    case 'pointer-leave':
      return { ...s, hovered: false };
    case 'focus':
      return { ...s, focused: true, dismissed: s.focused ? s.dismissed : false };
    case 'blur':
      return { ...s, focused: false };
    case 'dismiss':
      return { ...s, dismissed: true };
    case 'click':
      return { ...s, dismissed: false };
  }
}

export const isOpen = (s: TooltipState): boolean => (s.hovered || s.focused) && !s.dismissed;

export interface Rect {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** Space kept between the tooltip and the word, and between the tooltip and the window's edge. */
const GAP = 6;
const MARGIN = 8;

/**
 * Where the tooltip's top-left corner goes (viewport px): under the word, starting at its
 * left edge; above it when there is no room below; always inside the window.
 */
export function placeTooltip(
  word: Rect,
  tip: { width: number; height: number },
  view: { width: number; height: number },
): { left: number; top: number } {
  const below = word.top + word.height + GAP;
  const above = word.top - GAP - tip.height;
  const top = below + tip.height <= view.height - MARGIN || above < MARGIN ? below : above;
  const left = Math.min(word.left, view.width - MARGIN - tip.width);
  return { left: Math.max(MARGIN, left), top: Math.max(MARGIN, top) };
}
