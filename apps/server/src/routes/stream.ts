/**
 * The WebSocket stream of one cluster: a snapshot, then event batches (see
 * `live/viewers.ts` for the back-pressure policy). Frames from the viewer are
 * validated; a bad one gets an error frame, never a crash or a closed server.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  ClientFrameSchema,
  ClusterIdParams,
  type ClientFrame,
  type ErrorCode,
  type ServerFrame,
} from '@raftlab/protocol';
import type { FastifyError } from 'fastify';
import { Compile } from 'typebox/compile';
import type { WebSocket } from 'ws';
import { BadFrame, ClusterNotFound, MomentNotFound } from '../errors';
import type { LiveCluster } from '../live/live-cluster';

const clientFrame = Compile(ClientFrameSchema);

function sendFrame(socket: WebSocket, frame: ServerFrame): void {
  socket.send(JSON.stringify(frame));
}

function sendError(socket: WebSocket, error: FastifyError & { code: ErrorCode }): void {
  sendFrame(socket, { type: 'error', error: error.code, message: error.message });
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

function seek(socket: WebSocket, cluster: LiveCluster, at: number): void {
  try {
    cluster.seek(socket, at);
  } catch (error) {
    if (!(error instanceof MomentNotFound)) throw error;
    sendError(socket, error);
  }
}

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/clusters/:id/stream',
    { websocket: true, schema: { params: ClusterIdParams } },
    (socket, request) => {
      const { id } = request.params as { id: string };
      let cluster: LiveCluster;
      try {
        cluster = app.clusters.get(id);
      } catch (error) {
        if (!(error instanceof ClusterNotFound)) throw error;
        sendError(socket, error);
        socket.close(4404, 'cluster not found');
        return;
      }
      // Listeners go on synchronously, before anything can arrive (Fastify's ws guide).
      socket.on('message', (data, isBinary) => {
        const frame = parseFrame(data, isBinary);
        if (typeof frame === 'string') {
          sendError(socket, new BadFrame(frame));
        } else if (frame.type === 'ping') {
          sendFrame(socket, { type: 'pong', id: frame.id });
        } else if (frame.type === 'seek') {
          seek(socket, cluster, frame.at);
        } else {
          cluster.resync(socket); // resync, or back to live from the past: a fresh live snapshot
        }
      });
      socket.on('close', () => cluster.removeViewer(socket));
      socket.on('error', () => cluster.removeViewer(socket));
      cluster.addViewer(socket);
    },
  );
};

export default routes;
