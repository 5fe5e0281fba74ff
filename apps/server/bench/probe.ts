/**
 * Loaded into the benchmarked server (`node --import`), never into `npm start`: on
 * SIGUSR2 it prints one line, `PROBE {json}`, with the event loop's delay since the last
 * line (perf_hooks' histogram, sampled every 10 ms), the process's CPU time per wall
 * second over the same span, and its RSS; then it starts the next span.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';

const delay = monitorEventLoopDelay({ resolution: 10 });
delay.enable();
let cpu = process.cpuUsage();
let since = performance.now();

process.on('SIGUSR2', () => {
  const now = performance.now();
  const used = process.cpuUsage(cpu);
  const ms = (ns: number) => ns / 1e6;
  const line = {
    lagP50Ms: ms(delay.percentile(50)),
    lagP99Ms: ms(delay.percentile(99)),
    lagMaxMs: ms(delay.max),
    cpuMsPerS: (used.user + used.system) / 1000 / ((now - since) / 1000),
    rssMb: process.memoryUsage().rss / 2 ** 20,
  };
  process.stdout.write(`PROBE ${JSON.stringify(line)}\n`);
  delay.reset();
  cpu = process.cpuUsage();
  since = now;
});
