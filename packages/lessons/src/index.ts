/**
 * Lessons: the files of the library, the conditions and actions they are written in,
 * and the step text's placeholders. Pure and type-only of the simulator, so the page
 * imports it; the schema (`@raftlab/lessons/schema`) and the runner on a simulation
 * (`@raftlab/lessons/runner`) are imported apart by the server and the tests.
 */
export * from './model';
export * from './world';
export * from './conditions';
export * from './actions';
export * from './text';
export * from './catalogue';
export * from './validate';
