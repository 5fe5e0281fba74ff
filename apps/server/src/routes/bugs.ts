/** The bug switches a cluster can be created with: known Raft mistakes, for teaching and for testing the checkers. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { BugNameSchema } from '@raftlab/protocol';
import { BUGS } from '@raftlab/sim';
import { Type } from 'typebox';

const BugListSchema = Type.Object({
  bugs: Type.Array(Type.Object({ name: BugNameSchema, layer: Type.String(), description: Type.String() })),
});

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/bugs', { schema: { response: { 200: BugListSchema } } }, async () => ({
    bugs: BUGS.map(({ name, layer, description }) => ({ name, layer, description })),
  }));
};

export default routes;
