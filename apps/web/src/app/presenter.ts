/**
 * Presenter mode, for a projector: the ring fills the page, the words are large, and
 * the expert panels fold away (layout.css, ringView.ts). On with `?present=1` (a
 * teacher's bookmark), off with `?present=0`; otherwise as this browser last left it.
 * The address bar follows the switch, so the link shown opens the page as it is shown.
 */
import { useSyncExternalStore } from 'react';

const KEY = 'raftlab.presenter';
const PARAM = 'present';

/** What the address asks for: presenter mode on, off, or nothing (null). */
function asked(search: string): boolean | null {
  const value = new URLSearchParams(search).get(PARAM);
  if (value === '1' || value === 'on') return true;
  if (value === '0' || value === 'off') return false;
  return null;
}

/** Whether presenter mode is on: as the address asks, or else as `saved` remembers. */
export const presenterFromAddress = (search: string, saved: string | null): boolean =>
  asked(search) ?? saved === '1';

/** `search` with `?present=1` when on, without the parameter when off. */
export function searchWithPresenter(search: string, on: boolean): string {
  const params = new URLSearchParams(search);
  if (on) params.set(PARAM, '1');
  else params.delete(PARAM);
  const text = params.toString();
  return text ? `?${text}` : '';
}

function saved(): string | null {
  try {
    return localStorage.getItem(KEY);
  } catch {
    return null; // Storage can be blocked: the address alone decides.
  }
}

function remember(value: boolean): void {
  try {
    localStorage.setItem(KEY, value ? '1' : '0');
  } catch {
    // Not remembered; it still applies to this page.
  }
}

let on = false;
if (typeof window !== 'undefined') {
  on = presenterFromAddress(window.location.search, saved());
  // A bookmark's `?present=1` holds for the pages it leads to (New cluster, Learn).
  if (asked(window.location.search) !== null) remember(on);
}
const listeners = new Set<() => void>();

/** Switches presenter mode, remembers it and puts it in the address bar. */
export function setPresenter(next: boolean): void {
  if (next === on) return;
  on = next;
  remember(next);
  const { pathname, search, hash } = window.location;
  window.history.replaceState(window.history.state, '', pathname + searchWithPresenter(search, next) + hash);
  for (const listener of listeners) listener();
}

export const togglePresenter = (): void => setPresenter(!on);

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

/** Whether presenter mode is on, re-rendering when it is switched. */
export const usePresenter = (): boolean => useSyncExternalStore(subscribe, () => on);
