/**
 * A lesson's actions, done to a cluster: the server's live cluster (for the page) and
 * the lesson tests' simulation do them through this one function, so a lesson plays the
 * same in both. Names (`$old`) are resolved with the bindings of the steps so far.
 */
import { messageMatches, resolveNode, type Bindings } from './conditions';
import type { Action } from './model';
import type { InputBody, KvOp, MessageInFlight } from './sim_types';
import { wireMessage } from './world';

/** What an action needs of a cluster. */
export interface ActionTarget {
  input(body: InputBody): void;
  /** Invokes an operation as a fresh client (its answer, if any, is not waited for). */
  invoke(op: KvOp): unknown;
  addNode(): unknown;
  removeNode(node: number): unknown;
  messagesInFlight(): readonly MessageInFlight[];
}

export function applyAction(action: Action, target: ActionTarget, b: Bindings): void {
  const node = (ref: Parameters<typeof resolveNode>[0]) => resolveNode(ref, b);
  switch (action.do) {
    case 'crash':
    case 'restart':
    case 'timeout':
    case 'compact':
      return target.input({ kind: action.do, node: node(action.node) });
    case 'partition':
      return target.input({ kind: 'partition', groups: action.groups.map((g) => g.map(node)) });
    case 'heal':
      return target.input({ kind: 'heal' });
    case 'link':
      return target.input({ kind: 'link', from: node(action.from), to: node(action.to), up: action.up });
    case 'put':
      target.invoke({ type: 'put', key: action.key, value: action.value });
      return;
    case 'get':
      target.invoke({
        type: 'get',
        key: action.key,
        consistency: action.consistency,
        ...(action.node === undefined ? {} : { node: node(action.node) }),
      });
      return;
    case 'cas':
      target.invoke({ type: 'cas', key: action.key, expected: action.expected, value: action.value });
      return;
    case 'transfer':
      return target.input({ kind: 'transfer', from: node(action.from), to: node(action.to) });
    case 'add-node':
      target.addNode();
      return;
    case 'remove-node':
      target.removeNode(node(action.node));
      return;
    case 'drop':
      for (const flight of target.messagesInFlight()) {
        if (messageMatches(wireMessage(flight.msg), action.messages, b))
          target.input({ kind: 'message', id: flight.id, action: 'drop' });
      }
      return;
  }
}
