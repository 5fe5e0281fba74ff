/**
 * `Config` checked and completed with defaults, once, when a node starts. The core
 * reads its settings from here (`raft.cfg`), never from the caller's object.
 */
import type { Config, RaftBug, ReadOnlyOption } from './types';

/** The flow-control defaults a node runs with when its `Config` leaves them out. */
export const FLOW_CONTROL_DEFAULTS = {
  maxEntriesPerMessage: 64,
  maxInflight: 256,
} as const;

export interface Settings {
  electionTick: number;
  heartbeatTick: number;
  preVote: boolean;
  checkQuorum: boolean;
  maxEntriesPerMessage: number;
  maxInflight: number;
  maxUncommittedEntries: number;
  readOnly: ReadOnlyOption;
  bugs: ReadonlySet<RaftBug>;
}

export function settingsFrom(config: Config): Settings {
  if (config.heartbeatTick <= 0 || config.electionTick <= config.heartbeatTick) {
    throw new Error('config: need 0 < heartbeatTick < electionTick');
  }
  const checkQuorum = config.checkQuorum ?? false;
  // Thesis §6.4.1: a lease is only sound if a deposed leader stops serving by itself.
  if (config.readOnly === 'lease' && !checkQuorum) {
    throw new Error('config: readOnly "lease" requires checkQuorum');
  }
  return {
    electionTick: config.electionTick,
    heartbeatTick: config.heartbeatTick,
    preVote: config.preVote ?? false,
    checkQuorum,
    maxEntriesPerMessage: config.maxEntriesPerMessage ?? FLOW_CONTROL_DEFAULTS.maxEntriesPerMessage,
    maxInflight: config.maxInflight ?? FLOW_CONTROL_DEFAULTS.maxInflight,
    maxUncommittedEntries: config.maxUncommittedEntries ?? Infinity,
    readOnly: config.readOnly ?? 'safe',
    bugs: new Set(config.bugs ?? []),
  };
}
