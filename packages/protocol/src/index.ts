export * from './catalogue';
export * from './limits';
export * from './raft';
export * from './cluster';
export * from './http';
export * from './errors';
export * from './ws';
export * from './level_of_detail';
