/**
 * What this page may do to the cluster it opens, and the owner's switch: opening control
 * to everyone with the link, or closing it (packages/protocol/src/access.ts).
 */
import { raftStore } from '../store/store';
import { api, ApiError } from './client';
import { ownerToken } from './owners';

/**
 * Learns this page's access to cluster `id`: first its own guess (it keeps the owner's
 * token, or not), so an owner's controls do not flicker off while it asks; then the
 * server's answer, which also says whether control is open.
 */
export async function learnAccess(id: string): Promise<void> {
  const { assumeOwner, setAccess } = raftStore.getState();
  assumeOwner(ownerToken(id) !== undefined);
  try {
    setAccess(await api.access(id));
  } catch {
    // The stream reports a cluster that is gone or a server that is away; the guess stands.
  }
}

/** The owner opens control to everyone with the link (`open`), or closes it again. */
export async function setControlOpen(open: boolean): Promise<boolean> {
  const { clusterId, setAccess, setNotice } = raftStore.getState();
  if (!clusterId) return false;
  try {
    setAccess(await api.setOpen(clusterId, open));
    return true;
  } catch (err) {
    setNotice(
      `Could not ${open ? 'open' : 'close'} control: ${err instanceof ApiError ? err.message : 'request failed'}`,
    );
    return false;
  }
}
