/** The bug switches a cluster can be created with: known Raft mistakes, for teaching and for testing the checkers. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { BUGS, BugListSchema } from '@raftlab/protocol';

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/bugs', { schema: { response: { 200: BugListSchema } } }, async () => ({
    bugs: BUGS.map(({ name, layer, description }) => ({ name, layer, description })),
  }));
};

export default routes;
