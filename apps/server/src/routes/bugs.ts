/** The bug switches a cluster can be created with: known Raft mistakes, for teaching and for testing the checkers. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { BUGS, BugListSchema } from '@raftlab/protocol';

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/bugs', { schema: { response: { 200: BugListSchema } } }, async () => ({
    // Spelled out so that only the catalogue's published fields go out, copied.
    bugs: BUGS.map((bug) => ({
      name: bug.name,
      layer: bug.layer,
      description: bug.description,
      trigger: bug.trigger,
      caughtBy: { invariants: [...bug.caughtBy.invariants], linearizability: bug.caughtBy.linearizability },
      ...('setup' in bug ? { setup: { ...bug.setup } } : {}),
    })),
  }));
};

export default routes;
