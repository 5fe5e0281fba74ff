/**
 * Who may call what on a cluster (issue 16, "Owners and viewers"): the whole rule, here.
 *
 * Every route under `/api/clusters/:id` is, as it is registered, one of:
 *
 * - view: anyone with the id (the view link): the state, trace, history, divergence and
 *   access, and the stream. Only what reads and leaves no trace in the cluster is here.
 * - owner: only a request with the owner's token, even while control is open: deleting
 *   the cluster, and opening or closing control (`PUT /access`).
 * - control: every other route, so that a route added later is refused until it is listed
 *   as a view. The owner's token, or control opened by the owner. Reading a key (`GET
 *   /kv/:key`) is control too: a read is a client operation, which enters the cluster's
 *   history and its trace. So is `POST /holds`, though it only asks: every method but GET
 *   is, without exceptions to remember.
 *
 * Routes that make a cluster (`POST /api/clusters`, a fork among them, and `POST
 * /api/lesson-runs`) need nothing: the maker is answered the new cluster's token. A fork
 * only reads its source, so anyone with the source's id may fork it and owns the fork.
 *
 * The token travels as `Authorization: Bearer <token>` (curl-friendly; the page keeps it
 * in localStorage). It is checked in `onRequest`, after the origin check and the rate
 * limit and before the body is read: a refused request (403 RAFTLAB_ERR_NOT_OWNER) never
 * reaches its handler. A cluster that does not exist is left to the route (404, or 400 for
 * an id that cannot be one), so the answer is the one it always was.
 */
import { ownerLink, viewLink, type Access, type Ownership } from '@raftlab/protocol';
import type { FastifyRequest, onRequestHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import { ClusterNotFound, NotOwner } from '../errors';
import type { LiveCluster } from '../live/live-cluster';

export type Need = 'view' | 'control' | 'owner';

const CLUSTER_ROUTE = /^\/api\/clusters\/:id(\/|$)/;
/** Routes anyone with the view link may call: they only read. HEAD counts as GET. */
const VIEW_ROUTES: ReadonlySet<string> = new Set([
  'GET /api/clusters/:id',
  'GET /api/clusters/:id/access',
  'GET /api/clusters/:id/diverge',
  'GET /api/clusters/:id/history',
  'GET /api/clusters/:id/stream',
  'GET /api/clusters/:id/trace',
]);
/** Routes only the owner may call, whether or not control is open. */
const OWNER_ROUTES: ReadonlySet<string> = new Set([
  'DELETE /api/clusters/:id',
  'PUT /api/clusters/:id/access',
]);

/** What a route asks of its caller; null for a route outside any one cluster. */
export function needOf(method: string, url: string): Need | null {
  if (!CLUSTER_ROUTE.test(url)) return null;
  const route = `${method === 'HEAD' ? 'GET' : method} ${url}`;
  return OWNER_ROUTES.has(route) ? 'owner' : VIEW_ROUTES.has(route) ? 'view' : 'control';
}

/** The token of an `Authorization: Bearer <token>` header, if the request has one. */
export function bearerToken(request: FastifyRequest): string | undefined {
  return /^Bearer +(\S+) *$/i.exec(request.headers.authorization ?? '')?.[1];
}

/** What the request may do to `cluster`, judged by its token. */
export function accessOf(cluster: LiveCluster, request: FastifyRequest): Access {
  const owner = cluster.access.isOwner(bearerToken(request));
  return { open: cluster.access.open, owner, control: owner || cluster.access.open };
}

const REFUSALS: Record<Exclude<Need, 'view'>, string> = {
  control: 'only its owner may change it, and control is not open to everyone with the link',
  owner: 'only its owner may delete it, or open and close control, even while control is open',
};

export default fp(
  async (app) => {
    /** The guard of one route's URL: what it asks depends on the request's method. */
    const guard =
      (url: string): onRequestHookHandler =>
      async (request) => {
        const need = needOf(request.method, url);
        if (need === null || need === 'view') return;
        let cluster: LiveCluster;
        try {
          cluster = app.clusters.get((request.params as { id: string }).id);
        } catch (error) {
          if (error instanceof ClusterNotFound) return; // the route answers it
          throw error;
        }
        const token = bearerToken(request);
        const allowed = need === 'owner' ? cluster.access.isOwner(token) : cluster.access.mayControl(token);
        if (!allowed) throw new NotOwner(cluster.id, REFUSALS[need]);
      };
    app.addHook('onRoute', (route) => {
      const guarded = [route.method].flat().some((method) => {
        const need = needOf(method, route.url);
        return need !== null && need !== 'view';
      });
      if (!guarded) return;
      const own = route.onRequest === undefined ? [] : [route.onRequest].flat();
      route.onRequest = [...own, guard(route.url)];
    });
  },
  { name: 'access', dependencies: ['clusters'] },
);

/** What a route that made cluster `id` answers its maker, once: the token and both links. */
export function ownershipOf(id: string, token: string): Ownership {
  return { owner: { token, link: ownerLink(id, token) }, viewLink: viewLink(id) };
}
