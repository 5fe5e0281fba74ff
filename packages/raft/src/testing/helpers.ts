/** Single-node helpers for unit tests that feed hand-written messages. */
import { RawNode } from '../rawnode';
import { MemoryStorage } from '../storage';
import type { Config, Entry, Message, NodeId } from '../types';

export interface TestNode {
  node: RawNode;
  storage: MemoryStorage;
  /** Handles all Readies (persist, advance) and returns the messages they carried. */
  drain(): Message[];
}

export function newTestNode(
  id: NodeId,
  voters: NodeId[],
  options: Partial<Config> = {},
  storage = new MemoryStorage({ voters }),
): TestNode {
  const node = new RawNode({ electionTick: 10, heartbeatTick: 1, random: () => 0, ...options, id }, storage);
  return {
    node,
    storage,
    drain() {
      const out: Message[] = [];
      while (node.hasReady()) {
        const rd = node.ready();
        if (rd.hardState) storage.setHardState(rd.hardState);
        storage.append(rd.entries);
        out.push(...rd.messages);
        node.advance(rd);
      }
      return out;
    },
  };
}

export function entriesWithTerms(terms: number[]): Entry[] {
  return terms.map((term, i) => ({ index: i + 1, term, kind: 'command', data: `${i + 1}` }));
}

/** A storage already holding a log and hard state, as left by an earlier run. */
export function storageWith(voters: NodeId[], terms: number[], term: number, vote = 0): MemoryStorage {
  const s = new MemoryStorage({ voters });
  s.append(entriesWithTerms(terms));
  s.setHardState({ term, vote, commit: 0 });
  return s;
}
