/**
 * The real server as a child process, started as `npm start` starts it (main.ts under
 * tsx), for tests and scripts that must see the process itself: its signals, its exit,
 * its restart on the same data file.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const MAIN = fileURLToPath(new URL('../main.ts', import.meta.url));

export interface ServerProcess {
  base: string;
  child: ChildProcess;
  /** Resolves with the exit code (null after a signal) once the process has exited. */
  exited: Promise<number | null>;
}

/**
 * Starts the server on a free port (with nothing stored unless `env` sets RAFTLAB_DATA);
 * resolves with its base URL once it listens.
 */
export async function startServer(env: Record<string, string> = {}): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'silent', RAFTLAB_DATA: ':memory:', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const base = await new Promise<string>((resolve, reject) => {
    let out = '';
    const read = (chunk: unknown) => {
      out += String(chunk);
      const match = /running at (http:\/\/\S+?)\/?\s/.exec(out);
      if (match) resolve(match[1]);
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', (chunk) => (out += String(chunk)));
    void exited.then((code) => reject(new Error(`server exited with ${code}: ${out}`)));
  });
  return { base, child, exited };
}
