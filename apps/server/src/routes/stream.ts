/**
 * The WebSocket stream of one cluster: a snapshot, then event batches (see
 * `live/viewers.ts` for the back-pressure policy). Frames from the viewer are
 * validated; a bad one gets an error frame, never a crash or a closed server. Answers
 * (pongs, error frames) obey the same buffer limit as events, frames in are
 * rate-limited per socket (`live/frame_guard.ts`), and seeks are coalesced and draw on
 * a CPU budget per socket (`live/seek_pacer.ts`).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  ClientFrameSchema,
  ClusterIdParams,
  LIMITS,
  type ClientFrame,
  type ErrorCode,
  type ServerFrame,
} from '@raftlab/protocol';
import type { FastifyError } from 'fastify';
import { Compile } from 'typebox/compile';
import type { WebSocket } from 'ws';
import { BadFrame, ClusterNotFound, MomentNotFound, TooManyViewers, UpgradeRequired } from '../errors';
import { CLOSE_TOO_MANY_FRAMES, FrameGuard } from '../live/frame_guard';
import type { LiveCluster } from '../live/live-cluster';
import { SeekPacer } from '../live/seek_pacer';

const clientFrame = Compile(ClientFrameSchema);
/** RFC 6455's "try again later": the page's stream reconnects with its back-off. */
const CLOSE_TRY_AGAIN_LATER = 1013;

function errorFrame(error: FastifyError & { code: ErrorCode }): ServerFrame {
  return { type: 'error', error: error.code, message: error.message };
}

function parseFrame(data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean): ClientFrame | string {
  if (isBinary) return 'binary frames are not accepted; send JSON text';
  const text = Buffer.isBuffer(data)
    ? data.toString('utf8')
    : Buffer.from(data as ArrayBuffer).toString('utf8');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return 'the frame is not valid JSON';
  }
  if (!clientFrame.Check(value))
    return 'expected {"type":"ping","id":<int>}, {"type":"resync"}, {"type":"seek","at":<int>} or {"type":"live"}';
  return value;
}

function seek(socket: WebSocket, guard: FrameGuard, cluster: LiveCluster, at: number): void {
  try {
    cluster.seek(socket, at);
  } catch (error) {
    if (!(error instanceof MomentNotFound)) throw error;
    guard.reply(errorFrame(error));
  }
}

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.route({
    method: 'GET',
    url: '/api/clusters/:id/stream',
    schema: { params: ClusterIdParams },
    // A plain HTTP request, without Upgrade: 426, in the catalogue's words.
    handler: async (_request, reply) => {
      reply.header('upgrade', 'websocket');
      throw new UpgradeRequired();
    },
    wsHandler: (socket, request) => {
      const { id } = request.params as { id: string };
      let cluster: LiveCluster;
      try {
        cluster = app.clusters.get(id);
      } catch (error) {
        if (!(error instanceof ClusterNotFound)) throw error;
        socket.send(JSON.stringify(errorFrame(error)));
        socket.close(4404, 'cluster not found');
        return;
      }
      const maxViewers = app.clusters.maxViewersPerCluster;
      if (cluster.viewerCount >= maxViewers) {
        socket.send(JSON.stringify(errorFrame(new TooManyViewers(maxViewers))));
        socket.close(CLOSE_TRY_AGAIN_LATER, 'too many viewers');
        return;
      }
      // Listeners go on synchronously, before anything can arrive (Fastify's ws guide).
      const guard = new FrameGuard(socket, Date.now());
      const seeks = new SeekPacer(socket, (at) => seek(socket, guard, cluster, at));
      const leave = () => {
        seeks.cancel();
        cluster.removeViewer(socket);
      };
      socket.on('message', (data, isBinary) => {
        if (!guard.admit(Date.now())) {
          const reason = `more than ${LIMITS.maxClientFramesPerSecond} frames a second`;
          leave(); // now, not when the closing handshake ends
          socket.close(CLOSE_TOO_MANY_FRAMES, reason);
          return;
        }
        const frame = parseFrame(data, isBinary);
        if (typeof frame === 'string') {
          guard.reply(errorFrame(new BadFrame(frame)));
        } else if (frame.type === 'ping') {
          guard.reply({ type: 'pong', id: frame.id });
        } else if (frame.type === 'seek') {
          seeks.request(frame.at);
        } else {
          seeks.cancel();
          cluster.resync(socket); // resync, or back to live from the past: a fresh live snapshot
        }
      });
      socket.on('close', leave);
      socket.on('error', leave);
      cluster.addViewer(socket);
    },
  });
};

export default routes;
