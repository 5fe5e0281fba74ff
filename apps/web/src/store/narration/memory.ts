/**
 * The narrator's memory, kept in the feed slice as plain data: the messages sent (for
 * events that name only an id), the last request delivered on each link (what an answer
 * answers), the votes of recent elections and what each pending client operation was.
 * Every part is bounded, and written only through the frame's copies (`FrameDraft.edit`).
 */
import type { Message, MessageInFlight } from '@raftlab/protocol';
import type { FrameDraft } from '../draft';
import type { RaftState } from '../types';

/** How many of the newest messages sent are remembered by id. */
export const RECENT_MESSAGES = 4096;
/** How many elections' voters are remembered. */
const VOTE_ROUNDS = 64;
/** How many pending client operations are remembered (an operation is forgotten when it completes). */
const INVOKED_OPS = 512;

/** A client operation as the narrator tells of it when it completes. */
export interface InvokedOp {
  clientId: number;
  text: string;
}

export interface NarratorMemory {
  /**
   * The messages sent, oldest first; only the newest RECENT_MESSAGES count. Invariant:
   * ascending ids, as the simulator numbers messages in send order and a snapshot lists
   * them in send order, so an id is found by bisection.
   */
  recentMessages: MessageInFlight[];
  /** The last request delivered on each directed link, by type: keyed `from-to-type`. */
  lastRequests: Map<string, Message>;
  /** Voters per `candidate-term`, the candidate included, in the order they voted. */
  votes: Map<string, number[]>;
  /** What each pending client operation was, by opId. */
  invoked: Map<number, InvokedOp>;
}

export const initialMemory = (): NarratorMemory => ({
  recentMessages: [],
  lastRequests: new Map(),
  votes: new Map(),
  invoked: new Map(),
});

/**
 * After a resync: the snapshot's messages in flight, and nothing about links or votes.
 * Pending operations are kept: they may still complete, and are told of by what they were.
 */
export const memoryAfterSnapshot = (messages: MessageInFlight[]): Omit<NarratorMemory, 'invoked'> => ({
  recentMessages: messages,
  lastRequests: new Map(),
  votes: new Map(),
});

export function rememberMessage(d: FrameDraft, message: MessageInFlight): void {
  d.edit('recentMessages').push(message);
}

/**
 * Message `id`: from the messages in flight, or if the store no longer holds it (over
 * BOUNDS.messages in flight) from the narrator's own memory of the newest sent.
 */
export function messageById(s: RaftState, id: number): Message | undefined {
  const inFlight = s.messages[id];
  if (inFlight) return inFlight.msg;
  const recent = s.recentMessages;
  let lo = Math.max(0, recent.length - RECENT_MESSAGES);
  let hi = recent.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const m = recent[mid];
    if (m.id === id) return m.msg;
    if (m.id < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return undefined;
}

const requestKey = (from: number, to: number, type: Message['type']): string => `${from}-${to}-${type}`;

export function rememberRequest(d: FrameDraft, msg: Message): void {
  d.edit('lastRequests').set(requestKey(msg.from, msg.to, msg.type), msg);
}

/** The last request of `type` delivered from `from` to `to`. */
export const lastRequest = (
  s: RaftState,
  from: number,
  to: number,
  type: Message['type'],
): Message | undefined => s.lastRequests.get(requestKey(from, to, type));

export function recordVote(d: FrameDraft, candidate: number, term: number, voter: number): void {
  const key = `${candidate}-${term}`;
  const voters = d.s.votes.get(key) ?? [candidate];
  const votes = d.edit('votes');
  votes.set(key, voters.includes(voter) ? voters : [...voters, voter]);
  if (votes.size > VOTE_ROUNDS) votes.delete(votes.keys().next().value as string);
}

/** Who voted for `candidate` in `term` (at least the candidate itself). */
export const votersOf = (s: RaftState, candidate: number, term: number): number[] =>
  s.votes.get(`${candidate}-${term}`) ?? [candidate];

export function rememberInvoked(d: FrameDraft, opId: number, op: InvokedOp): void {
  const invoked = d.edit('invoked');
  invoked.set(opId, op);
  if (invoked.size > INVOKED_OPS) invoked.delete(invoked.keys().next().value as number);
}

/** What operation `opId` was, forgetting it (it completed). */
export function recallInvoked(d: FrameDraft, opId: number): InvokedOp | undefined {
  const op = d.s.invoked.get(opId);
  if (op) d.edit('invoked').delete(opId);
  return op;
}

/** Keeps the message memory's array from growing past twice the part that counts. */
export function trimMemory(d: FrameDraft): void {
  const recent = d.s.recentMessages;
  if (recent.length > 2 * RECENT_MESSAGES) d.s.recentMessages = recent.slice(-RECENT_MESSAGES);
}
