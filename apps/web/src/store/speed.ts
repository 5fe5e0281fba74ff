/**
 * Above this speed (virtual s per wall s) virtual time outruns the eye: panels refresh
 * at most every FAST_INTERVAL_MS (useThrottled.ts) and paced layers redraw with the
 * store's changes (features/pace.ts). A module of its own, importing nothing, so the
 * ring's painting worker can use it without the store.
 */
export const FAST_SPEED = 2;
