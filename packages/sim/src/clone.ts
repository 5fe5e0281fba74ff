/** Deep copy of plain JSON data, so callers never hold references into simulator state. */
export function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
