/**
 * A live cluster as a lesson's actions see it (packages/lessons' ActionTarget): every
 * node an action names must exist, and a write is sent as a fresh client whose answer
 * nobody waits for (the page sees its completion in the stream).
 */
import type { ActionTarget } from '@raftlab/lessons';
import { NodeNotFound } from '../errors';
import type { LiveCluster } from './live-cluster';

export function lessonTarget(cluster: LiveCluster): ActionTarget {
  const check = (node: number) => {
    if (!cluster.hasNode(node)) throw new NodeNotFound(node, cluster.nodeCount);
  };
  return {
    input: (body) => {
      if ('node' in body) check(body.node);
      if ('from' in body) check(body.from);
      if ('to' in body) check(body.to);
      if (body.kind === 'partition') body.groups.flat().forEach(check);
      cluster.input(body);
    },
    invoke: (op) => {
      if (op.type === 'get' && op.node !== undefined) check(op.node);
      void cluster.invoke(op);
    },
    addNode: () => cluster.addNode(),
    removeNode: (node) => {
      check(node);
      return cluster.removeNode(node);
    },
    messagesInFlight: () => cluster.sim.glance().messages,
  };
}
