/** Keyboard shortcuts: which key does what, as data, so the help overlay and the handler agree. */

export type Command =
  | { kind: 'toggle-play' }
  | { kind: 'step' }
  | { kind: 'step-back' }
  | { kind: 'crash' }
  | { kind: 'restart' }
  | { kind: 'timeout' }
  | { kind: 'heal' }
  | { kind: 'select'; node: number }
  | { kind: 'presenter' }
  | { kind: 'help' }
  | { kind: 'escape' };

export const SHORTCUTS: { keys: string; does: string }[] = [
  { keys: 'Space', does: 'Play or pause the clock' },
  { keys: 's', does: 'Step to the next event (while paused or viewing the past)' },
  { keys: 'b', does: 'Step back one event (while paused or viewing the past)' },
  { keys: '1 – 9', does: 'Select node 1 to 9' },
  { keys: 'c', does: 'Crash the selected node' },
  { keys: 'r', does: 'Restart the selected node' },
  { keys: 't', does: 'Time out the selected node (start an election)' },
  { keys: 'h', does: 'Heal the network' },
  { keys: '← / →', does: 'On the timeline: one event back or on' },
  { keys: 'Shift + ← / →', does: 'On the timeline: the previous or next marker' },
  { keys: 'Home / End', does: 'On the timeline: the first moment, or back to live' },
  { keys: 'p', does: 'Presenter mode on or off (for a projector; or open the page with ?present=1)' },
  { keys: '?', does: 'Show this help' },
  { keys: 'Esc', does: 'Close this help, or clear the selection' },
];

export interface KeyInput {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
  /** Tag name of the focused element, upper case. */
  targetTag?: string;
  /** The focused element is a button (native or role=button) or editable. */
  targetIsControl?: boolean;
}

/** The command for a key press, or null to let the browser have it. */
export function commandFor(e: KeyInput): Command | null {
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  if (e.targetTag === 'INPUT' || e.targetTag === 'TEXTAREA' || e.targetTag === 'SELECT') {
    return e.key === 'Escape' ? { kind: 'escape' } : null;
  }
  // Space and Enter on a focused button activate it; do not also toggle the clock.
  if (e.key === ' ') return e.targetIsControl ? null : { kind: 'toggle-play' };
  if (/^[1-9]$/.test(e.key)) return { kind: 'select', node: Number(e.key) };
  switch (e.key) {
    case 's':
      return { kind: 'step' };
    case 'b':
      return { kind: 'step-back' };
    case 'c':
      return { kind: 'crash' };
    case 'r':
      return { kind: 'restart' };
    case 't':
      return { kind: 'timeout' };
    case 'h':
      return { kind: 'heal' };
    case 'p':
      return { kind: 'presenter' };
    case '?':
      return { kind: 'help' };
    case 'Escape':
      return { kind: 'escape' };
    default:
      return null;
  }
}

/**
 * Auto-pause when the tab is hidden, resume on return only if it was running: the
 * next state of "paused by us" and what to ask the server, if anything.
 */
export function onVisibility(
  hidden: boolean,
  paused: boolean,
  pausedByUs: boolean,
): { pausedByUs: boolean; setPaused: boolean | null } {
  if (hidden) return paused ? { pausedByUs, setPaused: null } : { pausedByUs: true, setPaused: true };
  return pausedByUs
    ? { pausedByUs: false, setPaused: paused ? false : null }
    : { pausedByUs, setPaused: null };
}
