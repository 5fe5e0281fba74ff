/** The cluster's clock: speed, pause and single-event stepping. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ClockBodySchema, ClockSchema, ClusterIdParams } from '@raftlab/protocol';
import { Type } from 'typebox';
import { NotPaused } from '../errors';
import { replies } from './replies';

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.put(
    '/api/clusters/:id/clock',
    {
      schema: {
        params: ClusterIdParams,
        body: ClockBodySchema,
        response: replies(ClockSchema),
      },
    },
    async (request) => {
      const cluster = app.clusters.get(request.params.id);
      cluster.setClock(request.body);
      return cluster.clock();
    },
  );

  app.post(
    '/api/clusters/:id/clock/step',
    {
      schema: {
        params: ClusterIdParams,
        response: replies(Type.Object({ clock: ClockSchema, stepped: Type.Boolean() })),
      },
    },
    async (request) => {
      const cluster = app.clusters.get(request.params.id);
      if (!cluster.paused) throw new NotPaused();
      const stepped = cluster.step();
      cluster.flush();
      return { clock: cluster.clock(), stepped };
    },
  );
};

export default routes;
