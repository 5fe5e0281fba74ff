/**
 * The owner tokens this browser holds (packages/protocol/src/access.ts): one per cluster
 * it made, or was given by an owner link (`/c/<id>#owner=<token>`). Kept in
 * localStorage, so every tab of this browser, and the page after a reload or a server
 * restart, acts as the owner; sent as `Authorization: Bearer` by the HTTP client
 * (client.ts). The WebSocket never carries one: watching needs no token.
 */
import type { Owner } from '@raftlab/protocol';
import { browserStorage as storage } from '../app/browserStorage';

const KEY_PREFIX = 'raftlab.owner.';
/** The clusters whose tokens are kept, least recently given first (a JSON array of ids). */
const INDEX_KEY = 'raftlab.owners';
/**
 * Tokens kept at most: every cluster made and every lesson opened adds one, and the
 * server forgets idle clusters, so the oldest token goes once there are more.
 */
export const MAX_OWNER_TOKENS = 200;
const FRAGMENT = /^#owner=([A-Za-z0-9_-]{1,128})$/;

/** Where storage is missing or refuses (a private window, a sandboxed frame), tokens last as long as the page. */
const fallback = new Map<string, string>();

/** The owner token this browser holds for cluster `id`, if any. */
export function ownerToken(id: string): string | undefined {
  try {
    return storage()?.getItem(KEY_PREFIX + id) ?? fallback.get(id);
  } catch {
    return fallback.get(id);
  }
}

/** The ids of the index, oldest first; an unreadable index reads as empty. */
function keptIds(s: Pick<Storage, 'getItem'>): string[] {
  try {
    const ids: unknown = JSON.parse(s.getItem(INDEX_KEY) ?? '[]');
    return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [];
  } catch {
    return [];
  }
}

/** Keeps `token` as the owner token of cluster `id`, forgetting the oldest past MAX_OWNER_TOKENS. */
export function rememberOwner(id: string, token: string): void {
  fallback.set(id, token);
  try {
    const s = storage();
    if (!s) return;
    s.setItem(KEY_PREFIX + id, token);
    const ids = keptIds(s).filter((kept) => kept !== id);
    ids.push(id);
    for (const old of ids.splice(0, Math.max(0, ids.length - MAX_OWNER_TOKENS))) {
      s.removeItem(KEY_PREFIX + old);
      fallback.delete(old);
    }
    s.setItem(INDEX_KEY, JSON.stringify(ids));
  } catch {
    // Storage full or refused: the page's own map keeps it for this visit.
  }
}

/** Forgets the token of cluster `id`: the server no longer has that cluster. */
export function forgetOwner(id: string): void {
  fallback.delete(id);
  try {
    const s = storage();
    if (!s) return;
    s.removeItem(KEY_PREFIX + id);
    s.setItem(INDEX_KEY, JSON.stringify(keptIds(s).filter((kept) => kept !== id)));
  } catch {
    // Refused: nothing to forget there either.
  }
}

/** Keeps the owner of a cluster just made (its id and the `owner` the server answered once). */
export function keepOwnership<T extends { id: string; owner: Owner }>(made: T): T {
  rememberOwner(made.id, made.owner.token);
  return made;
}

/**
 * Takes an owner link's token out of the address: kept for cluster `id`, and the
 * fragment removed from the address bar (and so from history and from what a person
 * copies from it), so the secret is not shown on a projector or passed on by accident.
 */
export function takeOwnerFragment(
  id: string,
  location: Pick<Location, 'hash' | 'pathname' | 'search'>,
): void {
  const token = FRAGMENT.exec(location.hash)?.[1];
  if (token === undefined) return;
  rememberOwner(id, token);
  window.history.replaceState(window.history.state, '', location.pathname + location.search);
}

/** The cluster id a request path is about (`/api/clusters/<id>/…`), if it is about one. */
export function clusterOfPath(path: string): string | null {
  return /^\/api\/clusters\/([a-z0-9]{1,32})(?:[/?]|$)/.exec(path)?.[1] ?? null;
}
