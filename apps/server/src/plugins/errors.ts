/**
 * How any error becomes an answer, in one place. A catalogued error (`errors.ts`) answers
 * its own status and code. A request that fails its schema, or that Fastify itself refuses
 * (malformed JSON, a body over the limit), answers RAFTLAB_ERR_BAD_REQUEST with Fastify's
 * status and message. Anything else is a bug: 500, logged, with no details for the client.
 *
 * What Fastify would otherwise answer in its own words is caught here too: a URL that is
 * not valid percent-encoding or too long (`frameworkErrors`, given to Fastify by app.ts),
 * a method a known route does not take (405 with `Allow`), and a JSON body with a
 * `__proto__` key (`json_body.ts`). Every 429 and 503 carries `Retry-After`.
 */
import { ERROR_CODES, isErrorCode, LIMITS, type ErrorBody } from '@raftlab/protocol';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { BadUrl, Internal, MethodNotAllowed, RouteNotFound, UriTooLong } from '../errors';
import { parseJsonBody } from './json_body';

/** A catalogued error may carry a retry hint (NoLeader does) and the client operation it ended (a KV request's). */
type AnyError = FastifyError & { retryAfterMs?: number; opId?: number };

/**
 * The longest path the router reads: a key of LIMITS.maxKeyLength UTF-16 units, each at
 * most 9 characters percent-encoded (3 UTF-8 bytes), plus the rest of the path.
 */
export const MAX_PARAM_LENGTH = LIMITS.maxKeyLength * 9;
const MAX_PATH_LENGTH = MAX_PARAM_LENGTH + 100;
/** How much of a path an answer quotes: a 404 must not echo a huge URL back. */
const QUOTED_PATH_LENGTH = 120;

function bodyOf(error: AnyError): ErrorBody {
  const code = error.code;
  if (error.validation) {
    const message = `Invalid ${error.validationContext ?? 'request'}: ${error.message}`;
    return { error: ERROR_CODES.badRequest, message };
  }
  return {
    error: isErrorCode(code) ? code : ERROR_CODES.badRequest,
    message: error.message,
    ...(error.retryAfterMs ? { retryAfterMs: error.retryAfterMs } : {}),
    ...(error.opId !== undefined ? { opId: error.opId } : {}),
  };
}

function answer(error: AnyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  let status = error.statusCode ?? 500;
  let body: ErrorBody;
  if (status >= 500 && !isErrorCode(error.code)) {
    request.log.error({ err: error }, 'unexpected error');
    status = 500;
    body = bodyOf(new Internal());
  } else {
    body = bodyOf(error);
  }
  if ((status === 429 || status === 503) && !reply.hasHeader('retry-after'))
    reply.header('retry-after', Math.max(1, Math.ceil((error.retryAfterMs ?? 1000) / 1000)));
  return reply.code(status).send(body);
}

/** Fastify's `frameworkErrors`: its router's refusals, answered from the catalogue. */
export function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  if (error.code === 'FST_ERR_BAD_URL') void answer(new BadUrl(), request, reply);
  else if (error.code === 'FST_ERR_MAX_PARAM_LENGTH')
    void answer(new UriTooLong(MAX_PATH_LENGTH, LIMITS.maxKeyLength), request, reply);
  else void answer(error, request, reply);
}

/** A route's path as a pattern of the request paths it matches (wildcard routes match none). */
function patternOf(url: string): RegExp | null {
  if (url.includes('*')) return null;
  const source = url
    .split('/')
    .map((part) => (part.startsWith(':') ? '[^/]+' : part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${source}/?$`);
}

export default fp(
  async (app) => {
    const routes: Array<{ pattern: RegExp; methods: string[] }> = [];
    app.addHook('onRoute', (route) => {
      const pattern = patternOf(route.url);
      if (!pattern) return;
      const methods = [route.method].flat();
      const known = routes.find((r) => r.pattern.source === pattern.source);
      if (known) known.methods.push(...methods);
      else routes.push({ pattern, methods });
    });
    app.removeContentTypeParser('application/json');
    app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
      try {
        done(null, parseJsonBody(body as string));
      } catch (error) {
        done(error as Error, undefined);
      }
    });
    app.setErrorHandler((error: AnyError, request, reply) => answer(error, request, reply));
    app.setNotFoundHandler(async (request, reply) => {
      const path = request.url.split('?')[0];
      if (path.length > MAX_PATH_LENGTH) throw new UriTooLong(MAX_PATH_LENGTH, LIMITS.maxKeyLength);
      const allowed = new Set(routes.filter((r) => r.pattern.test(path)).flatMap((r) => r.methods));
      if (allowed.size > 0 && !allowed.has(request.method)) {
        const list = [...allowed].sort().join(', ');
        reply.header('allow', list);
        throw new MethodNotAllowed(request.method, list);
      }
      const quoted = path.length > QUOTED_PATH_LENGTH ? `${path.slice(0, QUOTED_PATH_LENGTH)}…` : path;
      throw new RouteNotFound(request.method, quoted);
    });
  },
  { name: 'errors' },
);
