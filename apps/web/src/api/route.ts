/**
 * The address bar: the cluster id lives in the path (`/c/:id`), a moment of its past in
 * the query (`?at=SEQ`); `/glossary` is a page of its own; a page opened elsewhere makes
 * a cluster.
 */
import { api } from './client';
import { takeOwnerFragment } from './owners';

const PATH = /^\/c\/([a-z0-9]{1,32})\/?$/;
/** An event number as the server's `?at=` accepts it (AtQuerySchema). */
const AT = /^(0|[1-9][0-9]{0,14})$/;

export function clusterIdFromPath(pathname: string): string | null {
  return PATH.exec(pathname)?.[1] ?? null;
}

export const clusterPath = (id: string): string => `/c/${id}`;

/** The glossary's page, which needs no cluster (features/glossary). */
export const GLOSSARY_PATH = '/glossary';
export const isGlossaryPath = (pathname: string): boolean => /^\/glossary\/?$/.test(pathname);

/** The page of cluster `id` at moment `at`, or live (null). */
export const momentPath = (id: string, at: number | null): string =>
  at === null ? clusterPath(id) : `${clusterPath(id)}?at=${at}`;

/**
 * What the query asks the page to open: a moment (`?at=SEQ`), the first violation
 * (`?at=violation`, where an uploaded trace opens), or the live cluster (null).
 */
export function momentFromSearch(search: string): number | 'violation' | null {
  const at = new URLSearchParams(search).get('at');
  if (at === 'violation') return at;
  return at !== null && AT.test(at) ? Number(at) : null;
}

/** `search` with `at` set to the moment shown (or removed, live), other parameters kept. */
export function searchWithMoment(search: string, at: number | null): string {
  const params = new URLSearchParams(search);
  if (at === null) params.delete('at');
  else params.set('at', String(at));
  const text = params.toString();
  return text ? `?${text}` : '';
}

/**
 * The id from the address bar (an owner link's token taken out of it), or a freshly
 * created cluster's id written into it.
 */
export async function resolveClusterId(): Promise<string> {
  const existing = clusterIdFromPath(window.location.pathname);
  if (existing) {
    takeOwnerFragment(existing, window.location);
    return existing;
  }
  const created = await api.createCluster({});
  window.history.replaceState(null, '', clusterPath(created.id) + window.location.search);
  return created.id;
}
