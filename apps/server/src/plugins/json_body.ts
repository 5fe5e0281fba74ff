/**
 * The JSON body parser. Fastify's own calls a body with a `__proto__` key "not valid
 * JSON"; this one says what is wrong. Such a key (or `constructor.prototype`, the other
 * way to reach a prototype) is refused outright: no request of the API needs one, and
 * code that merges bodies into objects must never meet one (prototype poisoning).
 */
import { ForbiddenKey } from '../errors';

class InvalidJson extends Error {
  readonly statusCode = 400;
  readonly code = 'FST_ERR_CTP_INVALID_JSON_BODY';
}

export function parseJsonBody(text: string): unknown {
  if (text.trim() === '') throw new InvalidJson('The body is empty; send a JSON value');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new InvalidJson(`The body is not valid JSON: ${(error as Error).message}`);
  }
  const forbidden = forbiddenKey(value);
  if (forbidden) throw new ForbiddenKey(forbidden);
  return value;
}

/** The first `__proto__` or `constructor.prototype` key anywhere in `value`, if any. */
function forbiddenKey(root: unknown): string | null {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value !== 'object' || value === null) continue;
    if (Array.isArray(value)) {
      stack.push(...value);
      continue;
    }
    if (Object.hasOwn(value, '__proto__')) return '__proto__';
    const ctor = Object.hasOwn(value, 'constructor') ? (value as { constructor: unknown }).constructor : null;
    if (typeof ctor === 'object' && ctor !== null && Object.hasOwn(ctor, 'prototype'))
      return 'constructor.prototype';
    stack.push(...Object.values(value));
  }
  return null;
}
