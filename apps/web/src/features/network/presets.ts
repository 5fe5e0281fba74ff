/** Network presets as partition groups, and the link bodies for cutting or restoring a pair. */
import type { NetworkBody } from '@raftlab/protocol';

/** The leader alone against everyone else. */
export function isolateLeader(ids: readonly number[], leader: number): number[][] {
  return [[leader], ids.filter((id) => id !== leader)];
}

/**
 * The leader plus enough others to stay short of a quorum, against the rest: with 5
 * nodes, {leader, next} vs the other three, so the leader is in the minority.
 */
export function splitLeaderMinority(ids: readonly number[], leader: number): number[][] {
  const others = ids.filter((id) => id !== leader);
  const minoritySize = Math.max(1, Math.ceil(ids.length / 2) - 1);
  const minority = [leader, ...others.slice(0, minoritySize - 1)];
  return [minority, ids.filter((id) => !minority.includes(id))];
}

/** Both directions of a–b set to `up`. */
export function linkPairBody(a: number, b: number, up: boolean): NetworkBody {
  return {
    links: [
      { from: a, to: b, up },
      { from: b, to: a, up },
    ],
  };
}

/** One direction, from → to, set to `up` (a one-way cut, or its repair). */
export function linkDirectionBody(from: number, to: number, up: boolean): NetworkBody {
  return { links: [{ from, to, up }] };
}

export interface LinkQualityInput {
  /** Percent of messages lost, 0..100. */
  lossPercent: number;
  /** Percent of messages delivered twice, 0..100. */
  duplicatePercent: number;
  /** Latency range in ms; null restores the cluster's default. */
  latencyMs: { min: number; max: number } | null;
}

/** The network body that sets a link's quality, in one direction or both. */
export function linkQualityBody(
  from: number,
  to: number,
  q: LinkQualityInput,
  bothWays: boolean,
): NetworkBody {
  const clamp = (p: number) => Math.min(1, Math.max(0, p / 100));
  const quality = {
    loss: clamp(q.lossPercent),
    duplicate: clamp(q.duplicatePercent),
    latencyMs: q.latencyMs,
  };
  const links = [{ from, to, ...quality }];
  if (bothWays) links.push({ from: to, to: from, ...quality });
  return { links };
}

/** A body that sets every directed link between `ids`: up where `connected` says so. */
function allLinks(ids: readonly number[], connected: (a: number, b: number) => boolean): NetworkBody {
  const links: Array<{ from: number; to: number; up: boolean }> = [];
  for (const from of ids) {
    for (const to of ids) if (from !== to) links.push({ from, to, up: connected(from, to) });
  }
  return { links };
}

/**
 * Bridge: two halves that cannot hear each other, both connected to one node in the
 * middle (Jepsen's "bridge"): each side plus the bridge is a majority.
 */
export function bridgeLinks(ids: readonly number[]): NetworkBody {
  const sorted = [...ids].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const bridge = sorted[middle];
  const side = (id: number) => (id === bridge ? 0 : sorted.indexOf(id) < middle ? -1 : 1);
  return allLinks(sorted, (a, b) => side(a) === 0 || side(b) === 0 || side(a) === side(b));
}

/** Ring: every node hears only its two neighbours in id order, so no node reaches a majority directly. */
export function ringLinks(ids: readonly number[]): NetworkBody {
  const sorted = [...ids].sort((a, b) => a - b);
  const n = sorted.length;
  const position = (id: number) => sorted.indexOf(id);
  return allLinks(sorted, (a, b) => {
    const d = Math.abs(position(a) - position(b));
    return d === 1 || d === n - 1;
  });
}
