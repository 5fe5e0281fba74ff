/**
 * A cluster's access: what the caller may do (anyone may ask), and opening or closing
 * control to everyone with the link (the owner only: plugins/access.ts). Viewers of the
 * stream are told of the change at once (an `access` frame).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AccessBodySchema, AccessSchema, ClusterIdParams } from '@raftlab/protocol';
import { accessOf } from '../plugins/access';
import { replies } from './replies';

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/clusters/:id/access',
    { schema: { params: ClusterIdParams, response: replies(AccessSchema) } },
    async (request) => {
      const cluster = app.clusters.get(request.params.id);
      return accessOf(cluster, request);
    },
  );

  app.put(
    '/api/clusters/:id/access',
    { schema: { params: ClusterIdParams, body: AccessBodySchema, response: replies(AccessSchema) } },
    async (request) => {
      const cluster = app.clusters.get(request.params.id);
      cluster.setOpen(request.body.open);
      return accessOf(cluster, request);
    },
  );
};

export default routes;
