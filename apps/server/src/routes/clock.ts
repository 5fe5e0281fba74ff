/** The cluster's clock: speed, pause and single-event stepping. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ClockBodySchema, ClockSchema, ClusterIdParams, ErrorSchema } from '@raftlab/protocol';
import { Type } from 'typebox';
import { NotPaused } from '../errors';

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.put(
    '/api/clusters/:id/clock',
    {
      schema: {
        params: ClusterIdParams,
        body: ClockBodySchema,
        response: { 200: ClockSchema, '4xx': ErrorSchema },
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
        response: { 200: Type.Object({ clock: ClockSchema, stepped: Type.Boolean() }), '4xx': ErrorSchema },
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
