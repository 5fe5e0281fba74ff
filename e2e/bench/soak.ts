/**
 * `npm run bench:soak` — does the dashboard's memory stay bounded? (A benchmark, not a
 * test: it runs for as long as asked.)
 *
 * Opens a 9-node cluster at 10× under continuous writes (a PUT every 100 ms) in
 * Chromium and, every SAMPLE_S seconds, forces a garbage collection and records the
 * page's JS heap and DOM node count. Every client-side list is a bounded ring, so after
 * the first minutes the heap should stop growing: the verdict compares the mean of the
 * last quarter of the samples with the mean of the second quarter.
 *
 *   SOAK_MINUTES=60 npm run bench:soak      (default 60)
 *
 * Prints a table and writes bench-results/soak.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCluster, launchBrowser, ownerUrl, root, sleep, startServer, startWriter } from './harness';

const MINUTES = Number(process.env.SOAK_MINUTES ?? 60);
const SAMPLE_S = Number(process.env.SOAK_SAMPLE_S ?? 60);
const NODES = 9;
const SPEED = 10;

interface Sample {
  minute: number;
  heapMB: number;
  domNodes: number;
  virtualSeconds: number;
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

async function main(): Promise<void> {
  const server = await startServer();
  const browser = await launchBrowser();
  const id = await createCluster(server.base, NODES, SPEED);
  const writer = startWriter(server.base, id, 100);
  const samples: Sample[] = [];
  try {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    await page.goto(ownerUrl(server.base, id));
    await page.getByRole('status', { name: 'Connection: Live' }).waitFor();
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    await cdp.send('HeapProfiler.enable');
    const started = Date.now();
    for (;;) {
      await cdp.send('HeapProfiler.collectGarbage');
      const { metrics } = await cdp.send('Performance.getMetrics');
      const metric = (name: string) => metrics.find((m) => m.name === name)?.value ?? 0;
      const state = (await (await fetch(`${server.base}/api/clusters/${id}`)).json()) as {
        view: { now: number };
      };
      const sample = {
        minute: Math.round((Date.now() - started) / 600) / 100,
        heapMB: Math.round((metric('JSHeapUsedSize') / 1048576) * 10) / 10,
        domNodes: metric('Nodes'),
        virtualSeconds: Math.round(state.view.now / 1e6),
      };
      samples.push(sample);
      console.log(JSON.stringify(sample));
      if (Date.now() - started >= MINUTES * 60_000) break;
      await sleep(SAMPLE_S * 1000);
    }
  } finally {
    writer.stop();
    await browser.close();
    server.stop();
  }
  const quarter = Math.max(1, Math.floor(samples.length / 4));
  const early = mean(samples.slice(quarter, 2 * quarter).map((s) => s.heapMB));
  const late = mean(samples.slice(-quarter).map((s) => s.heapMB));
  const results = {
    date: new Date().toISOString(),
    config: { nodes: NODES, speed: SPEED, writeEveryMs: 100, minutes: MINUTES, sampleSeconds: SAMPLE_S },
    writes: writer.counts,
    samples,
    heapMB: { first: samples[0]?.heapMB, secondQuarterMean: early, lastQuarterMean: late },
    growthLastVsSecondQuarter: late / early - 1,
  };
  mkdirSync(join(root, 'bench-results'), { recursive: true });
  writeFileSync(join(root, 'bench-results/soak.json'), JSON.stringify(results, null, 2) + '\n');
  console.table(samples.filter((_, i) => i % Math.max(1, Math.floor(samples.length / 12)) === 0));
  console.log(
    `heap: second quarter ${early.toFixed(1)} MB, last quarter ${late.toFixed(1)} MB ` +
      `(${((late / early - 1) * 100).toFixed(1)}%) over ${MINUTES} min at ${SPEED}×`,
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
