import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { MessageInFlight } from '@raftlab/sim';
import { createCluster, electLeader, inject, testApp } from '../testing/harness';

let app: FastifyInstance;
afterEach(() => app.close());

/** A paused 3-node cluster with a leader, stepped until an AppendEntries is in flight. */
async function withAppendInFlight(): Promise<{ id: string; flight: MessageInFlight }> {
  const id = await createCluster(app, { nodes: 3, seed: 12 });
  await electLeader(app, id);
  const cluster = app.clusters.get(id);
  cluster.setClock({ paused: true });
  const appendOnWire = () => cluster.sim.view().messages.find((m) => m.msg.type === 'AppendEntries');
  for (let i = 0; i < 10_000 && !appendOnWire(); i++) cluster.step();
  return { id, flight: appendOnWire()! };
}

const post = (url: string, payload?: object) => inject(app, { method: 'POST', url, payload });

describe('messages under a hand', () => {
  it('drop, duplicate, deliver and delay act on the message and are recorded in the trace', async () => {
    app = await testApp();
    const { id, flight } = await withAppendInFlight();
    const cluster = app.clusters.get(id);
    const base = `/api/clusters/${id}/messages/${flight.id}`;
    expect((await post(`${base}/duplicate`)).statusCode).toBe(200);
    expect((await post(`${base}/delay`, { ms: 40 })).statusCode).toBe(200);
    expect(cluster.sim.message(flight.id)?.deliverAt).toBe(flight.deliverAt + 40_000);
    expect((await post(`${base}/deliver`)).statusCode).toBe(200);
    expect(cluster.hasMessage(flight.id)).toBe(false);
    const kinds = cluster.trace().inputs.map((i) => (i.kind === 'message' ? i.action : i.kind));
    expect(kinds.slice(-3)).toEqual(['duplicate', 'delay', 'deliver']);
    // Gone now: a second hand on it is a 404, and nothing more is recorded.
    const again = await post(`${base}/drop`);
    expect(again.statusCode).toBe(404);
    expect(again.json().error).toBe('RAFTLAB_ERR_MESSAGE_NOT_FOUND');
    expect(cluster.trace().inputs).toHaveLength(kinds.length);
  });

  it('a dropped AppendEntries is lost to its follower: the leader sends again later', async () => {
    app = await testApp();
    const { id, flight } = await withAppendInFlight();
    const cluster = app.clusters.get(id);
    expect((await post(`/api/clusters/${id}/messages/${flight.id}/drop`)).statusCode).toBe(200);
    expect(cluster.hasMessage(flight.id)).toBe(false);
    await post(`/api/clusters/${id}/clock/advance`, { ms: 200 });
    const resent = cluster.sim.trace();
    expect(resent.inputs.at(-1)).toMatchObject({ kind: 'message', action: 'drop', id: flight.id });
  });

  it("a leader's heartbeat timeout fires by hand; a follower has none to fire", async () => {
    app = await testApp();
    const { id } = await withAppendInFlight();
    const cluster = app.clusters.get(id);
    const leader = cluster.leader();
    const beats = () =>
      cluster.sim.view().messages.filter((m) => m.msg.type === 'AppendEntries' && m.msg.entries.length === 0)
        .length;
    const before = beats();
    expect((await post(`/api/clusters/${id}/nodes/${leader}/heartbeat`)).statusCode).toBe(200);
    expect(beats()).toBe(before + 2);
    const follower = leader === 1 ? 2 : 1;
    const refused = await post(`/api/clusters/${id}/nodes/${follower}/heartbeat`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toBe('RAFTLAB_ERR_NODE_STATE');
  });

  it('refuses bad bodies and actions', async () => {
    app = await testApp();
    const { id, flight } = await withAppendInFlight();
    const base = `/api/clusters/${id}/messages/${flight.id}`;
    expect((await post(`${base}/delay`, { ms: 0 })).statusCode).toBe(400);
    expect((await post(`${base}/delay`, { ms: 60_001 })).statusCode).toBe(400);
    expect((await post(`${base}/explode`)).statusCode).toBe(400);
    expect((await post(`/api/clusters/${id}/messages/-1/drop`)).statusCode).toBe(400);
  });
});
