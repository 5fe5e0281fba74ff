/** The cluster's clock: speed, pause, pause on trouble, single-event stepping, and running ahead at once. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AdvanceBodySchema, ClockBodySchema, ClockSchema, ClusterIdParams } from '@raftlab/protocol';
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

  app.post(
    '/api/clusters/:id/clock/advance',
    { schema: { params: ClusterIdParams, body: AdvanceBodySchema, response: replies(ClockSchema) } },
    async (request) => {
      const cluster = app.clusters.get(request.params.id);
      cluster.advanceBy(request.body.ms);
      cluster.flush();
      return cluster.clock();
    },
  );
};

export default routes;
