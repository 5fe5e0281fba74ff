/**
 * `buildApp()` assembles the RaftLab server: one plugin per concern (errors, the cluster
 * registry and its real-time driver, security headers and origin checks, rate limiting,
 * who may change a cluster, WebSockets) and one route module per
 * resource. It never listens: `main.ts` does, and tests use `inject` / `injectWS`.
 */
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyWebsocket from '@fastify/websocket';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { LIMITS } from '@raftlab/protocol';
import Fastify, { type FastifyInstance } from 'fastify';
import { fileURLToPath } from 'node:url';
import { RateLimited } from './errors';
import accessPlugin from './plugins/access';
import clustersPlugin from './plugins/clusters';
import docsPlugin from './plugins/docs';
import errorsPlugin, { frameworkErrors, MAX_PARAM_LENGTH } from './plugins/errors';
import securityPlugin from './plugins/security';
import accessRoutes from './routes/access';
import bugRoutes from './routes/bugs';
import clockRoutes from './routes/clock';
import clusterRoutes from './routes/clusters';
import healthRoutes from './routes/health';
import kvRoutes from './routes/kv';
import lessonRoutes from './routes/lessons';
import messageRoutes from './routes/messages';
import networkRoutes from './routes/network';
import nodeRoutes from './routes/nodes';
import streamRoutes from './routes/stream';
import webRoutes from './routes/web';

export interface AppOptions {
  /** Fastify's logger option. */
  logger?: boolean | { level: string };
  maxClusters?: number;
  /** Minutes a cluster nobody watches or uses is kept (default 120); 0 keeps it until evicted at the cap. */
  idleTtlMinutes?: number;
  /** Speed of new clusters: virtual seconds per wall second. 0.02 shows messages in flight for ~1 s. */
  defaultSpeed?: number;
  /** Wall-clock budget of one KV request before it answers 504 (outcome unknown). */
  requestTimeoutMs?: number;
  /** Run the real-time driver (default true). Tests turn it off and call `app.driver.tick(ms)`. */
  realTime?: boolean;
  /** Requests per minute per client address (default 1200); 0 turns the limit off. `/healthz` is never counted. */
  rateLimitPerMinute?: number;
  /** Loopback addresses are not counted (default true: a local black-box test need not throttle itself). */
  rateLimitExemptLoopback?: boolean;
  webRoot?: string;
  /** Host names the server answers to besides loopback names and IP literals (DNS rebinding). */
  allowedHosts?: readonly string[];
  /** Origins besides the server's own whose pages may change clusters and open the stream. */
  allowedOrigins?: readonly string[];
  /** Keys in a cluster's store (default LIMITS.maxKeysPerCluster). */
  maxKeysPerCluster?: number;
  /** Characters of keys and values in a cluster's store (default LIMITS.maxStoreLength). */
  maxStoreLength?: number;
  /** WebSocket viewers of one cluster at once (default LIMITS.maxViewersPerCluster). */
  maxViewersPerCluster?: number;
  /** The SQLite file clusters are kept in across restarts (default `:memory:`, kept while the app runs). */
  dataPath?: string;
}

/** How long a cluster nobody watches or uses is kept, by default. */
export const DEFAULT_IDLE_TTL_MINUTES = 120;
const idleTtlMs = (minutes: number) => (minutes > 0 ? minutes * 60_000 : Number.POSITIVE_INFINITY);

const ajvLogger = {
  log: console.log,
  warn: (...args: unknown[]) => {
    if (!String(args[0]).includes('option unicode')) console.warn(...args);
  },
  error: console.error,
};

/** 127.0.0.0/8 and ::1, also as IPv4-mapped IPv6 addresses. */
function isLoopback(ip: string | undefined): boolean {
  if (!ip) return false;
  const v4 = ip.startsWith('::ffff:') ? ip.slice(7) : ip;
  return v4.startsWith('127.') || ip === '::1';
}

export const DEFAULT_WEB_ROOT = fileURLToPath(new URL('../../web/dist', import.meta.url));

export async function buildApp(options: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: LIMITS.maxBodyBytes,
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    frameworkErrors,
    // No coercion: a number where a string belongs is an error, not a guess; unknown
    // properties are rejected rather than silently dropped.
    // `unicode: false`: string lengths count UTF-16 code units, as LIMITS documents (Ajv
    // calls the option deprecated, and says so on every compile: that one warning is dropped).
    ajv: {
      customOptions: {
        coerceTypes: false,
        removeAdditional: false,
        allErrors: false,
        unicode: false,
        logger: ajvLogger,
      },
    },
  }).withTypeProvider<TypeBoxTypeProvider>();

  await app.register(errorsPlugin);
  await app.register(securityPlugin, {
    allowedHosts: options.allowedHosts ?? [],
    allowedOrigins: options.allowedOrigins ?? [],
  });
  const rateLimit = options.rateLimitPerMinute ?? 1200;
  await app.register(fastifyRateLimit, {
    global: rateLimit > 0,
    max: rateLimit,
    allowList: (request) => (options.rateLimitExemptLoopback ?? true) && isLoopback(request.ip),
    timeWindow: 60_000,
    // In-process requests (inject / injectWS) carry no address; they share one bucket.
    keyGenerator: (request) => request.ip ?? 'in-process',
    // The plugin throws what this returns, so the error handler answers it like any other.
    errorResponseBuilder: (_request, context) => new RateLimited(context.max, context.after),
  });
  // Before the WebSocket plugin: hooks run in order, so at shutdown the registry sends
  // viewers their `closed` frame before the plugin closes the sockets.
  await app.register(clustersPlugin, {
    maxClusters: options.maxClusters ?? LIMITS.maxClusters,
    idleTtlMs: idleTtlMs(options.idleTtlMinutes ?? DEFAULT_IDLE_TTL_MINUTES),
    defaultSpeed: options.defaultSpeed ?? 0.02,
    requestTimeoutMs: options.requestTimeoutMs ?? 15_000,
    realTime: options.realTime ?? true,
    dataPath: options.dataPath ?? ':memory:',
    storeLimits: {
      maxKeys: options.maxKeysPerCluster ?? LIMITS.maxKeysPerCluster,
      maxLength: options.maxStoreLength ?? LIMITS.maxStoreLength,
    },
    maxViewersPerCluster: options.maxViewersPerCluster ?? LIMITS.maxViewersPerCluster,
  });
  await app.register(fastifyWebsocket, { options: { maxPayload: LIMITS.maxClientFrameBytes } });
  await app.register(docsPlugin); // before the routes: it records them as they come
  await app.register(accessPlugin); // before the routes too: it guards each as it comes
  await app.register(healthRoutes);
  await app.register(bugRoutes);
  await app.register(clusterRoutes);
  await app.register(accessRoutes);
  await app.register(kvRoutes);
  await app.register(nodeRoutes);
  await app.register(messageRoutes);
  await app.register(networkRoutes);
  await app.register(clockRoutes);
  await app.register(lessonRoutes);
  await app.register(streamRoutes);
  await app.register(webRoutes, { webRoot: options.webRoot ?? DEFAULT_WEB_ROOT });
  return app;
}
