/**
 * The kv slice: each node's applied key-value table, as the node itself holds it. It
 * follows the node's state machine from the stream with the simulator's own rules
 * (`@raftlab/sim/kv`: the same apply function, the same bug switches), so the page
 * cannot show a table the node does not have. Runs before the logs and messages slices:
 * a snapshot is taken from entries the logs slice is about to compact, and an installed
 * snapshot's image is read from the InstallSnapshot message being delivered.
 */
import {
  applyRulesOf,
  emptyMirror,
  mirrorAppended,
  mirrorApplied,
  mirrorCrashed,
  mirrorFromView,
  mirrorInstalled,
  mirrorRestarted,
  mirrorSnapshotTaken,
  type ApplyRules,
  type KvMirror,
} from '@raftlab/sim/kv';
import type { FrameDraft, Slice } from '../draft';

export interface KvState {
  /** Each node's applied table, by node id. */
  kvMirrors: Record<number, KvMirror>;
  /** The snapshot data an InstallSnapshot just delivered to a node carried, until the node installs it. */
  kvInstalling: Record<number, string>;
}

const NO_BUGS = applyRulesOf([]);
const rulesOf = (d: FrameDraft): ApplyRules => (d.s.config ? applyRulesOf(d.s.config.bugs) : NO_BUGS);

function update(d: FrameDraft, node: number, next: (mirror: KvMirror) => KvMirror): void {
  const mirror = d.s.kvMirrors[node];
  if (mirror !== undefined) d.edit('kvMirrors')[node] = next(mirror);
}

export const kv: Slice<KvState> = {
  initial: () => ({ kvMirrors: {}, kvInstalling: {} }),
  snapshot: (_state, frame) => {
    const rules = applyRulesOf(frame.view.config.bugs);
    const kvMirrors: KvState['kvMirrors'] = {};
    for (const node of frame.view.nodes) kvMirrors[node.id] = mirrorFromView(node, rules);
    const kvInstalling: KvState['kvInstalling'] = {};
    for (const { msg } of frame.view.messages)
      if (msg.type === 'InstallSnapshot') kvInstalling[msg.to] = msg.snapshot.data;
    return { kvMirrors, kvInstalling };
  },
  events: {
    'node-added': (d, e) => {
      d.edit('kvMirrors')[e.node] = emptyMirror();
    },
    'log-appended': (d, e) => update(d, e.node, (m) => mirrorAppended(m, e.entries, rulesOf(d))),
    'node-state': (d, e) =>
      update(d, e.node.id, (m) => mirrorApplied(m, d.s.logs[e.node.id] ?? [], e.node.applied, rulesOf(d))),
    'snapshot-taken': (d, e) =>
      update(d, e.node, (m) => mirrorSnapshotTaken(m, e.index, d.s.logs[e.node] ?? [], rulesOf(d))),
    'message-delivered': (d, e) => {
      const msg = d.s.messages[e.id]?.msg;
      if (msg?.type === 'InstallSnapshot') d.edit('kvInstalling')[msg.to] = msg.snapshot.data;
    },
    'snapshot-installed': (d, e) => {
      update(d, e.node, (m) => mirrorInstalled(m, e.index, d.s.kvInstalling[e.node] ?? null));
      if (d.s.kvInstalling[e.node] !== undefined) delete d.edit('kvInstalling')[e.node];
    },
    'node-crashed': (d, e) => update(d, e.node, mirrorCrashed),
    'node-restarted': (d, e) => update(d, e.node, mirrorRestarted),
  },
};
