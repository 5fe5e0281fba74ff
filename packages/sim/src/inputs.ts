/**
 * Where each kind of input goes once the simulation has checked and recorded it: node
 * faults and actions to the node, network changes to the network (whose events are
 * emitted), client invocations to the clients, membership changes to the membership
 * (thesis §4.1). Inputs are rare next to events, so this indirection costs nothing
 * that matters.
 */
import type { Clients } from './client';
import { clone } from './clone';
import type { EventStream } from './event_stream';
import type { ClusterMembership } from './membership';
import { applyMessageInput, type Wire } from './message_control';
import type { Network } from './network';
import type { SimNode } from './node';
import type { Input, InputBody } from './types';

/** What inputs act on. */
export interface InputTargets {
  /** The node with this id; throws for an unknown one. */
  node(id: number): SimNode;
  clients: Clients;
  network: Network;
  events: EventStream;
  members: ClusterMembership;
  /** A fresh random source for a restarted node (a fork, so restarts shift no other draws). */
  restartRandom(): () => number;
  wire: Wire;
}

/** Applies `body`; `recorded` is its recorded copy, whose client operation the clients keep. */
export function applyInput(targets: InputTargets, body: InputBody, recorded: Input): void {
  switch (body.kind) {
    case 'crash':
      targets.clients.nodeCrashed(body.node);
      return targets.node(body.node).crash();
    case 'restart': {
      const node = targets.node(body.node);
      if (node.up) return;
      return node.restart(targets.restartRandom());
    }
    case 'timeout':
      return targets.node(body.node).campaign();
    case 'link':
    case 'partition':
    case 'heal':
    case 'link-quality':
      for (const event of targets.network.apply(body)) targets.events.emit(event);
      return;
    case 'invoke':
      // The recorded copy of the op, normalised like every input, serves the clients
      // too: they only read it (and copy it into the history).
      return targets.clients.invoke(body.opId, body.clientId, (recorded as typeof body).op);
    case 'transfer':
      targets.node(body.from).transferLeader(body.to);
      return;
    case 'compact':
      return targets.node(body.node).compact();
    case 'add-node':
      return targets.members.addNode();
    case 'remove-node':
      return targets.members.propose({ type: 'removeNode', node: body.node });
    case 'conf-change':
      return targets.members.propose(clone(body.change));
    case 'message':
      return applyMessageInput(targets.wire, body);
  }
}
