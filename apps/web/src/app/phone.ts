/**
 * Whether the page is laid out for a phone: the same width as phone.css's media query,
 * for what CSS alone cannot change (the ring's view, features/cluster/ringView.ts).
 */
import { useSyncExternalStore } from 'react';

export const PHONE_QUERY = '(max-width: 600px)';

const query = () => window.matchMedia?.(PHONE_QUERY) ?? null;

function subscribe(listener: () => void): () => void {
  const list = query();
  list?.addEventListener('change', listener);
  return () => list?.removeEventListener('change', listener);
}

/** Whether the viewport is a phone's, re-rendering when it stops or starts being one. */
export const usePhone = (): boolean => useSyncExternalStore(subscribe, () => query()?.matches ?? false);
