import { describe, expect, it } from 'vitest';
import { nodeColor } from '../features/charts/palette';
import { termColor } from '../features/log/logModel';
import { glyphPaint, KIND_STYLE } from '../features/network/messageStyle';
import { PAINTED_TOKENS } from '../features/ring/palette';
import { MARKER_NAMES } from '../features/timeline/timelineModel';

/*
 * Vitest hands stylesheets to tests empty, so they are read from disk. The test runs in
 * Node, but the web app's types do not include Node's: this is the one call it needs.
 */
declare const process: {
  getBuiltinModule(id: 'node:fs'): { readFileSync(path: URL, encoding: 'utf8'): string };
};
const read = (path: string) =>
  process.getBuiltinModule('node:fs').readFileSync(new URL(path, import.meta.url), 'utf8');

/** Every stylesheet and source file of the dashboard (tests aside), by path. */
const files: Record<string, string> = Object.fromEntries(
  Object.keys(import.meta.glob(['../**/*.{css,ts,tsx}', '!../**/*.test.ts'])).map((path) => [
    path,
    read(path),
  ]),
);
const tokens = read('./tokens.css');
const TOKENS_PATH = './tokens.css';
const block = (selector: string): string => {
  const start = tokens.indexOf(`${selector} {`);
  expect(start, selector).toBeGreaterThanOrEqual(0);
  return tokens.slice(start, tokens.indexOf('\n}', start));
};
const declared = (css: string): Set<string> => new Set([...css.matchAll(/(--[\w-]+)\s*:/g)].map((m) => m[1]));
const light = declared(block(':root'));
const dark = declared(block(":root[data-theme='dark']"));
const COLOUR = /#[0-9a-f]{3,8}\b|\b(?:rgba?|hsla?)\(/i;
const withoutComments = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
const tokenOf = (cssValue: string) => /^var\((--[\w-]+)\)$/.exec(cssValue)?.[1];

describe('theme tokens', () => {
  it('the dark theme only changes tokens that the light theme defines', () => {
    expect([...dark].filter((name) => !light.has(name))).toEqual([]);
    const body = withoutComments(block(":root[data-theme='dark']")).split('{')[1];
    const properties = [...body.matchAll(/([\w-]+)\s*:/g)].map((m) => m[1]);
    expect(properties.filter((p) => !p.startsWith('--') && p !== 'color-scheme')).toEqual([]);
  });

  it('no stylesheet but tokens.css mentions the theme or writes a colour of its own', () => {
    for (const [path, text] of Object.entries(files)) {
      if (!path.endsWith('.css') || path === TOKENS_PATH) continue;
      const code = withoutComments(text);
      expect(code.includes('data-theme'), path).toBe(false);
      expect(COLOUR.exec(code)?.[0], path).toBeUndefined();
    }
  });

  it('no TypeScript writes a colour of its own', () => {
    for (const [path, text] of Object.entries(files)) {
      if (path.endsWith('.css')) continue;
      expect(COLOUR.exec(withoutComments(text))?.[0], path).toBeUndefined();
    }
  });

  it('every token a stylesheet uses is defined', () => {
    // The log's column widths are set on its scroller by LogView.tsx, the timeline's
    // filled fraction on its slider by TimelineBar.tsx, its markers' places and colours
    // (one of the --marker-KIND tokens, checked below) by MarkerStrip.tsx.
    const setByComponents = new Set([
      '--log-cell',
      '--log-label',
      '--timeline-at',
      '--marker-at',
      '--marker-colour',
      '--timeline-end',
    ]);
    for (const [path, text] of Object.entries(files)) {
      if (!path.endsWith('.css')) continue;
      for (const [, name] of text.matchAll(/var\((--[\w-]+)/g)) {
        expect(light.has(name) || setByComponents.has(name), `${path}: ${name}`).toBe(true);
      }
    }
  });

  it('the colours TypeScript paints with are tokens', () => {
    const painted = [
      ...Object.keys(MARKER_NAMES).map((kind) => `var(--marker-${kind})`),
      ...Object.values(KIND_STYLE).flatMap((s) =>
        Object.values(glyphPaint(s)).filter((v) => typeof v === 'string'),
      ),
      ...Array.from({ length: 12 }, (_, i) => nodeColor(i + 1)),
      ...Array.from({ length: 12 }, (_, term) => termColor(term)),
      // The ring's canvas reads these by name (features/ring/palette.ts).
      ...PAINTED_TOKENS,
    ];
    for (const value of painted) expect(light.has(tokenOf(value) ?? value), value).toBe(true);
  });
});

/** The token's hex value in a theme's block (the dark block falls back to the light one). */
function hexOf(name: string, theme: 'light' | 'dark'): string {
  const find = (css: string) => new RegExp(`${name}:\\s*(#[0-9a-f]{6})\\b`, 'i').exec(css)?.[1];
  const value =
    (theme === 'dark' ? find(block(":root[data-theme='dark']")) : undefined) ?? find(block(':root'));
  expect(value, `${name} (${theme}) as #rrggbb`).toBeDefined();
  return value!;
}

/** WCAG 2.1's contrast ratio of two #rrggbb colours. */
function contrast(a: string, b: string): number {
  const luminance = (hex: string) => {
    const [r, g, bl] = [1, 3, 5].map((i) => {
      const c = parseInt(hex.slice(i, i + 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

describe('contrast the axe scan cannot see (the ring is SVG)', () => {
  it.each(['light', 'dark'] as const)(
    'a link line is a control: 3:1 against the panel (WCAG 1.4.11), %s',
    (theme) => {
      expect(contrast(hexOf('--link-line', theme), hexOf('--panel', theme))).toBeGreaterThanOrEqual(3);
    },
  );
});
