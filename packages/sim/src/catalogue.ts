/**
 * The simulator's facts that other packages show or validate against, defined once as
 * data: its bug switches, the safety properties it checks, how a read may be served,
 * the cluster size bounds and the default configuration. `@raftlab/protocol` derives its
 * schema unions from these; the dashboard imports them for names and sections.
 *
 * Imported as `@raftlab/sim/catalogue`, a module with no runtime dependency on the rest
 * of the simulator, so a browser bundle that reads the catalogue gets only the catalogue.
 */
export { BUGS, BUG_LAYERS, BUG_NAMES, isBugName, type BugName, type BugLayer } from './bugs';
export {
  INVARIANTS,
  INVARIANT_NAMES,
  invariantInfo,
  type InvariantInfo,
  type InvariantName,
} from './invariant_catalogue';
export {
  DEFAULT_SIM_CONFIG,
  FAIL_REASONS,
  MAX_NODES,
  PERFECT_LINK,
  READ_CONSISTENCIES,
  type FailReason,
  type ReadConsistency,
} from './types';
