/** The browser's localStorage, or null where it is missing or refused (a private window, a sandboxed frame). */
export function browserStorage(): Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}
