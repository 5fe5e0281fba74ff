/**
 * Where the main thread's time goes: records a Chrome trace over CDP for `ms` and sums
 * the renderer main thread's work by kind (script, style, layout, paint, ...), counting
 * only the outermost event of each kind so nested events are not counted twice.
 * `BENCH_TRACE=1 npm run bench:web` prints it.
 */
import type { CDPSession } from 'playwright-core';

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  /** Thread (CPU) time, µs: unlike `dur`, not inflated when another process takes the core. */
  tdur?: number;
  pid: number;
  tid: number;
  args?: { name?: string };
}

const KINDS: Record<string, string> = {
  FunctionCall: 'script',
  EvaluateScript: 'script',
  TimerFire: 'script',
  FireAnimationFrame: 'script',
  EventDispatch: 'script',
  'v8.run': 'script',
  RunMicrotasks: 'script',
  V8: 'script',
  MinorGC: 'gc',
  MajorGC: 'gc',
  'V8.GC_SCAVENGER': 'gc',
  UpdateLayoutTree: 'style',
  RecalculateStyles: 'style',
  Layout: 'layout',
  PrePaint: 'paint',
  Paint: 'paint',
  PaintImage: 'paint',
  UpdateLayer: 'paint',
  UpdateLayerTree: 'paint',
  Layerize: 'paint',
  CompositeLayers: 'composite',
  Commit: 'composite',
  HitTest: 'hit-test',
  ParseHTML: 'parse',
};

/** Records a Chrome trace of the page for `ms`; returns its events. */
async function recordTrace(cdp: CDPSession, ms: number, categories: string): Promise<TraceEvent[]> {
  const events: TraceEvent[] = [];
  const collect = (e: { value: object[] }) => events.push(...(e.value as unknown as TraceEvent[]));
  cdp.on('Tracing.dataCollected', collect);
  await cdp.send('Tracing.start', { categories, transferMode: 'ReportEvents' });
  await new Promise((r) => setTimeout(r, ms));
  const done = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
  await cdp.send('Tracing.end');
  await done;
  cdp.off('Tracing.dataCollected', collect);
  return events;
}

export async function traceBreakdown(cdp: CDPSession, ms: number): Promise<Record<string, number>> {
  const events = await recordTrace(
    cdp,
    ms,
    'devtools.timeline,disabled-by-default-devtools.timeline,v8' +
      (process.env.BENCH_TRACE === 'paint'
        ? ',disabled-by-default-devtools.timeline.invalidationTracking'
        : ''),
  );
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  if (!main) return {};
  const mine = events
    .filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.dur !== undefined)
    .sort((a, b) => a.ts - b.ts);
  const totals: Record<string, number> = {};
  const openUntil: Record<string, number> = {};
  const counts: Record<string, number> = {};
  const byName: Record<string, number> = {};
  let taskEnd = -1;
  for (const e of mine) {
    const end = e.ts + e.dur!;
    if (e.name === 'RunTask') {
      if (e.ts >= taskEnd) {
        totals['tasks (all)'] = (totals['tasks (all)'] ?? 0) + e.dur!;
        totals['tasks (cpu)'] = (totals['tasks (cpu)'] ?? 0) + (e.tdur ?? 0);
      }
      taskEnd = Math.max(taskEnd, end);
      continue;
    }
    const kind = KINDS[e.name];
    if (!kind) continue;
    if ((openUntil[kind] ?? -1) > e.ts) continue; // nested in an event of the same kind
    openUntil[kind] = end;
    totals[kind] = (totals[kind] ?? 0) + e.dur!;
    counts[e.name] = (counts[e.name] ?? 0) + 1;
    byName[e.name] = (byName[e.name] ?? 0) + (e.tdur ?? e.dur!);
  }
  if (process.env.BENCH_TRACE === 'paint') {
    const byClip = new Map<string, { n: number; us: number }>();
    for (const e of mine) {
      if (e.name !== 'Paint') continue;
      const data = (e.args as { data?: { clip?: number[]; nodeId?: number } } | undefined)?.data;
      const c = data?.clip ?? [];
      const key = `node ${data?.nodeId} clip ${c.length ? `${Math.round(c[0])},${Math.round(c[1])} → ${Math.round(c[4])},${Math.round(c[5])}` : '?'}`;
      const agg = byClip.get(key) ?? { n: 0, us: 0 };
      agg.n++;
      agg.us += e.dur!;
      byClip.set(key, agg);
    }
    const why = new Map<string, number>();
    for (const e of events) {
      if (!e.name.includes('Invalidation')) continue;
      const d = (e.args as { data?: { nodeName?: string; reason?: string } } | undefined)?.data;
      const key = `${e.name} ${d?.nodeName ?? ''} ${d?.reason ?? ''}`;
      why.set(key, (why.get(key) ?? 0) + 1);
    }
    for (const [key, n] of [...why.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25))
      console.log(`invalidation ${key}: ${n}`);
    // Where the layout invalidations are: the nearest element with a class, per node.
    const byNode = new Map<number, number>();
    for (const e of events) {
      if (e.name !== 'LayoutInvalidationTracking') continue;
      const id = (e.args as { data?: { nodeId?: number } } | undefined)?.data?.nodeId;
      if (id !== undefined) byNode.set(id, (byNode.get(id) ?? 0) + 1);
    }
    const where = new Map<string, number>();
    for (const [backendNodeId, n] of byNode) {
      const path = await describeNode(cdp, backendNodeId);
      where.set(path, (where.get(path) ?? 0) + n);
    }
    for (const [path, n] of [...where.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25))
      console.log(`layout invalidated under ${path}: ${n}`);
    const rows = [...byClip.entries()].sort((a, b) => b[1].us - a[1].us).slice(0, 15);
    for (const [key, agg] of rows) console.log(`paint ${key}: ${agg.n}× ${(agg.us / 1000).toFixed(1)} ms`);
  }
  console.log('events per second:', perSecondCounts(counts, ms));
  const layouts = mine.filter((e) => e.name === 'Layout');
  if (layouts.length > 0) {
    const data = (e: TraceEvent) =>
      (e.args as { beginData?: { dirtyObjects?: number; totalObjects?: number } } | undefined)?.beginData;
    const mean = (f: (e: TraceEvent) => number) =>
      Math.round(layouts.reduce((n, e) => n + f(e), 0) / layouts.length);
    console.log('layout, mean per pass:', {
      dirtyObjects: mean((e) => data(e)?.dirtyObjects ?? 0),
      totalObjects: mean((e) => data(e)?.totalObjects ?? 0),
      µs: mean((e) => e.dur ?? 0),
    });
  }
  if (process.env.BENCH_TRACE === 'layout') console.log('layout passes:', layoutPasses(mine, ms));
  console.log('CPU ms/s by event:', perSecondCounts(byName, ms * 1000));
  const perSecond: Record<string, number> = {};
  for (const [kind, us] of Object.entries(totals)) perSecond[kind] = Math.round(us / ms);
  return perSecond;
}

/**
 * The frames a worker of the page painted (the ring's canvas), over `ms`: their
 * intervals and the worker thread's CPU time. Null when no worker ran animation frames.
 */
export async function workerFrames(cdp: CDPSession, ms: number) {
  const events = await recordTrace(cdp, ms, 'devtools.timeline,disabled-by-default-devtools.timeline');
  const worker = events.find((e) => e.name === 'thread_name' && /DedicatedWorker/.test(e.args?.name ?? ''));
  if (!worker) return null;
  const mine = events.filter((e) => e.pid === worker.pid && e.tid === worker.tid && e.ph === 'X');
  const frames = mine
    .filter((e) => e.name === 'FireAnimationFrame')
    .map((e) => e.ts / 1000)
    .sort((a, b) => a - b);
  const intervals = frames
    .slice(1)
    .map((t, i) => t - frames[i])
    .sort((a, b) => a - b);
  const cpuUs = mine.filter((e) => e.name === 'RunTask').reduce((sum, e) => sum + (e.tdur ?? 0), 0);
  const at = (p: number) => Math.round((intervals[Math.floor(p * intervals.length)] ?? NaN) * 10) / 10;
  return {
    framesPerSecond: Math.round((frames.length * 1000) / ms),
    p50: at(0.5),
    p95: at(0.95),
    cpuMsPerS: Math.round(cpuUs / ms),
  };
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}

/** The page's JavaScript, by function: self time in ms/s over `ms` of sampling. */
export async function profileTop(cdp: CDPSession, ms: number, top = 25): Promise<string[]> {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  await new Promise((r) => setTimeout(r, ms));
  const { profile } = (await cdp.send('Profiler.stop')) as {
    profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
  };
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + profile.timeDeltas[i]));
  if (process.env.BENCH_PROFILE === 'components') return componentTimes(profile, self, ms, top);
  const byName = new Map<string, number>();
  for (const node of profile.nodes) {
    const { functionName, url, lineNumber, columnNumber } = node.callFrame;
    const key = `${functionName || '(anonymous)'} ${url.split('/').pop()}:${lineNumber}:${columnNumber}`;
    byName.set(key, (byName.get(key) ?? 0) + (self.get(node.id) ?? 0));
  }
  return [...byName.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([key, us]) => `${(us / ms).toFixed(1).padStart(6)} ms/s  ${key}`);
}

function perSecondCounts(counts: Record<string, number>, ms: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [name, n] of Object.entries(counts)) out[name] = Math.round((n * 1000) / ms);
  return out;
}

/**
 * Layout passes split by what ran them: forced inside script (a read of a layout
 * property after a DOM change) or the frame's own; per second, with their mean size.
 */
function layoutPasses(mine: TraceEvent[], ms: number) {
  const scripts = mine.filter((e) => KINDS[e.name] === 'script');
  const out: Record<string, { perSecond: number; msPerS: number; meanDirty: number }> = {};
  const rootCounts = new Map<string, number>();
  for (const e of mine) {
    if (e.name !== 'Layout') continue;
    const forced = scripts.some((s) => s.ts <= e.ts && e.ts + e.dur! <= s.ts + s.dur!);
    const key = forced ? 'forced by script' : 'frame';
    const dirty =
      (e.args as { beginData?: { dirtyObjects?: number } } | undefined)?.beginData?.dirtyObjects ?? 0;
    const roots = (
      e.args as { endData?: { layoutRoots?: { nodeName: string; depth: number }[] } } | undefined
    )?.endData?.layoutRoots;
    for (const r of roots ?? []) {
      const k = `${key}: ${r.nodeName} (depth ${r.depth})`;
      rootCounts.set(k, (rootCounts.get(k) ?? 0) + 1);
    }
    const o = (out[key] ??= { perSecond: 0, msPerS: 0, meanDirty: 0 });
    o.perSecond++;
    o.msPerS += (e.tdur ?? e.dur!) / 1000;
    o.meanDirty += dirty;
  }
  for (const [k, n] of rootCounts) console.log(`layout root ${k}: ${n}`);
  for (const o of Object.values(out)) {
    o.meanDirty = Math.round(o.meanDirty / o.perSecond);
    o.perSecond = Math.round((o.perSecond * 1000) / ms);
    o.msPerS = Math.round((o.msPerS * 1000) / ms);
  }
  return out;
}

/**
 * Time inside each React component's render (a capitalised function name, so this
 * needs the unminified build), its own code and what it calls, but not its children,
 * which React renders separately; and time in the effects and commit phases.
 */
function componentTimes(
  profile: { nodes: ProfileNode[] },
  self: Map<number, number>,
  ms: number,
  top: number,
): string[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const total = new Map<string, number>();
  const watched = /^([A-Z][A-Za-z0-9]*|commitRoot|flushPassiveEffects|performWorkOnRoot|onmessage)$/;
  for (const n of profile.nodes) {
    const us = self.get(n.id) ?? 0;
    if (us === 0) continue;
    const seen = new Set<string>();
    for (let id: number | undefined = n.id; id !== undefined; id = parent.get(id)) {
      const name = byId.get(id)!.callFrame.functionName;
      if (!watched.test(name) || seen.has(name)) continue;
      seen.add(name);
      total.set(name, (total.get(name) ?? 0) + us);
    }
  }
  // Where the commit phase's time goes, by function (self time).
  const inCommit = new Map<string, number>();
  for (const n of profile.nodes) {
    const us = self.get(n.id) ?? 0;
    let id: number | undefined = n.id;
    while (id !== undefined && byId.get(id)!.callFrame.functionName !== 'commitRoot') id = parent.get(id);
    if (us === 0 || id === undefined) continue;
    const name = n.callFrame.functionName || '(anonymous)';
    inCommit.set(name, (inCommit.get(name) ?? 0) + us);
  }
  const lines = (m: Map<string, number>, suffix: string) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => `${(us / ms).toFixed(1).padStart(6)} ms/s  ${name}${suffix}`);
  return [...lines(total, ' (inclusive)'), ...lines(inCommit, ' (self, in commitRoot)')];
}

/** A node's place in the page: the classes of its nearest three classed ancestors. */
async function describeNode(cdp: CDPSession, backendNodeId: number): Promise<string> {
  try {
    const { object } = await cdp.send('DOM.resolveNode', { backendNodeId });
    const { result } = await cdp.send('Runtime.callFunctionOn', {
      objectId: object.objectId,
      functionDeclaration: `function () {
        const out = [];
        for (let n = this.nodeType === 1 ? this : this.parentElement; n && out.length < 3; n = n.parentElement) {
          const c = n.getAttribute && n.getAttribute('class');
          if (c) out.push(n.tagName.toLowerCase() + '.' + c.split(' ')[0]);
        }
        return out.join(' < ');
      }`,
      returnByValue: true,
    });
    return String(result.value);
  } catch {
    return '(gone)';
  }
}
