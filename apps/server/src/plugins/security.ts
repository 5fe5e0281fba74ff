/**
 * What keeps another site out (issue 16, "Security"):
 *
 * - Security headers on every answer (`@fastify/helmet`): a Content-Security-Policy that
 *   allows only this origin's scripts, styles, images and connections (the built
 *   dashboard needs nothing else), `frame-ancestors 'none'`, `nosniff`, no referrer.
 *   No HSTS and no `upgrade-insecure-requests`: the server speaks plain HTTP, and a class
 *   reaches it at http://<LAN address>.
 * - `Host` must name this server (DNS rebinding: a hostile domain re-pointed at
 *   127.0.0.1 would otherwise be same-origin with it). Allowed: loopback names, any IP
 *   literal (rebinding needs a name), the configured HOST and `allowedHosts`.
 * - A request that can change something (any method but GET, HEAD and OPTIONS) and every
 *   WebSocket upgrade must come from this origin, or one of `allowedOrigins`, when the
 *   browser says where it comes from (`Origin`, `Sec-Fetch-Site`). curl sends neither
 *   and is let through; a browser always sends `Origin` on a cross-site POST, even a
 *   `text/plain` one that needs no preflight.
 */
import fastifyHelmet from '@fastify/helmet';
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { isIP } from 'node:net';
import { ForbiddenHost, ForbiddenOrigin } from '../errors';

export interface SecurityOptions {
  /** Host names (without port) besides loopback and IP literals. */
  allowedHosts: readonly string[];
  /** Origins (`scheme://host[:port]`) besides the server's own that may change clusters. */
  allowedOrigins: readonly string[];
}

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The host name of a Host header, without its port (IPv6 literals keep no brackets). */
export function hostName(host: string): string {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(host);
  if (bracketed) return bracketed[1].toLowerCase();
  return host.replace(/:\d+$/, '').toLowerCase();
}

function hostAllowed(host: string | undefined, allowed: ReadonlySet<string>): boolean {
  if (!host) return true; // HTTP/1.0 without Host: nothing a browser sends.
  const name = hostName(host);
  return LOOPBACK_NAMES.has(name) || isIP(name) !== 0 || name.endsWith('.localhost') || allowed.has(name);
}

function originAllowed(request: FastifyRequest, allowed: ReadonlySet<string>): string | null {
  const origin = request.headers.origin;
  const site = request.headers['sec-fetch-site'];
  if (origin === undefined) return site === 'cross-site' ? 'a cross-site page' : null;
  if (allowed.has(origin)) return null;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return origin; // "null" (a sandboxed frame, a file:) or junk
  }
  // Same origin: the page's host is the one it asked for (URL drops a default port on both).
  const own = request.headers.host ? safeHost(`${url.protocol}//${request.headers.host}`) : null;
  return url.host === own ? null : origin;
}

function safeHost(url: string): string | null {
  try {
    return new URL(url).host;
  } catch {
    return null;
  }
}

export default fp<SecurityOptions>(
  async (app, options) => {
    const hosts = new Set(options.allowedHosts.map((host) => hostName(host)));
    const origins = new Set(options.allowedOrigins);
    await app.register(fastifyHelmet, {
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          // React and D3 set style attributes; the built CSS is a file of this origin.
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:', 'blob:'],
          fontSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          workerSrc: ["'self'", 'blob:'],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
        },
      },
      strictTransportSecurity: false,
      referrerPolicy: { policy: 'no-referrer' },
    });
    app.addHook('onRequest', async (request) => {
      if (!hostAllowed(request.headers.host, hosts)) throw new ForbiddenHost(request.headers.host ?? '');
      const upgrade = request.headers.upgrade?.toLowerCase() === 'websocket';
      if (SAFE_METHODS.has(request.method) && !upgrade) return;
      const refused = originAllowed(request, origins);
      if (refused !== null) throw new ForbiddenOrigin(refused);
    });
  },
  { name: 'security' },
);
