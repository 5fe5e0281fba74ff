/**
 * The checks an input passes before the simulation applies and records it: every node
 * it names exists, the cluster has room for an added node, an invocation's id is an
 * integer, a message taken in hand is in flight. A rejected input throws a RangeError and changes nothing (the server turns
 * it into a 4xx answer).
 */
import type { NodeId } from '@raftlab/raft';
import { MAX_NODES } from './types';
import type { InputBody } from './types';

/**
 * Throws a RangeError if `body` cannot be applied; `node(id)` throws for an unknown node,
 * `inFlight(id)` says whether message `id` is on the wire.
 */
export function validateInput(
  body: InputBody,
  nodeCount: number,
  node: (id: NodeId) => unknown,
  inFlight: (id: number) => boolean,
): void {
  const ids: NodeId[] = [];
  if ('node' in body) ids.push(body.node);
  if (body.kind === 'link' || body.kind === 'transfer') ids.push(body.from, body.to);
  if (body.kind === 'conf-change' && body.change.type !== 'addVoter' && body.change.type !== 'addLearner')
    ids.push(body.change.node);
  if (body.kind === 'add-node' && nodeCount >= MAX_NODES)
    throw new RangeError(`a cluster has at most ${MAX_NODES} nodes`);
  if (body.kind === 'partition') ids.push(...body.groups.flat());
  for (const id of ids) node(id);
  if (body.kind === 'invoke' && !Number.isInteger(body.opId)) throw new RangeError(`bad opId ${body.opId}`);
  if (body.kind === 'message' && !inFlight(body.id)) throw new RangeError(`no message ${body.id} in flight`);
  if (body.kind === 'message' && body.action === 'delay' && !(Number.isInteger(body.byUs) && body.byUs > 0))
    throw new RangeError(`a delay is a positive whole number of µs, not ${body.byUs}`);
}
