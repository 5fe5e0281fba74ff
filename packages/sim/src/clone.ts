/**
 * Deep copy of plain JSON data, so callers never hold references into simulator state.
 * The result is what `JSON.parse(JSON.stringify(value))` gives — `undefined` and
 * function properties dropped, `undefined` array slots and non-finite numbers turned
 * into null — without the text in between (every client invocation is copied twice).
 * Shaped for speed: see docs/performance.md#deep-copies
 */
export function clone<T>(value: T): T {
  return copy(value) as T;
}

function copy(value: unknown): unknown {
  if (typeof value === 'number') return Number.isFinite(value) ? value + 0 : null; // -0 becomes 0
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    return value.map((item) => (item === undefined || typeof item === 'function' ? null : copy(item)));
  }
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const item = (value as Record<string, unknown>)[key];
    if (item === undefined || typeof item === 'function') continue;
    // An own "__proto__" key (JSON.parse makes one) must not set the prototype.
    if (key === '__proto__')
      Object.defineProperty(out, key, {
        value: copy(item),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    else out[key] = copy(item);
  }
  return out;
}
