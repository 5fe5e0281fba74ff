/**
 * Control actions: HTTP calls against the current cluster. Their effects come back on
 * the stream; only failures are written to the store, as a notice.
 */
import type { NetworkBody } from '@raftlab/protocol';
import { raftStore } from '../store/store';
import { api, ApiError } from './client';

/** Runs `call` with the current cluster id; a failure becomes the store's notice. */
export async function run(what: string, call: (clusterId: string) => Promise<unknown>): Promise<boolean> {
  const { clusterId, setNotice } = raftStore.getState();
  if (!clusterId) return false;
  try {
    await call(clusterId);
    setNotice(null);
    return true;
  } catch (err) {
    const reason = err instanceof ApiError ? err.message || err.code : 'request failed';
    setNotice(`Could not ${what}: ${reason}`);
    return false;
  }
}

export const actions = {
  crash: (node: number) => run(`crash node ${node}`, (id) => api.nodeAction(id, node, 'crash')),
  restart: (node: number) => run(`restart node ${node}`, (id) => api.nodeAction(id, node, 'restart')),
  timeout: (node: number) => run(`time out node ${node}`, (id) => api.nodeAction(id, node, 'timeout')),
  transferLeadership: (node: number) =>
    run(`transfer leadership to node ${node}`, (id) => api.nodeAction(id, node, 'transfer-leadership')),
  compact: (node: number) => run(`compact node ${node}`, (id) => api.nodeAction(id, node, 'compact')),
  addNode: () => run('add a node', (id) => api.addNode(id)),
  removeNode: (node: number) => run(`remove node ${node}`, (id) => api.removeNode(id, node)),
  setNetwork: (body: NetworkBody, what = 'change the network') => run(what, (id) => api.setNetwork(id, body)),
  heal: () => run('heal the network', (id) => api.heal(id)),
  setSpeed: (speed: number) => run('change the speed', (id) => api.setClock(id, { speed })),
  setPaused: (paused: boolean) => run(paused ? 'pause' : 'resume', (id) => api.setClock(id, { paused })),
  step: () => run('step', (id) => api.step(id)),
};
