/**
 * What a cluster's clock can run until: a lesson's condition (packages/lessons), read
 * after every event on a glance at the simulation, so the clock pauses right after the
 * event that makes it true — exactly where the lesson tests, playing the same lesson on
 * a bare simulation, find it.
 */
import { holds, UnboundName, type Bindings, type Condition } from '@raftlab/lessons';
import { worldOf } from '@raftlab/lessons/runner';
import type { Simulation } from '@raftlab/sim';
import { BadLesson } from '../errors';

export interface ClockUntil {
  holds(sim: Simulation): boolean;
}

/** The until of `condition`; throws BadLesson when it names a node no binding gives. */
export function clockUntil(condition: Condition, bindings: Bindings, sim: Simulation): ClockUntil {
  const until = { holds: (s: Simulation) => holds(condition, worldOf(s), bindings) };
  try {
    until.holds(sim);
  } catch (error) {
    if (error instanceof UnboundName) throw new BadLesson(error.message);
    throw error;
  }
  return until;
}
