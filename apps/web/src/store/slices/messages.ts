/** The messages slice: messages in flight, the newest drops, and the directed links that are down. */
import type { MessageInFlight } from '@raftlab/protocol';
import type { Slice } from '../draft';
import { BOUNDS, linkKey, type DroppedMessage } from '../types';

export interface MessagesState {
  /** Messages in flight by id; delivered and dropped ones are removed. */
  messages: Record<number, MessageInFlight>;
  /** The newest dropped messages (bounded). */
  drops: DroppedMessage[];
  /** Directed links that are down, keyed `from-to`. */
  linksDown: Record<string, true>;
}

/** Keeps at most BOUNDS.messages records, dropping those due soonest (they are the stalest). */
function boundMessages(messages: MessagesState['messages']): MessagesState['messages'] {
  const ids = Object.keys(messages);
  if (ids.length <= BOUNDS.messages) return messages;
  const sorted = Object.values(messages).sort((a, b) => b.deliverAt - a.deliverAt);
  const kept: MessagesState['messages'] = {};
  for (const m of sorted.slice(0, BOUNDS.messages)) kept[m.id] = m;
  return kept;
}

export const messages: Slice<MessagesState> = {
  initial: () => ({ messages: {}, drops: [], linksDown: {} }),
  snapshot: (_state, frame) => {
    const messages: MessagesState['messages'] = {};
    for (const m of frame.view.messages) messages[m.id] = m;
    const linksDown: MessagesState['linksDown'] = {};
    for (const [from, to] of frame.view.linksDown) linksDown[linkKey(from, to)] = true;
    return { messages, drops: [], linksDown };
  },
  events: {
    'message-sent': (d, e) => {
      d.edit('messages')[e.message.id] = e.message;
    },
    'message-delivered': (d, e) => {
      delete d.edit('messages')[e.id];
    },
    // Delayed by hand: the same message, arriving later.
    'message-delayed': (d, e) => {
      const message = d.s.messages[e.id];
      if (message) d.edit('messages')[e.id] = { ...message, deliverAt: e.deliverAt };
    },
    'message-dropped': (d, e) => {
      const message = d.s.messages[e.id];
      if (message) d.edit('drops').push({ message, t: e.t, reason: e.reason });
      delete d.edit('messages')[e.id];
    },
    'link-changed': (d, e) => {
      const links = d.edit('linksDown');
      if (e.up) delete links[linkKey(e.from, e.to)];
      else links[linkKey(e.from, e.to)] = true;
    },
  },
  endFrame: (d) => {
    if (d.s.drops.length > BOUNDS.drops) d.s.drops = d.s.drops.slice(-BOUNDS.drops);
    d.s.messages = boundMessages(d.s.messages);
  },
};
