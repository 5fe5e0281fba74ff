/**
 * The library's lessons, in the order a learner takes them. Each is a JSON file in
 * `lessons/` (docs/lessons.md); the lesson tests validate every one against the schema
 * and play it, so a cast here is checked where it matters.
 */
import cast from '../lessons/01-cast.json' with { type: 'json' };
import election from '../lessons/02-election.json' with { type: 'json' };
import splitVotes from '../lessons/03-split-votes.json' with { type: 'json' };
import catchingUp from '../lessons/05-catching-up.json' with { type: 'json' };
import replication from '../lessons/04-replication.json' with { type: 'json' };
import electionRestriction from '../lessons/06-election-restriction.json' with { type: 'json' };
import minorityLeader from '../lessons/07-minority-leader.json' with { type: 'json' };
import figure8 from '../lessons/08-figure-8.json' with { type: 'json' };
import disruptiveServers from '../lessons/09-disruptive-servers.json' with { type: 'json' };
import reads from '../lessons/10-reads.json' with { type: 'json' };
import sessions from '../lessons/11-sessions.json' with { type: 'json' };
import membership from '../lessons/12-membership.json' with { type: 'json' };
import snapshots from '../lessons/13-snapshots.json' with { type: 'json' };
import leadershipTransfer from '../lessons/14-leadership-transfer.json' with { type: 'json' };
import type { Lesson } from './model';

export const LESSONS: readonly Lesson[] = [
  cast,
  election,
  splitVotes,
  replication,
  catchingUp,
  electionRestriction,
  minorityLeader,
  figure8,
  disruptiveServers,
  reads,
  sessions,
  membership,
  snapshots,
  leadershipTransfer,
] as unknown as Lesson[];

export function lessonById(id: string): Lesson | undefined {
  return LESSONS.find((lesson) => lesson.id === id);
}
