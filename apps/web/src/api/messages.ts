/**
 * Messages in flight under a person's hand: drop, duplicate, deliver now, delay. Each is
 * an input of the cluster's trace (server: routes/messages.ts), so it replays exactly;
 * taken while viewing the past, it rewrites the future from there (`act`).
 */
import { act } from './actions';
import { cluster, request } from './client';

export type MessageAction = 'drop' | 'duplicate' | 'deliver';

const VERB: Record<MessageAction, string> = { drop: 'drop', duplicate: 'duplicate', deliver: 'deliver' };

export const messageActions = {
  act: (message: number, action: MessageAction) =>
    act(`${VERB[action]} message ${message}`, (id) =>
      request<{ ok: true }>('POST', `${cluster(id)}/messages/${message}/${action}`),
    ),
  /** A leader's heartbeat timeout, fired by hand. */
  heartbeat: (node: number) =>
    act(`send heartbeats from node ${node}`, (id) =>
      request<{ ok: true }>('POST', `${cluster(id)}/nodes/${node}/heartbeat`),
    ),
  delay: (message: number, ms: number) =>
    act(`delay message ${message}`, (id) =>
      request<{ ok: true }>('POST', `${cluster(id)}/messages/${message}/delay`, { ms }),
    ),
};
