import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { LIMITS, type ServerFrame } from '@raftlab/protocol';
import type { WebSocket } from 'ws';
import { createCluster, testApp } from '../testing/harness';

let app: FastifyInstance;
let sockets: WebSocket[] = [];
afterEach(async () => {
  for (const s of sockets) s.terminate();
  sockets = [];
  await app.close();
});

/** Opens the stream and collects frames; `next()` resolves with the next unread frame. */
async function open(url: string) {
  const frames: ServerFrame[] = [];
  const waiters: Array<() => void> = [];
  // The listener goes on in onInit, before the server's first frame can arrive.
  const socket = await app.injectWS(
    url,
    {},
    {
      onInit: (ws) =>
        ws.on('message', (data) => {
          frames.push(JSON.parse(data.toString()));
          waiters.splice(0).forEach((w) => w());
        }),
    },
  );
  sockets.push(socket);
  let read = 0;
  const next = async (): Promise<ServerFrame> => {
    while (read >= frames.length) await new Promise<void>((r) => waiters.push(r));
    return frames[read++];
  };
  return { socket, next };
}

describe('stream', () => {
  it('sends a snapshot, then batches of events as the clock runs', async () => {
    app = await testApp();
    const id = await createCluster(app, { nodes: 3 });
    const { next } = await open(`/api/clusters/${id}/stream`);
    const snapshot = await next();
    expect(snapshot.type).toBe('snapshot');
    if (snapshot.type !== 'snapshot') return;
    expect(snapshot.view.nodes).toHaveLength(3);
    expect(snapshot.stages).toEqual([]);
    app.driver.tick(500);
    const batch = await next();
    expect(batch.type).toBe('events');
    if (batch.type !== 'events') return;
    expect(batch.clock.now).toBe(500_000);
    const types = new Set(batch.events.map((e) => e.type));
    expect(types.has('message-sent')).toBe(true);
    expect(types.has('node-state')).toBe(true);
  });

  it('answers pings, asks for resync, and answers bad frames with an error frame without closing', async () => {
    app = await testApp();
    const id = await createCluster(app, { nodes: 3 });
    const { socket, next } = await open(`/api/clusters/${id}/stream`);
    expect((await next()).type).toBe('snapshot');
    socket.send('not json');
    expect(await next()).toMatchObject({ type: 'error', error: 'RAFTLAB_ERR_BAD_FRAME' });
    socket.send(JSON.stringify({ type: 'launch', missiles: true }));
    expect(await next()).toMatchObject({ type: 'error', error: 'RAFTLAB_ERR_BAD_FRAME' });
    socket.send(JSON.stringify({ type: 'ping', id: 7 }));
    expect(await next()).toEqual({ type: 'pong', id: 7 });
    socket.send(JSON.stringify({ type: 'resync' }));
    await new Promise((r) => setTimeout(r, 20));
    app.driver.tick(10);
    expect((await next()).type).toBe('snapshot');
  });

  it('puts only the newest client operations in a snapshot, however long the history', async () => {
    app = await testApp();
    const id = await createCluster(app, { nodes: 3 });
    const sim = app.clusters.get(id).sim;
    const total = LIMITS.maxHistoryInSnapshot + 50;
    // Stale reads complete at once, without the network.
    for (let i = 0; i < total; i++) sim.invoke(1, { type: 'get', key: 'k', consistency: 'stale' });
    expect(sim.history()).toHaveLength(total);
    const { next } = await open(`/api/clusters/${id}/stream`);
    const snapshot = await next();
    if (snapshot.type !== 'snapshot') throw new Error(`expected a snapshot, got ${snapshot.type}`);
    expect(snapshot.history).toHaveLength(LIMITS.maxHistoryInSnapshot);
    expect(snapshot.history.at(-1)?.opId).toBe(sim.history().at(-1)?.opId);
  });

  it('a seek answers the past as a snapshot and the events leading to the moment; live frames wait for "live"', async () => {
    app = await testApp();
    const id = await createCluster(app, { nodes: 3, seed: 5 });
    app.driver.tick(2_000);
    const cluster = app.clusters.get(id);
    const end = cluster.end;
    const { socket, next } = await open(`/api/clusters/${id}/stream`);
    const live = await next();
    if (live.type !== 'snapshot') throw new Error(`expected a snapshot, got ${live.type}`);
    expect(live.clock.seq).toBe(end);
    expect(live.markers?.some((m) => m.kind === 'leader')).toBe(true);
    const at = Math.floor(end / 2);
    socket.send(JSON.stringify({ type: 'seek', at }));
    const past = await next();
    const lead = await next();
    if (past.type !== 'snapshot' || lead.type !== 'events')
      throw new Error('expected a snapshot, then events');
    const from = Math.max(0, at - LIMITS.seekLeadEvents);
    expect(past.moment).toEqual({ at: from, end });
    expect(past.clock.seq).toBe(from);
    expect(lead.moment).toEqual({ at, end });
    expect(lead.clock.seq).toBe(at);
    expect(lead.events.length).toBeGreaterThan(0);
    // The moment's view is what GET ?at= answers.
    const state = (await app.inject({ method: 'GET', url: `/api/clusters/${id}?at=${at}` })).json();
    expect(lead.clock.now).toBe(state.clock.now);
    // While in the past, the live cluster runs on but this viewer gets nothing of it.
    app.driver.tick(500);
    socket.send(JSON.stringify({ type: 'seek', at: cluster.end + 5 }));
    expect(await next()).toMatchObject({ type: 'error', error: 'RAFTLAB_ERR_MOMENT_NOT_FOUND' });
    socket.send(JSON.stringify({ type: 'live' }));
    await new Promise((r) => setTimeout(r, 20));
    app.driver.tick(10);
    const back = await next();
    expect(back.type).toBe('snapshot');
    if (back.type === 'snapshot') expect(back.moment).toBeUndefined();
  });

  it('keeps a socket open through a long drag of the timeline, answering each seek with its moment', async () => {
    app = await testApp();
    const id = await createCluster(app, { nodes: 3, seed: 5 });
    app.driver.tick(5_000);
    const end = app.clusters.get(id).end;
    const { socket, next } = await open(`/api/clusters/${id}/stream`);
    expect((await next()).type).toBe('snapshot');
    let closed = false;
    const whenClosed = new Promise<never>((_, reject) =>
      socket.on('close', (code) => {
        closed = true;
        reject(new Error(`the server closed the socket (${code})`));
      }),
    );
    // As the page drags: one seek in flight, the next a frame (16 ms) after the last was
    // sent, for two seconds (the limit of 20 frames a second, bursts of 40, closed it).
    const seeks = 120;
    let shown: number;
    for (let i = 0; i < seeks; i++) {
      const sent = performance.now();
      const at = Math.round((end * (i % 100)) / 100);
      socket.send(JSON.stringify({ type: 'seek', at }));
      for (;;) {
        const frame = await Promise.race([next(), whenClosed]);
        if (frame.type === 'events' && frame.moment) {
          shown = frame.moment.at;
          break;
        }
      }
      expect(shown).toBe(at);
      await new Promise((r) => setTimeout(r, Math.max(0, 16 - (performance.now() - sent))));
    }
    expect(closed).toBe(false);
  });

  it('closes with an error frame for an unknown cluster', async () => {
    app = await testApp();
    const { next } = await open(`/api/clusters/abc123/stream`);
    expect(await next()).toMatchObject({ type: 'error', error: 'RAFTLAB_ERR_CLUSTER_NOT_FOUND' });
  });

  it('closes a socket that sends frames faster than the limit with 1008, after a burst of twice the rate', async () => {
    app = await testApp();
    const id = await createCluster(app, { nodes: 3 });
    const { socket, next } = await open(`/api/clusters/${id}/stream`);
    expect((await next()).type).toBe('snapshot');
    const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
    const sent = 5 * LIMITS.maxClientFramesPerSecond;
    for (let i = 0; i < sent; i++) socket.send(JSON.stringify({ type: 'ping', id: i }));
    expect(await closed).toBe(1008);
    const pongs: ServerFrame[] = [];
    for (let i = 0; i < 2 * LIMITS.maxClientFramesPerSecond; i++) pongs.push(await next());
    expect(pongs.every((frame) => frame.type === 'pong')).toBe(true);
    for (let i = 0; i < 100 && app.clusters.get(id).viewerCount > 0; i++)
      await new Promise((r) => setTimeout(r, 10));
    expect(app.clusters.get(id).viewerCount).toBe(0);
  });
});
