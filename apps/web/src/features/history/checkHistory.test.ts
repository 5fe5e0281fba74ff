import { afterEach, describe, expect, it, vi } from 'vitest';
import type { HistoryReply } from '@raftlab/protocol';
import { createRaftStore } from '../../store/store';
import { checkHistory, MIN_RECHECK_MS, nextCheckAt } from './checkHistory';

/** The answer to `?ops=pending`: only operation 2 is pending; operation 1 completed. */
const reply: HistoryReply = {
  ops: [
    {
      opId: 2,
      clientId: 2,
      op: { type: 'delete', key: 'x' },
      invokedAt: 3,
      completedAt: null,
      status: 'pending',
    },
  ],
  verdict: { status: 'linearizable', checkedOps: 2, message: 'ok' },
  total: 2,
  maxOpId: 2,
};

afterEach(() => vi.unstubAllGlobals());

describe('checkHistory', () => {
  it('stores the verdict and how many operations had completed, one request at a time', async () => {
    const fetch = vi.fn(async () => new Response(JSON.stringify(reply), { status: 200 }));
    vi.stubGlobal('fetch', fetch);
    const store = createRaftStore();
    store.getState().setClusterId('abc');
    const first = checkHistory(store);
    expect(store.getState().check.checking).toBe(true);
    await checkHistory(store); // a second click while the first is out does nothing
    await first;
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(fetch.mock.calls[0]).toEqual(['/api/clusters/abc/history?ops=pending', expect.anything()]);
    expect(store.getState().check).toEqual({
      checking: false,
      verdict: reply.verdict,
      covered: { maxOpId: 2, pending: [2] },
      error: null,
    });
  });
  it('keeps the last verdict and says why when a check fails', async () => {
    vi.stubGlobal('fetch', async () => new Response(JSON.stringify(reply), { status: 200 }));
    const store = createRaftStore();
    store.getState().setClusterId('abc');
    await checkHistory(store);
    vi.stubGlobal(
      'fetch',
      async () => new Response(JSON.stringify({ error: 'X', message: 'cluster gone' }), { status: 404 }),
    );
    await checkHistory(store);
    expect(store.getState().check).toMatchObject({ verdict: reply.verdict, error: 'cluster gone' });
  });
  it('checks the moment shown in the past, and drops a verdict that comes back after the page moved', async () => {
    let answer: (r: Response) => void = () => {};
    const fetch = vi.fn(() => new Promise<Response>((r) => (answer = r)));
    vi.stubGlobal('fetch', fetch);
    const store = createRaftStore();
    store.getState().setClusterId('abc');
    store.setState({ moment: { at: 120, end: 500 } });
    const check = checkHistory(store);
    expect(fetch.mock.calls[0]).toEqual(['/api/clusters/abc/history?ops=pending&at=120', expect.anything()]);
    store.setState({ moment: { at: 130, end: 500 } });
    answer(new Response(JSON.stringify(reply), { status: 200 }));
    await check;
    expect(store.getState().check).toMatchObject({ checking: false, verdict: null, error: null });
  });
});

describe('nextCheckAt', () => {
  it('waits at least MIN_RECHECK_MS, longer after a slow check', () => {
    expect(nextCheckAt(1000, 5)).toBe(1000 + MIN_RECHECK_MS);
    expect(nextCheckAt(1000, 800)).toBe(1000 + 8000);
  });
});
