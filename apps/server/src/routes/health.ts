/** Liveness: the process answers and how many clusters it runs. Not rate-limited. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/healthz',
    // Never rate-limited: a monitor polling it must not eat a class's budget, nor be refused.
    {
      config: { rateLimit: false },
      schema: { response: { 200: Type.Object({ ok: Type.Literal(true), clusters: Type.Integer() }) } },
    },
    async () => ({ ok: true as const, clusters: app.clusters.size }),
  );
};

export default routes;
