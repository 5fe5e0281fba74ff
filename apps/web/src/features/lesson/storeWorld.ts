/**
 * The page's store as a lesson's conditions read it (packages/lessons' World): the same
 * facts the server reads from the simulation, rebuilt from the stream. While the clock
 * stands still the two agree, which is when a task's check is read.
 */
import { wireMessage, type World } from '@raftlab/lessons';
import type { RaftStore } from '../../store/store';

export function storeWorld(s: RaftStore): World {
  return {
    nodes: s.nodeIds.map((id) => s.nodes[id]),
    kv: (id) => Object.fromEntries(s.kvMirrors[id]?.table ?? []),
    messages: Object.values(s.messages).map((m) => wireMessage(m.msg)),
    linksDown: Object.keys(s.linksDown).map((key) => key.split('-').map(Number) as [number, number]),
    history: s.history,
    violations: s.violations.map((v) => v.invariant),
    linearizable: () => s.check.verdict?.status !== 'not-linearizable',
  };
}
