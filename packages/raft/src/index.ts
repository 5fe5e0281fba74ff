/** Public API of the sans-I/O Raft core. */
export * from './types';
export { RawNode } from './rawnode';
export { FLOW_CONTROL_DEFAULTS } from './config';
export type { NodeObserver, LightStatus } from './observe';
export type { ConfChangeResult } from './raft_membership';
export { applyConfChange, decodeConfEntry } from './confchange';
export { MemoryStorage, type Storage, type InitialState, type MemoryStorageOptions } from './storage';
export { committedIndex, voteResult, quorumSize, type VoteResult } from './quorum';
export { bindTo, bindingOf, BOUND_TO, type Binding } from './bound';
