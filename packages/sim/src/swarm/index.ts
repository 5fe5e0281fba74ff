export { drawScenario } from './scenario';
export type { Scenario, FaultMix, Workload } from './scenario';
export { runSeed } from './run';
export type { SeedOptions, SeedResult } from './run';
