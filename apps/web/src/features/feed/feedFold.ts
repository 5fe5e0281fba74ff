/**
 * Bursts in the feed, folded: consecutive lines of one burst (a heal restoring twelve
 * links, a cut link losing message after message) become one line, "12 links restored",
 * "37 messages dropped (link down)", which opens onto the lines it stands for. Applied to
 * what the feed shows, after its filters, so a fold never hides a line the filter keeps
 * apart, and the store keeps every line as it was narrated.
 */
import type { FeedBurst, FeedItem } from '../../store/narration/feedItem';

/** Fewer lines than this read as easily as their summary, and stay as they are. */
export const FOLD_AT = 3;
/** Lines further apart than this (virtual µs) are separate events, not one burst. */
export const BURST_GAP_US = 1_000_000;

/** A line of the feed as shown: a narrated line, or a burst of them folded into one. */
export type FeedLine =
  | { kind: 'item'; item: FeedItem }
  | {
      kind: 'burst';
      /** The oldest line's id: stays put while the burst grows at its newest end (React's key). */
      id: number;
      text: string;
      /** The lines folded, newest first. */
      items: FeedItem[];
    };

const REASON: Record<Extract<FeedBurst, { kind: 'dropped' }>['reason'], string> = {
  'link-down': 'link down',
  loss: 'lost by the link',
  'node-down': 'receiver down',
  manual: 'by hand',
};

const sameBurst = (a: FeedBurst, b: FeedBurst): boolean =>
  a.kind === 'link' && b.kind === 'link'
    ? a.up === b.up
    : a.kind === 'dropped' && b.kind === 'dropped' && a.reason === b.reason;

/** `12 links restored`, `3 links cut`, `37 messages dropped (link down)`. */
export function burstText(burst: FeedBurst, count: number): string {
  if (burst.kind === 'link') return `${count} links ${burst.up ? 'restored' : 'cut'}`;
  return `${count} messages dropped (${REASON[burst.reason]})`;
}

/** `items`, newest first, with each run of one burst of at least FOLD_AT lines folded. */
export function foldBursts(items: readonly FeedItem[]): FeedLine[] {
  const lines: FeedLine[] = [];
  let i = 0;
  while (i < items.length) {
    const burst = items[i].burst;
    let end = i + 1;
    while (
      burst &&
      end < items.length &&
      items[end].burst !== undefined &&
      sameBurst(burst, items[end].burst!) &&
      items[end - 1].t - items[end].t <= BURST_GAP_US
    )
      end++;
    if (burst && end - i >= FOLD_AT) {
      const run = items.slice(i, end);
      lines.push({
        kind: 'burst',
        id: run[run.length - 1].id,
        text: burstText(burst, run.length),
        items: run,
      });
    } else for (let j = i; j < end; j++) lines.push({ kind: 'item', item: items[j] });
    i = end;
  }
  return lines;
}
