/** The cluster id lives in the path (`/c/:id`); a page opened elsewhere makes a cluster. */
import { api } from './client';

const PATH = /^\/c\/([a-z0-9]{1,32})\/?$/;

export function clusterIdFromPath(pathname: string): string | null {
  return PATH.exec(pathname)?.[1] ?? null;
}

export const clusterPath = (id: string): string => `/c/${id}`;

/** The id from the address bar, or a freshly created cluster's id written into it. */
export async function resolveClusterId(): Promise<string> {
  const existing = clusterIdFromPath(window.location.pathname);
  if (existing) return existing;
  const created = await api.createCluster({});
  window.history.replaceState(null, '', clusterPath(created.id) + window.location.search);
  return created.id;
}
