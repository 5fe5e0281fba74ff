/**
 * Issue 16, defect 7: the real process, spawned as `npm start` runs it, shuts down
 * promptly on SIGTERM even with a KV request waiting, and tells its viewers why.
 */
import type { ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startServer } from './testing/process';

let child: ChildProcess | undefined;
afterEach(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
});

async function launch(env: Record<string, string> = {}) {
  const server = await startServer(env);
  child = server.child;
  return server;
}

describe('shutdown', () => {
  it('on SIGTERM viewers get a closed frame and the process exits within a second, a request waiting', async () => {
    const { base, child: server, exited } = await launch();
    const created = await fetch(`${base}/api/clusters`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ nodes: 3, options: { paused: true } }),
    });
    expect(created.status).toBe(201);
    const { id, owner } = (await created.json()) as { id: string; owner: { token: string } };
    const socket = new WebSocket(`${base.replace('http', 'ws')}/api/clusters/${id}/stream`);
    const frames: Array<{ type: string; reason?: string }> = [];
    socket.on('message', (data) => frames.push(JSON.parse(String(data))));
    await new Promise((resolve) => socket.once('open', resolve));
    // The clock is paused: this write waits (up to the 15 s request timeout).
    const waiting = fetch(`${base}/api/clusters/${id}/kv/k`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${owner.token}` },
      body: JSON.stringify({ value: 'v' }),
    }).then(
      (res) => res.status,
      () => 'cut',
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    const start = Date.now();
    server.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(Date.now() - start).toBeLessThan(1200);
    expect(await closed).toBe(1001);
    expect(frames.at(-1)).toEqual({ type: 'closed', reason: 'the server is shutting down' });
    expect(await waiting).toBe(504);
  });

  it('takes the rate limit from the environment, and never counts /healthz', async () => {
    const { base } = await launch({
      RAFTLAB_RATE_LIMIT: '2',
      RAFTLAB_RATE_LIMIT_EXEMPT_LOOPBACK: 'false',
    });
    for (let i = 0; i < 5; i++) expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const codes = [];
    for (let i = 0; i < 3; i++) codes.push((await fetch(`${base}/api/clusters/abc123`)).status);
    expect(codes).toEqual([404, 404, 429]);
  });
});
