/** Node colours for the charts: the --node-1 … --node-9 tokens (theme/tokens.css), reused past nine. */
const PALETTE_SIZE = 9;

export const nodeColor = (id: number): string => `var(--node-${((id - 1) % PALETTE_SIZE) + 1})`;
