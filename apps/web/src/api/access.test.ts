import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SnapshotFrame } from '@raftlab/protocol';
import { reduceSnapshot } from '../store/reducers';
import { raftStore } from '../store/store';
import { snapshot } from '../store/testing';
import { canStep } from '../features/timeline/moves';
import { actions, VIEW_ONLY_NOTICE } from './actions';
import { api } from './client';
import { clusterOfPath, MAX_OWNER_TOKENS, ownerToken, rememberOwner, takeOwnerFragment } from './owners';

/** A localStorage of a Map, and an address bar whose replaceState is recorded. */
function fakeBrowser() {
  const items = new Map<string, string>();
  vi.stubGlobal('localStorage', {
    getItem: (k: string) => items.get(k) ?? null,
    setItem: (k: string, v: string) => void items.set(k, v),
    removeItem: (k: string) => void items.delete(k),
  });
  const replaced: string[] = [];
  vi.stubGlobal('window', {
    history: { state: null, replaceState: (_s: unknown, _t: string, url: string) => replaced.push(url) },
  });
  return { items, replaced };
}

const ok = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status });

afterEach(() => {
  vi.unstubAllGlobals();
  raftStore.setState({ clusterId: null, isOwner: false, controlOpen: false, notice: null });
});

describe('the owner tokens this browser keeps', () => {
  beforeEach(() => void fakeBrowser());

  it('keeps the newest MAX_OWNER_TOKENS and forgets a cluster the server no longer has', async () => {
    const { items } = fakeBrowser();
    for (let i = 0; i <= MAX_OWNER_TOKENS; i++) rememberOwner(`c${i}`, `t${i}`);
    rememberOwner('c1', 't1'); // given again: now the newest
    expect(ownerToken('c0')).toBeUndefined();
    expect(ownerToken('c1')).toBe('t1');
    expect(ownerToken('c2')).toBe('t2');
    expect([...items.keys()].filter((k) => k.startsWith('raftlab.owner.'))).toHaveLength(MAX_OWNER_TOKENS);
    const gone = { error: 'RAFTLAB_ERR_CLUSTER_NOT_FOUND', message: 'No cluster with id "c2"' };
    vi.stubGlobal('fetch', () => Promise.resolve(ok(gone, 404)));
    await expect(api.getCluster('c2')).rejects.toMatchObject({ status: 404 });
    expect(ownerToken('c2')).toBeUndefined();
    expect(ownerToken('c3')).toBe('t3');
  });

  it('takes an owner link’s token out of the address bar and keeps it for that cluster only', () => {
    const { replaced } = fakeBrowser();
    takeOwnerFragment('abc', { hash: '#owner=Tok_en-1', pathname: '/c/abc', search: '?at=5' });
    expect(ownerToken('abc')).toBe('Tok_en-1');
    expect(ownerToken('abd')).toBeUndefined();
    expect(replaced).toEqual(['/c/abc?at=5']);
  });

  it('leaves an address without an owner fragment (or with a malformed one) as it is', () => {
    const { replaced } = fakeBrowser();
    for (const hash of ['', '#', '#owner=', '#owner=a b', '#other=x'])
      takeOwnerFragment('xyz', { hash, pathname: '/c/xyz', search: '' });
    expect(replaced).toEqual([]);
    expect(ownerToken('xyz')).toBeUndefined();
  });

  it('reads the cluster a request path is about', () => {
    expect(clusterOfPath('/api/clusters/abc')).toBe('abc');
    expect(clusterOfPath('/api/clusters/abc/kv/x?consistency=lease')).toBe('abc');
    expect(clusterOfPath('/api/clusters/abc?at=3')).toBe('abc');
    expect(clusterOfPath('/api/clusters')).toBeNull();
    expect(clusterOfPath('/api/lesson-runs')).toBeNull();
  });
});

describe('the HTTP client and the owner token', () => {
  it('sends the token as a bearer only with requests about its own cluster', async () => {
    fakeBrowser();
    rememberOwner('mine', 'secret');
    const fetch = vi.fn(async () => ok({ ok: true }));
    vi.stubGlobal('fetch', fetch);
    await api.nodeAction('mine', 1, 'crash');
    await api.nodeAction('theirs', 1, 'crash');
    await api.bugs();
    const headers = fetch.mock.calls.map((call) => (call as unknown as [string, RequestInit])[1].headers);
    expect(headers).toEqual([{ authorization: 'Bearer secret' }, {}, {}]);
  });

  it('keeps the token a new cluster, a fork and a rewound branch are answered with', async () => {
    fakeBrowser();
    const made = (id: string) => ({ id, owner: { token: `t-${id}`, link: `/c/${id}#owner=t-${id}` } });
    vi.stubGlobal(
      'fetch',
      vi
        .fn()
        .mockResolvedValueOnce(ok(made('new1'), 201))
        .mockResolvedValueOnce(ok(made('fork1'), 201))
        .mockResolvedValueOnce(
          ok({ clock: {}, branch: { id: 'br1', at: 3 }, branchOwner: { token: 't-br1', link: '' } }),
        ),
    );
    await api.createCluster({});
    await api.fork('new1', 5);
    await api.rewind('new1', 3);
    expect([ownerToken('new1'), ownerToken('fork1'), ownerToken('br1')]).toEqual([
      't-new1',
      't-fork1',
      't-br1',
    ]);
  });
});

describe('a page without control', () => {
  it('sends no action and says why; with control it sends it', async () => {
    fakeBrowser();
    const fetch = vi.fn(async () => ok({ ok: true }));
    vi.stubGlobal('fetch', fetch);
    raftStore.setState({ clusterId: 'abc', isOwner: false, controlOpen: false });
    expect(await actions.crash(1)).toBe(false);
    expect(await actions.setSpeed(2)).toBe(false);
    expect(fetch).not.toHaveBeenCalled();
    expect(raftStore.getState().notice).toBe(VIEW_ONLY_NOTICE);

    raftStore.setState({ controlOpen: true });
    expect(await actions.crash(1)).toBe(true);
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('may step through the past but not run the live cluster a step', () => {
    const paused = {
      ...raftStore.getState(),
      connection: 'live' as const,
      clock: { ...raftStore.getState().clock, paused: true, seq: 10 },
    };
    expect(canStep({ ...paused, isOwner: false }, 1)).toBe(false);
    expect(canStep({ ...paused, isOwner: false }, -1)).toBe(true);
    expect(canStep({ ...paused, isOwner: true }, 1)).toBe(true);
  });

  it('learns from a live snapshot whether control is open, and keeps it through a moment of the past', () => {
    const state = raftStore.getState();
    const live: SnapshotFrame = { ...snapshot(), access: { open: true } };
    expect(reduceSnapshot(state, live, 0)).toMatchObject({ controlOpen: true });
    const past: SnapshotFrame = { ...snapshot(), moment: { at: 1, end: 9 } };
    expect(reduceSnapshot({ ...state, controlOpen: true }, past, 0)).not.toHaveProperty('controlOpen');
  });
});
