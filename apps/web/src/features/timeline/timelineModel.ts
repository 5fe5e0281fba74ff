/**
 * The timeline's pure parts: markers thinned to what a strip of some width can show,
 * the marker before or after a moment, the trouble markers, and the words for a moment.
 */
import type { Marker, MarkerKind } from '@raftlab/protocol';

/**
 * Which kind a group of markers too close to tell apart shows: trouble first, then what
 * changes the cluster's shape, then the everyday.
 */
export const MARKER_RANK: Record<MarkerKind, number> = {
  violation: 0,
  nonlinearizable: 1,
  crash: 2,
  partition: 3,
  restart: 4,
  heal: 5,
  leader: 6,
  write: 7,
};

/** What each kind is called, for the legend and for screen readers. */
export const MARKER_NAMES: Record<MarkerKind, string> = {
  violation: 'safety violation',
  nonlinearizable: 'linearizability failure',
  crash: 'crash',
  partition: 'partition',
  restart: 'restart',
  heal: 'heal',
  leader: 'leader elected',
  write: 'committed write',
};

/** Markers drawn as one: close enough on the strip to share a place. */
export interface MarkerGroup {
  /** The marker the group shows and goes to: its most important one (the earliest of those). */
  lead: Marker;
  /** Where it is drawn, 0 (the first moment) to 1 (the end). */
  x: number;
  /** How many markers it holds. */
  count: number;
  /** Index of its first marker in the list given, and one past its last. */
  from: number;
  to: number;
}

/**
 * Groups `markers` (sorted by moment) so that no two groups are closer than `gapPx` on a
 * strip `widthPx` wide spanning moments 0..`end`. Every marker is in exactly one group;
 * a group starts at its first marker and takes every following one within `gapPx`.
 */
export function thinMarkers(
  markers: readonly Marker[],
  end: number,
  widthPx: number,
  gapPx = 8,
): MarkerGroup[] {
  const groups: MarkerGroup[] = [];
  if (markers.length === 0) return groups;
  const scale = end > 0 ? widthPx / end : 0;
  let start = 0;
  while (start < markers.length) {
    const startPx = markers[start].at * scale;
    let stop = start + 1;
    let lead = markers[start];
    while (stop < markers.length && markers[stop].at * scale - startPx < gapPx) {
      if (MARKER_RANK[markers[stop].kind] < MARKER_RANK[lead.kind]) lead = markers[stop];
      stop++;
    }
    groups.push({
      lead,
      x: end > 0 ? Math.min(1, lead.at / end) : 0,
      count: stop - start,
      from: start,
      to: stop,
    });
    start = stop;
  }
  return groups;
}

/**
 * The scale the markers are thinned at: the live end rounded up to the next of eight
 * steps per doubling, so while the timeline grows the groups (and the buttons) stay as
 * they are for a while instead of changing with every frame; gaps come out at most 9%
 * narrower than asked.
 */
export const thinningEnd = (end: number): number =>
  end <= 1 ? end : Math.ceil(2 ** (Math.ceil(Math.log2(end) * 8) / 8));

/** Index of the first marker whose moment is after `at` (markers sorted by moment). */
function firstAfter(markers: readonly Marker[], at: number): number {
  let lo = 0;
  let hi = markers.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (markers[mid].at <= at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The nearest marker strictly after (`dir` 1) or before (-1) moment `at`, or null. */
export function adjacentMarker(markers: readonly Marker[], at: number, dir: 1 | -1): Marker | null {
  if (dir === 1) return markers[firstAfter(markers, at)] ?? null;
  return markers[firstAfter(markers, at - 1) - 1] ?? null;
}

/** The markers at exactly moment `at`. */
export function markersAt(markers: readonly Marker[], at: number): Marker[] {
  const to = firstAfter(markers, at);
  let from = to;
  while (from > 0 && markers[from - 1].at === at) from--;
  return markers.slice(from, to);
}

export const isTrouble = (m: Marker): boolean => m.kind === 'violation' || m.kind === 'nonlinearizable';

/** The first trouble marker after moment `at`, else the first of all (so the button cycles); null if none. */
export function nextTrouble(markers: readonly Marker[], at: number | null): Marker | null {
  let first: Marker | null = null;
  for (const m of markers) {
    if (!isTrouble(m)) continue;
    if (at === null || m.at > at) return m;
    first ??= m;
  }
  return first;
}

const count = new Intl.NumberFormat('en-US');
export const formatCount = (n: number): string => count.format(n);

/** Virtual µs as seconds with one decimal: `12.3 s`. */
export const formatSeconds = (us: number): string => `${(us / 1e6).toFixed(1)} s`;

/** The slider's spoken value: `event 1,234 of 5,678 — 12.3 s`, and what happened there. */
export function momentText(at: number, end: number, nowUs: number, here: readonly Marker[] = []): string {
  const base = `event ${formatCount(at)} of ${formatCount(end)} — ${formatSeconds(nowUs)}`;
  return here.length === 0 ? base : `${base}: ${here.map((m) => m.label).join('; ')}`;
}

/** A group's tooltip: its markers' labels (the first few), and where. */
export function groupTitle(markers: readonly Marker[], group: MarkerGroup, shown = 4): string {
  const inside = markers.slice(group.from, group.to);
  const lines = inside.slice(0, shown).map((m) => `${m.label} (event ${formatCount(m.at)})`);
  if (inside.length > shown) lines.push(`and ${inside.length - shown} more`);
  return lines.join('\n');
}
