/** The simulator's types a lesson speaks of (types only: the page imports this package). */
export type {
  HistoryOp,
  Input,
  InputBody,
  KvOp,
  MessageInFlight,
  NodeState,
  ReadConsistency,
  SimConfig,
} from '@raftlab/sim';
export type { MessageType, Role } from '@raftlab/raft';
