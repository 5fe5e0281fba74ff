/**
 * Starts the RaftLab server on HOST:PORT (default 127.0.0.1:3000) and prints the dashboard
 * URL. On SIGTERM or SIGINT it closes within about a second: viewers get a `closed` frame,
 * waiting KV requests answer 504, and whatever is still open after SHUTDOWN_GRACE_MS is cut.
 */
import { buildApp } from './app';
import { ConfigError, configFromEnv } from './config';

let config;
try {
  config = configFromEnv(process.env);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(1);
}
const { host, port } = config;

const app = await buildApp({ ...config.app, logger: { level: config.logLevel } });
try {
  await app.listen({ host, port });
} catch (error) {
  console.error(`Cannot listen on ${host}:${port}: ${(error as Error).message}`);
  process.exit(1);
}
const address = app.server.address();
const shownHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
const shownPort = typeof address === 'object' && address ? address.port : port;
console.log(
  `RaftLab is running at http://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${shownPort}/`,
);

/** A shutdown that has not finished by then ends anyway: connections still open are cut. */
const SHUTDOWN_GRACE_MS = 800;

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    const cut = setTimeout(() => {
      app.server.closeAllConnections();
      process.exit(0);
    }, SHUTDOWN_GRACE_MS);
    cut.unref();
    void app.close().then(() => process.exit(0));
  });
}
