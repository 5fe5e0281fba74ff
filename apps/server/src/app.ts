/**
 * `buildApp()` assembles the RaftLab server: one plugin per concern (errors, the cluster
 * registry and its real-time driver, rate limiting, WebSockets) and one route module per
 * resource. It never listens: `main.ts` does, and tests use `inject` / `injectWS`.
 */
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyWebsocket from '@fastify/websocket';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { LIMITS } from '@raftlab/protocol';
import Fastify, { type FastifyInstance } from 'fastify';
import { fileURLToPath } from 'node:url';
import { RateLimited } from './errors';
import clustersPlugin from './plugins/clusters';
import errorsPlugin from './plugins/errors';
import bugRoutes from './routes/bugs';
import clockRoutes from './routes/clock';
import clusterRoutes from './routes/clusters';
import healthRoutes from './routes/health';
import kvRoutes from './routes/kv';
import messageRoutes from './routes/messages';
import networkRoutes from './routes/network';
import nodeRoutes from './routes/nodes';
import streamRoutes from './routes/stream';
import webRoutes from './routes/web';

export interface AppOptions {
  /** Fastify's logger option. */
  logger?: boolean | { level: string };
  maxClusters?: number;
  /** Speed of new clusters: virtual seconds per wall second. 0.02 shows messages in flight for ~1 s. */
  defaultSpeed?: number;
  /** Wall-clock budget of one KV request before it answers 504 (outcome unknown). */
  requestTimeoutMs?: number;
  /** Run the real-time driver (default true). Tests turn it off and call `app.driver.tick(ms)`. */
  realTime?: boolean;
  /** Requests per minute per client address. */
  rateLimitPerMinute?: number;
  webRoot?: string;
}

export const DEFAULT_WEB_ROOT = fileURLToPath(new URL('../../web/dist', import.meta.url));

export async function buildApp(options: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: LIMITS.maxBodyBytes,
    routerOptions: { maxParamLength: LIMITS.maxKeyLength * 4 },
    // No coercion: a number where a string belongs is an error, not a guess; unknown
    // properties are rejected rather than silently dropped.
    ajv: { customOptions: { coerceTypes: false, removeAdditional: false, allErrors: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  await app.register(errorsPlugin);
  await app.register(fastifyRateLimit, {
    max: options.rateLimitPerMinute ?? 1200,
    timeWindow: 60_000,
    // In-process requests (inject / injectWS) carry no address; they share one bucket.
    keyGenerator: (request) => request.ip ?? 'in-process',
    // The plugin throws what this returns, so the error handler answers it like any other.
    errorResponseBuilder: (_request, context) => new RateLimited(context.max, context.after),
  });
  await app.register(fastifyWebsocket, { options: { maxPayload: LIMITS.maxClientFrameBytes } });
  await app.register(clustersPlugin, {
    maxClusters: options.maxClusters ?? LIMITS.maxClusters,
    defaultSpeed: options.defaultSpeed ?? 0.02,
    requestTimeoutMs: options.requestTimeoutMs ?? 15_000,
    realTime: options.realTime ?? true,
  });
  await app.register(healthRoutes);
  await app.register(bugRoutes);
  await app.register(clusterRoutes);
  await app.register(kvRoutes);
  await app.register(nodeRoutes);
  await app.register(messageRoutes);
  await app.register(networkRoutes);
  await app.register(clockRoutes);
  await app.register(streamRoutes);
  await app.register(webRoutes, { webRoot: options.webRoot ?? DEFAULT_WEB_ROOT });
  return app;
}
