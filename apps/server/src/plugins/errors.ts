/**
 * How any error becomes an answer, in one place. A catalogued error (`errors.ts`) answers
 * its own status and code. A request that fails its schema, or that Fastify itself refuses
 * (malformed JSON, a body over the limit), answers RAFTLAB_ERR_BAD_REQUEST with Fastify's
 * status and message. Anything else is a bug: 500, logged, with no details for the client.
 */
import { ERROR_CODES, isErrorCode, type ErrorBody } from '@raftlab/protocol';
import type { FastifyError } from 'fastify';
import fp from 'fastify-plugin';
import { Internal, RouteNotFound } from '../errors';

/** A catalogued error may carry a retry hint (NoLeader does). */
type AnyError = FastifyError & { retryAfterMs?: number };

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
  };
}

export default fp(
  async (app) => {
    app.setErrorHandler((error: AnyError, request, reply) => {
      const status = error.statusCode ?? 500;
      if (status >= 500 && !isErrorCode(error.code)) {
        request.log.error({ err: error }, 'unexpected error');
        return reply.code(500).send(bodyOf(new Internal()));
      }
      return reply.code(status).send(bodyOf(error));
    });
    app.setNotFoundHandler(async (request) => {
      throw new RouteNotFound(request.method, request.url);
    });
  },
  { name: 'errors' },
);
