export { checkLinearizability } from './check';
export { fromHistory } from './history';
export type { FromHistoryOptions, HistoryLikeOp } from './history';
export { formatExplanation } from './explain';
export type * from './types';
