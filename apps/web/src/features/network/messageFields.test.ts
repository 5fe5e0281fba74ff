import { describe, expect, it } from 'vitest';
import { describeInFlight, messageFields } from './messageFields';

describe('messageFields', () => {
  it('uses Figure 2’s names for AppendEntries', () => {
    const fields = messageFields({
      type: 'AppendEntries',
      from: 1,
      to: 2,
      term: 3,
      prevLogIndex: 4,
      prevLogTerm: 2,
      entries: [
        { index: 5, term: 3, kind: 'noop', data: '' },
        { index: 6, term: 3, kind: 'command', data: '{}' },
      ],
      leaderCommit: 4,
    });
    expect(Object.fromEntries(fields)).toEqual({
      term: '3',
      leaderId: '1',
      prevLogIndex: '4',
      prevLogTerm: '2',
      'entries[]': '2 (5..6, terms 3)',
      leaderCommit: '4',
    });
  });
  it('calls the sender of a vote request candidateId and reports a refusal', () => {
    const req = messageFields({
      type: 'RequestVote',
      from: 2,
      to: 1,
      term: 5,
      lastLogIndex: 7,
      lastLogTerm: 4,
    });
    expect(req).toContainEqual(['candidateId', '2']);
    const resp = describeInFlight({
      id: 1,
      sentAt: 1000,
      deliverAt: 21000,
      msg: { type: 'RequestVoteResponse', from: 1, to: 2, term: 5, voteGranted: false },
    });
    expect(resp.title).toBe('RequestVoteResponse, node 1 → node 2');
    expect(resp.fields).toContainEqual(['voteGranted', 'false']);
  });
});
