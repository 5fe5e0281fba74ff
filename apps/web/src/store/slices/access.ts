/**
 * The access slice: what this page may do to its cluster (issue 16, "Owners and
 * viewers"). Whether the page holds the owner's token is the HTTP API's answer (`GET
 * /access`, asked when a cluster is opened: api/access.ts); whether the owner has opened
 * control to everyone with the link comes with every live snapshot and in `access`
 * frames, so a viewer's controls come alive the moment the owner opens control, and go
 * quiet when it is closed.
 */
import type { Access } from '@raftlab/protocol';
import type { StateCreator } from 'zustand';
import type { Slice } from '../draft';
import type { RaftStore } from '../store';

export interface AccessState {
  /** The page holds the owner's token (assumed from the token it keeps until the server says). */
  isOwner: boolean;
  /** The owner has opened control to everyone with the link. */
  controlOpen: boolean;
}

export interface AccessActions {
  /** The server's answer to `GET /access` (or `PUT`): who this page is, and whether control is open. */
  setAccess(access: Pick<Access, 'owner' | 'open'>): void;
  /** The page's own guess before the server answers: it is the owner if it keeps a token. */
  assumeOwner(isOwner: boolean): void;
  /** Control was opened or closed (an `access` frame). */
  setControlOpen(open: boolean): void;
}

export const access: Slice<AccessState> = {
  initial: () => ({ isOwner: false, controlOpen: false }),
  // Only live snapshots say; a moment of the past leaves it as it is now.
  snapshot: (_state, frame) => (frame.access ? { controlOpen: frame.access.open } : {}),
};

export const accessActions: StateCreator<RaftStore, [], [], AccessActions> = (set) => ({
  setAccess: ({ owner, open }) => set({ isOwner: owner, controlOpen: open }),
  assumeOwner: (isOwner) => set({ isOwner }),
  setControlOpen: (controlOpen) => set({ controlOpen }),
});
