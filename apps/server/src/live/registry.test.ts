/** Retention (issue 16): a cluster nobody watches or uses expires after the idle time. */
import { describe, expect, it } from 'vitest';
import type { Viewer } from './viewers';
import { ClusterAccess } from './access';
import { ClusterRegistry } from './registry';

const MINUTE = 60_000;

function registry(idleTtlMs: number) {
  let now = 0;
  const clusters = new ClusterRegistry({
    maxClusters: 32,
    defaultSpeed: 1,
    requestTimeoutMs: 1000,
    idleTtlMs,
    wallNow: () => now,
  });
  const create = () => clusters.create({}, ClusterAccess.issue().access);
  return { clusters, create, later: (ms: number) => (now += ms) };
}

const viewer = (): Viewer => ({ bufferedAmount: 0, send: () => undefined, close: () => undefined });

describe('idle clusters', () => {
  it('expire once nobody has used or watched them for the idle time, and a use keeps one', () => {
    const { clusters, create, later } = registry(60 * MINUTE);
    const used = create();
    const idle = create();
    later(40 * MINUTE);
    clusters.get(used.id); // a request
    later(30 * MINUTE);
    expect(clusters.expireIdle()).toBe(1);
    expect(() => clusters.get(idle.id)).toThrow(/not found|No cluster/i);
    expect(clusters.get(used.id)).toBe(used);
  });

  it('never expire while watched; the idle time starts when the last viewer leaves', () => {
    const { clusters, create, later } = registry(60 * MINUTE);
    const watched = create();
    const person = viewer();
    watched.addViewer(person);
    later(5 * 60 * MINUTE);
    expect(clusters.expireIdle()).toBe(0);
    watched.removeViewer(person);
    later(59 * MINUTE);
    expect(clusters.expireIdle()).toBe(0);
    later(2 * MINUTE);
    expect(clusters.expireIdle()).toBe(1);
    expect(clusters.size).toBe(0);
  });

  it('with no idle time, stay until evicted at the cap', () => {
    const { clusters, create, later } = registry(Number.POSITIVE_INFINITY);
    create();
    later(10_000 * MINUTE);
    expect(clusters.expireIdle()).toBe(0);
    expect(clusters.size).toBe(1);
  });
});
