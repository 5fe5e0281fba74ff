export { Simulation } from './simulation';
export { Random } from './random';
export { EventQueue } from './queue';
export { EventHasher, fnv1a, hashEvents } from './hash';
export { KvStateMachine, encodeCommand, decodeCommand } from './kv';
export type { Command, ApplyOutcome } from './kv';
export { InvariantChecker, INVARIANTS } from './invariants';
export type { InvariantName, Violation } from './invariants';
export * from './types';
