/**
 * `@raftlab/sim/kv`: the key-value state machine's rules (kv_rules.ts) and a viewer's
 * copy of a node's state machine built on them (kv_mirror.ts), for the dashboard. Neither
 * depends on the rest of the simulator, so a browser bundle gets only these.
 */
export * from './kv_rules';
export * from './kv_mirror';
