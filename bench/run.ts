/**
 * npm run bench: every figure with its goal and, where there is one, its reference measured in
 * the same run on the same machine; written to bench/results.json as well.
 *
 *   npm run bench              all figures (a few minutes on two cores)
 *   npm run bench -- --quick   smaller runs, to try a change
 *   npm run bench -- --no-browser   engine and links only
 *
 * The engine is measured from a bundle built as the site is built (esbuild, no keep-names
 * helpers that tsx adds), in its own Node process with --expose-gc; the page figures on a fresh
 * production build served from a sub-path to Debian's headless Chromium.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { BrowserBench, checkDist, type LoadFigures, type ViewFigure, type WorkerFigures } from './browserBench';
import { linkFigures } from './linksBench';
import type { ScrubFigure } from './scrubBench';

const args = new Set(process.argv.slice(2));
const quick = args.has('--quick');
const withBrowser = !args.has('--no-browser');
const OUT = 'node_modules/.cache/mailsim-bench';
const RESULTS = quick ? 'bench/results.local.json' : 'bench/results.json';

interface EngineOutput {
  deliveries: { concurrent: number; deliveries: number; seconds: number; perSec: number }[];
  transitionsPerDelivery: number;
  transitionsPerSec: number;
  referenceTransitionsPerSec: number;
  heapBytesPerQueuedMessage: number;
  gcExposed: boolean;
  scrub: ScrubFigure;
}

function step(name: string): void {
  process.stderr.write(`\n== ${name}\n`);
}

async function engineFigures(): Promise<EngineOutput> {
  const bundle = join(OUT, 'engine.mjs');
  await build({ entryPoints: ['bench/engineMain.ts'], bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile: bundle, logLevel: 'warning' });
  const r = spawnSync(process.execPath, ['--expose-gc', bundle, ...(quick ? ['--quick'] : [])], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`the engine benchmark failed (exit ${r.status ?? r.signal})`);
  return JSON.parse(r.stdout) as EngineOutput;
}

function buildSite(): string {
  const dist = join(OUT, 'site');
  const r = spawnSync('npx', ['vite', 'build', '--outDir', dist, '--emptyOutDir', '--logLevel', 'warn'], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error('vite build failed');
  checkDist(dist);
  return dist;
}

const started = performance.now();
mkdirSync(OUT, { recursive: true });

step('engine (Node)');
const engine = await engineFigures();

step('links');
const links = await linkFigures();

let load: LoadFigures | undefined;
let worker: WorkerFigures | undefined;
const view: Record<string, ViewFigure> = {};
if (withBrowser) {
  step('build');
  const dist = buildSite();
  const bench = await BrowserBench.open(dist);
  try {
    step('load (Chromium)');
    load = await bench.load(quick ? 1 : 3);
    step('worker (Chromium)');
    worker = await bench.worker(quick ? 500 : 2000);
    for (const n of [100, 1000, 5000]) {
      step(`view with ${n} messages (Chromium)`);
      view[String(n)] = await bench.view(n, quick ? 2 : 4);
    }
  } finally {
    await bench.close();
  }
}

// ---- report ----------------------------------------------------------------------------------

const byConcurrency = Object.fromEntries(engine.deliveries.map((d) => [String(d.concurrent), d.perSec]));
const deliveriesPerSec = Math.min(...engine.deliveries.map((d) => d.perSec));
const ratio = engine.transitionsPerSec / engine.referenceTransitionsPerSec;

const results = {
  date: new Date().toISOString(),
  machine: { cpus: cpus().length, model: cpus()[0]?.model ?? '', node: process.version },
  quick,
  engine: {
    /** The lowest of the three concurrency levels. */
    deliveriesPerSec,
    deliveriesPerSecByConcurrency: byConcurrency,
    transitionsPerSec: engine.transitionsPerSec,
    transitionsPerDelivery: engine.transitionsPerDelivery,
    referenceTransitionsPerSec: engine.referenceTransitionsPerSec,
    ratio,
    heapBytesPerQueuedMessage: engine.heapBytesPerQueuedMessage,
  },
  scrub: {
    ms: engine.scrub.worstMs,
    medianMs: engine.scrub.medianMs,
    messages: engine.scrub.messages,
    events: engine.scrub.events,
    seeks: engine.scrub.seeks,
    checkpointsMs: engine.scrub.checkpointsMs,
    runMs: engine.scrub.runMs,
  },
  worker: worker ?? null,
  view: withBrowser
    ? {
        frameMs: Object.fromEntries(Object.entries(view).map(([n, v]) => [n, v.frameMs])),
        busyMs: Object.fromEntries(Object.entries(view).map(([n, v]) => [n, v.busyMs])),
        onTime: Object.fromEntries(Object.entries(view).map(([n, v]) => [n, v.onTime])),
        envelopes: Object.fromEntries(Object.entries(view).map(([n, v]) => [n, v.envelopes])),
      }
    : null,
  load: load ?? null,
  links,
};

type Row = [string, string, string, string];
const fmt = (n: number | undefined, digits = 0) => (n === undefined ? '—' : n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }));
const mark = (ok: boolean | undefined) => (ok === undefined ? '' : ok ? ' ✓' : ' ✗');
const rows: Row[] = [
  ['figure', 'goal', 'measured', 'reference'],
  ...engine.deliveries.map((d): Row => [`engine: deliveries/s, ${d.concurrent} concurrent`, '≥ 10,000', fmt(d.perSec) + mark(d.perSec >= 10_000), '']),
  ['engine: XState transitions/s', '≥ 50% of reference', `${fmt(engine.transitionsPerSec)} (${fmt(ratio * 100, 0)}%)${mark(ratio >= 0.5)}`, `${fmt(engine.referenceTransitionsPerSec)} (bare XState)`],
  ['engine: heap per queued message (100,000)', '≤ 2,048 B', `${fmt(engine.heapBytesPerQueuedMessage)} B${mark(engine.heapBytesPerQueuedMessage <= 2048)}`, ''],
  [`scrub: rebuild at any point, ${fmt(engine.scrub.messages)} messages`, '≤ 100 ms', `${fmt(engine.scrub.worstMs, 1)} ms worst${mark(engine.scrub.worstMs <= 100)}`, `median ${fmt(engine.scrub.medianMs, 2)} ms`],
];
if (worker) {
  rows.push(['worker: trace events/s to the page', '', fmt(worker.eventsPerSec), `${fmt(worker.runAndDeliverEventsPerSec)} while computing`]);
}
for (const [n, v] of Object.entries(view)) {
  // Frame intervals are vsync-locked: judged by the share of frames presented on time (browserBench.ts).
  const medianGoal = n === '5000' ? v.onTime >= 0.5 : undefined;
  const p95Goal = n === '1000' ? v.onTime >= 0.95 : undefined;
  rows.push([
    `view: frame ms, ${fmt(Number(n))} messages (${v.envelopes} present)`,
    n === '5000' ? 'median ≤ 16.7' : n === '1000' ? 'p95 ≤ 16.7' : '',
    `median ${fmt(v.frameMs.median, 1)}${mark(medianGoal)}, p95 ${fmt(v.frameMs.p95, 1)}${mark(p95Goal)}, ${fmt(v.onTime * 100, 1)}% on time`,
    `busy median ${fmt(v.busyMs.median, 1)}, p95 ${fmt(v.busyMs.p95, 1)}`,
  ]);
}
if (load) {
  rows.push(['load: JavaScript, gzipped, first load', '≤ 200 KB', `${fmt(load.jsGzipBytes / 1024, 1)} KB${mark(load.jsGzipBytes <= 200 * 1024)}`, '']);
  rows.push(['load: CSS, gzipped', '', `${fmt(load.cssGzipBytes / 1024, 1)} KB`, '']);
  rows.push(['load: navigation to default lesson drawn', '', `${fmt(load.firstDrawMs)} ms`, `runs ${load.firstDrawRuns.map((t) => fmt(t)).join(', ')}`]);
}
rows.push(['links: longest lesson link', '', `${links.lessonMax} chars`, `whole lessons: ${Math.min(...Object.values(links.lessonsWhole))}–${Math.max(...Object.values(links.lessonsWhole))}`]);
rows.push(['links: lesson with five changes', '', `${links.lessonFiveChanges} chars`, '']);
rows.push(['links: four hosts from nothing', '', `${links.fourHostsFromNothing} chars`, '']);

const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => r[i].length)));
const line = (r: Row) => r.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
process.stdout.write(`\n${line(rows[0])}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n${rows.slice(1).map(line).join('\n')}\n`);

writeFileSync(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
process.stdout.write(`\nwritten to ${RESULTS} in ${fmt((performance.now() - started) / 1000)} s\n`);
