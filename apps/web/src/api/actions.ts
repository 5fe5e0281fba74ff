/**
 * Control actions: HTTP calls against the current cluster. Their effects come back on
 * the stream; only failures are written to the store, as a notice.
 *
 * An action that changes what happens (a crash, a cut, a write, resuming the clock)
 * taken while the page shows the past rewrites the future from that moment: the
 * cluster is first rewound there (POST /rewind), its replaced future kept as a branch
 * the page then points to, and the action is taken on the rewound cluster.
 */
import type { NetworkBody } from '@raftlab/protocol';
import { selectMayControl } from '../store/selectors';
import { raftStore } from '../store/store';
import { api, ApiError } from './client';

const reasonOf = (err: unknown): string =>
  err instanceof ApiError ? err.message || err.code : 'request failed';

/**
 * If the page shows a moment of the past, rewinds the cluster to it and records the
 * branch that keeps the old future; true when the cluster is ready to be acted on.
 */
export async function rewindIfPast(clusterId: string): Promise<boolean> {
  const { moment, setKeptBranch, setNotice } = raftStore.getState();
  if (!moment) return true;
  try {
    const { branch } = await api.rewind(clusterId, moment.at);
    setKeptBranch(branch ?? null);
    return true;
  } catch (err) {
    setNotice(`Could not rewrite the future from event ${moment.at}: ${reasonOf(err)}`);
    return false;
  }
}

/** What a page without control is told when it tries to act (a shortcut, say: its buttons are disabled). */
export const VIEW_ONLY_NOTICE =
  'View only: only the owner of this cluster can change it. Fork it from the timeline to try things on a copy of your own.';

/**
 * Runs `call` with the current cluster id; a failure becomes the store's notice. A page
 * without control does not send it (the server would refuse it with 403) and says why.
 */
export async function run(what: string, call: (clusterId: string) => Promise<unknown>): Promise<boolean> {
  const state = raftStore.getState();
  const { clusterId, setNotice } = state;
  if (!clusterId) return false;
  if (!selectMayControl(state)) {
    setNotice(VIEW_ONLY_NOTICE);
    return false;
  }
  try {
    await call(clusterId);
    setNotice(null);
    return true;
  } catch (err) {
    setNotice(`Could not ${what}: ${reasonOf(err)}`);
    return false;
  }
}

/** Like `run`, for an action that changes the run: from the past, it rewrites the future. */
export async function act(what: string, call: (clusterId: string) => Promise<unknown>): Promise<boolean> {
  const state = raftStore.getState();
  if (!state.clusterId) return false;
  if (!selectMayControl(state)) return run(what, call); // says why, sends nothing
  if (!(await rewindIfPast(state.clusterId))) return false;
  return run(what, call);
}

export const actions = {
  crash: (node: number) => act(`crash node ${node}`, (id) => api.nodeAction(id, node, 'crash')),
  restart: (node: number) => act(`restart node ${node}`, (id) => api.nodeAction(id, node, 'restart')),
  timeout: (node: number) => act(`time out node ${node}`, (id) => api.nodeAction(id, node, 'timeout')),
  transferLeadership: (node: number) =>
    act(`transfer leadership to node ${node}`, (id) => api.nodeAction(id, node, 'transfer-leadership')),
  compact: (node: number) => act(`compact node ${node}`, (id) => api.nodeAction(id, node, 'compact')),
  addNode: () => act('add a node', (id) => api.addNode(id)),
  removeNode: (node: number) => act(`remove node ${node}`, (id) => api.removeNode(id, node)),
  setNetwork: (body: NetworkBody, what = 'change the network') => act(what, (id) => api.setNetwork(id, body)),
  heal: () => act('heal the network', (id) => api.heal(id)),
  // The speed and pausing change nothing that happens, only when: no rewind.
  setSpeed: (speed: number) => run('change the speed', (id) => api.setClock(id, { speed })),
  setPaused: (paused: boolean) =>
    paused
      ? run('pause', (id) => api.setClock(id, { paused }))
      : act('resume', (id) => api.setClock(id, { paused })),
  setPauseOnTrouble: (pauseOnTrouble: boolean) =>
    run('change pausing on trouble', (id) => api.setClock(id, { pauseOnTrouble })),
  step: () => run('step', (id) => api.step(id)),
};
