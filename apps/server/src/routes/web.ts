/**
 * The dashboard: the built web app from `apps/web/dist`, `/c/:id` for a cluster's page,
 * `/glossary` for the glossary, `/learn` and `/learn/:lesson` for the lessons, and `/`, the same page, which creates a cluster with a
 * POST and writes its `/c/:id` into the address bar (apps/web/src/api/route.ts). A GET never creates anything: an
 * `<img src>` on another site must not make (and evict) clusters.
 */
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
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
  // Every page is the one app, which reads the address to know what to draw.
  const page = async (_request: FastifyRequest, reply: FastifyReply) => {
    if (!built()) throw new WebNotBuilt();
    return reply.sendFile('index.html');
  };

  app.get('/', page);
  app.get('/glossary', page);
  app.get('/learn', page);
  app.get(
    '/learn/:lesson',
    { schema: { params: Type.Object({ lesson: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,63}$' }) }) } },
    page,
  );
  app.get(
    '/c/:id',
    { schema: { params: Type.Object({ id: Type.String({ pattern: '^[a-z0-9]{1,32}$' }) }) } },
    page,
  );
};

export default routes;
