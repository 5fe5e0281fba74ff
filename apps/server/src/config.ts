/**
 * The server's settings from environment variables, for `npm start` (main.ts). Each one
 * is in the README's "Configuration" table with its default; a value that does not parse
 * stops the server with a message naming the variable, never a silent default.
 */
import { LIMITS } from '@raftlab/protocol';
import { resolve } from 'node:path';
import { DEFAULT_IDLE_TTL_MINUTES, type AppOptions } from './app';

export interface ServerConfig {
  host: string;
  port: number;
  logLevel: string;
  app: AppOptions;
}

/** The variables, their defaults and what they mean (README: Configuration). */
export const DEFAULTS = {
  HOST: '127.0.0.1',
  PORT: 3000,
  LOG_LEVEL: 'warn',
  /** Requests a minute per client address; 0 turns the limit off. */
  RAFTLAB_RATE_LIMIT: 1200,
  /** Loopback addresses (127.0.0.0/8, ::1) are not counted by the rate limit. */
  RAFTLAB_RATE_LIMIT_EXEMPT_LOOPBACK: true,
  RAFTLAB_MAX_CLUSTERS: LIMITS.maxClusters,
  /** A cluster's store: keys, and characters of keys and values (UTF-16 units). */
  RAFTLAB_MAX_KEYS_PER_CLUSTER: LIMITS.maxKeysPerCluster,
  RAFTLAB_MAX_STORE_CHARS: LIMITS.maxStoreLength,
  /** WebSocket viewers of one cluster at once. */
  RAFTLAB_MAX_VIEWERS_PER_CLUSTER: LIMITS.maxViewersPerCluster,
  /** Minutes a cluster nobody watches or uses is kept; 0 keeps it until evicted at the cap. */
  RAFTLAB_IDLE_TTL_MINUTES: DEFAULT_IDLE_TTL_MINUTES,
  /** Comma-separated host names the server answers to besides loopback, IP literals and HOST. */
  RAFTLAB_ALLOWED_HOSTS: '',
  /** Comma-separated origins (`https://example.org`) whose pages may change clusters. */
  RAFTLAB_ALLOWED_ORIGINS: '',
  /**
   * The SQLite file clusters are kept in across restarts; a relative path is taken from
   * the directory `npm start` ran in. `:memory:` keeps nothing.
   */
  RAFTLAB_DATA: './data/raftlab.db',
} as const;

export class ConfigError extends Error {}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max)
    throw new ConfigError(`${name} must be an integer ${min}..${max}, got "${raw}"`);
  return value;
}

/** `true`/`1`/`yes` or `false`/`0`/`no`. */
function boolean(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name]?.toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (['true', '1', 'yes'].includes(raw)) return true;
  if (['false', '0', 'no'].includes(raw)) return false;
  throw new ConfigError(`${name} must be true or false, got "${env[name]}"`);
}

function list(env: NodeJS.ProcessEnv, name: string): string[] {
  return (env[name] ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

function origins(env: NodeJS.ProcessEnv): string[] {
  const name = 'RAFTLAB_ALLOWED_ORIGINS';
  return list(env, name).map((origin) => {
    let url: URL;
    try {
      url = new URL(origin);
    } catch {
      throw new ConfigError(`${name} holds "${origin}", which is not an origin like https://example.org`);
    }
    if (url.origin !== origin)
      throw new ConfigError(`${name} holds "${origin}"; write the origin only: ${url.origin}`);
    return origin;
  });
}

/** npm runs a workspace's script in the workspace; INIT_CWD is where `npm start` was typed. */
function dataPath(env: NodeJS.ProcessEnv): string {
  const path = env.RAFTLAB_DATA || DEFAULTS.RAFTLAB_DATA;
  return path === ':memory:' ? path : resolve(env.INIT_CWD || process.cwd(), path);
}

export function configFromEnv(env: NodeJS.ProcessEnv): ServerConfig {
  const host = env.HOST || DEFAULTS.HOST;
  const wildcard = host === '0.0.0.0' || host === '::';
  return {
    host,
    port: integer(env, 'PORT', DEFAULTS.PORT, 0, 65535),
    logLevel: env.LOG_LEVEL || DEFAULTS.LOG_LEVEL,
    app: {
      rateLimitPerMinute: integer(env, 'RAFTLAB_RATE_LIMIT', DEFAULTS.RAFTLAB_RATE_LIMIT, 0, 1_000_000),
      rateLimitExemptLoopback: boolean(
        env,
        'RAFTLAB_RATE_LIMIT_EXEMPT_LOOPBACK',
        DEFAULTS.RAFTLAB_RATE_LIMIT_EXEMPT_LOOPBACK,
      ),
      maxClusters: integer(env, 'RAFTLAB_MAX_CLUSTERS', DEFAULTS.RAFTLAB_MAX_CLUSTERS, 1, 10_000),
      idleTtlMinutes: integer(env, 'RAFTLAB_IDLE_TTL_MINUTES', DEFAULTS.RAFTLAB_IDLE_TTL_MINUTES, 0, 525_600),
      maxKeysPerCluster: integer(
        env,
        'RAFTLAB_MAX_KEYS_PER_CLUSTER',
        DEFAULTS.RAFTLAB_MAX_KEYS_PER_CLUSTER,
        1,
        100_000,
      ),
      // Past 16 Mi characters a snapshot frame of nine nodes' tables would pass 256 MB.
      maxStoreLength: integer(
        env,
        'RAFTLAB_MAX_STORE_CHARS',
        DEFAULTS.RAFTLAB_MAX_STORE_CHARS,
        1,
        16_777_216,
      ),
      maxViewersPerCluster: integer(
        env,
        'RAFTLAB_MAX_VIEWERS_PER_CLUSTER',
        DEFAULTS.RAFTLAB_MAX_VIEWERS_PER_CLUSTER,
        1,
        10_000,
      ),
      allowedHosts: [...(wildcard ? [] : [host]), ...list(env, 'RAFTLAB_ALLOWED_HOSTS')],
      allowedOrigins: origins(env),
      dataPath: dataPath(env),
    },
  };
}
