/**
 * Messages in flight under a person's hand (issue: the timeline's "messages under your
 * hand"): drop one, send it once more, deliver it now, or delay it. Each is an input of
 * the trace, so the run replays exactly and its moments can be scrubbed.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { DelayBodySchema, MessageActionParams, MessageParams, OkSchema } from '@raftlab/protocol';
import { MessageNotFound } from '../errors';
import type { LiveCluster } from '../live/live-cluster';
import { replies } from './replies';

/** The message a path names, or 404 when it is not in flight. */
function messageOf(cluster: LiveCluster, raw: string): number {
  const id = Number(raw);
  if (!cluster.hasMessage(id)) throw new MessageNotFound(id);
  return id;
}

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/api/clusters/:id/messages/:message/:action',
    { schema: { params: MessageActionParams, response: replies(OkSchema) } },
    async (request) => {
      const cluster = app.clusters.get(request.params.id);
      const id = messageOf(cluster, request.params.message);
      cluster.input({ kind: 'message', id, action: request.params.action });
      cluster.flush();
      return { ok: true as const };
    },
  );

  app.post(
    '/api/clusters/:id/messages/:message/delay',
    { schema: { params: MessageParams, body: DelayBodySchema, response: replies(OkSchema) } },
    async (request) => {
      const cluster = app.clusters.get(request.params.id);
      const id = messageOf(cluster, request.params.message);
      // Whole microseconds, at least one: the simulator's clock has no finer grain.
      const byUs = Math.max(1, Math.round(request.body.ms * 1000));
      cluster.input({ kind: 'message', id, action: 'delay', byUs });
      cluster.flush();
      return { ok: true as const };
    },
  );
};

export default routes;
