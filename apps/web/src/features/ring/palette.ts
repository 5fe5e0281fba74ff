/**
 * The theme colours the ring's canvas paints with. A canvas takes colours, not
 * `var(--…)`, so the page reads the tokens from the root's computed style, once at
 * the start and again when the theme changes (`data-theme` on the root), and hands
 * them to the painter by token name. The tokens stay the only source of a colour.
 */
import { glyphPaint, KIND_STYLE } from '../network/messageStyle';

/** Token name (`--msg-vote`) → colour. */
export type Palette = Record<string, string>;

/** `var(--msg-vote)` → `--msg-vote`. */
export const tokenName = (cssValue: string): string => /^var\((--[\w-]+)\)$/.exec(cssValue)?.[1] ?? cssValue;

/** What the canvas paints besides the glyphs' own colours. */
export const RING_TOKENS = {
  /** A rejected response's cross. */
  reject: '--fault',
  burstFill: '--burst',
  burstStroke: '--fail-strong',
  /** The ring around the message whose button has the keyboard focus. */
  focus: '--focus',
  /** The halo of a message a lesson speaks of. */
  spot: '--accent',
  spotFill: '--spot-fill',
  timer: '--timer',
  timerLow: '--timer-low',
} as const;

/** Every token the canvas paints with: the message kinds' fills and strokes, and RING_TOKENS. */
export const PAINTED_TOKENS: readonly string[] = [
  ...new Set([
    ...Object.values(KIND_STYLE).flatMap((style) => {
      const { fill, stroke } = glyphPaint(style);
      return [tokenName(fill), tokenName(stroke)];
    }),
    ...Object.values(RING_TOKENS),
  ]),
];

export function readPalette(root: Element = document.documentElement): Palette {
  const style = getComputedStyle(root);
  return Object.fromEntries(PAINTED_TOKENS.map((name) => [name, style.getPropertyValue(name).trim()]));
}

/** Calls `onChange` with the new palette whenever the theme changes; returns the stop. */
export function watchPalette(onChange: (palette: Palette) => void): () => void {
  const root = document.documentElement;
  const observer = new MutationObserver(() => onChange(readPalette(root)));
  observer.observe(root, { attributes: true, attributeFilter: ['data-theme'] });
  return () => observer.disconnect();
}
