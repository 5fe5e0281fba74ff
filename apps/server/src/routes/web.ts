/**
 * The dashboard: the built web app from `apps/web/dist`, `/c/:id` for a cluster's page,
 * and `/`, which creates a fresh cluster and redirects to its page so the address bar
 * always holds a link another viewer can open.
 */
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Type } from 'typebox';
import { WebNotBuilt } from '../errors';

export interface WebRoutesOptions {
  /** Directory of the built web app; the dashboard routes answer 503 while it does not exist. */
  webRoot: string;
}

const routes: FastifyPluginAsyncTypebox<WebRoutesOptions> = async (app, { webRoot }) => {
  const built = () => existsSync(join(webRoot, 'index.html'));
  await app.register(fastifyStatic, { root: webRoot, prefix: '/', index: false, wildcard: true });

  app.get('/', async (_request, reply) => {
    if (!built()) throw new WebNotBuilt();
    const cluster = app.clusters.create({});
    return reply.redirect(`/c/${cluster.id}`, 303);
  });

  app.get(
    '/c/:id',
    { schema: { params: Type.Object({ id: Type.String({ pattern: '^[a-z0-9]{1,32}$' }) }) } },
    async (_request, reply) => {
      if (!built()) throw new WebNotBuilt();
      return reply.sendFile('index.html');
    },
  );
};

export default routes;
