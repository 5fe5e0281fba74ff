/**
 * The API's reference at `/docs`: OpenAPI generated from the routes' TypeBox schemas
 * (`@fastify/swagger`, which records each route as it is registered, so this plugin goes
 * before the routes) and browsed with Swagger UI (`@fastify/swagger-ui`), whose files are
 * served from this origin and so pass the CSP of plugins/security.ts. The document itself
 * is at `/docs/json`.
 */
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import fp from 'fastify-plugin';

export default fp(
  async (app) => {
    await app.register(fastifySwagger, {
      openapi: {
        info: {
          title: 'RaftLab',
          description:
            'Replicated key-value clusters on a deterministic Raft simulator. Every error is {error: CODE, message}.',
          version: '0.1.0',
        },
      },
    });
    await app.register(fastifySwaggerUi, { routePrefix: '/docs', staticCSP: false });
  },
  { name: 'docs' },
);
