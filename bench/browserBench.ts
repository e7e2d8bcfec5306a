/**
 * The figures only a browser can give, measured on the built site in Debian's headless Chromium
 * (the same harness as the end-to-end tests):
 *
 *  - load: gzipped JavaScript and CSS the first load fetches (the engine's worker included,
 *    lazily loaded views not), and the time from navigation to the default lesson being drawn;
 *  - worker: trace events per second arriving from the engine's worker, spoken to as the page's
 *    Comlink client speaks to it;
 *  - view: frame times while the timeline plays with 100, 1,000 and 5,000 messages in the mail
 *    system at once.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { DEFAULT_LESSON } from '../src/lessons/defaultLesson';
import { Engine } from '../src/sim/engine';
import { Projector } from '../src/sim/projection/projector';
import { TraceIndex } from '../src/sim/projection/traceIndex';
import type { Scenario } from '../src/sim/scenario/schema';
import { PaceMap } from '../src/ui/model/pacing';
import { launch, serveDist, type Site } from '../tests/e2e/browser';
import { bulkLesson } from './scrubBench';

export interface LoadFigures {
  jsGzipBytes: number;
  cssGzipBytes: number;
  /** Each file the first load fetched, with its gzipped size. */
  files: Record<string, number>;
  /** Median of three cold loads, and each of them. */
  firstDrawMs: number;
  firstDrawRuns: number[];
}

export interface WorkerFigures {
  /** Events per second arriving at the page when the worker only hands out a computed trace. */
  eventsPerSec: number;
  /** Events per second while the worker also computes them (the page's tick loop). */
  runAndDeliverEventsPerSec: number;
  events: number;
  batch: number;
}

export interface FrameStats {
  median: number;
  p95: number;
}

export interface ViewFigure {
  /** Messages in the mail system (in queues, being received, moving) while measured. */
  envelopes: number;
  frames: number;
  /** Time between frames (what the class sees; 16.7 ms at 60 Hz). */
  frameMs: FrameStats;
  /** Main-thread time of each frame: from its start to the end of its rendering. */
  busyMs: FrameStats;
  /**
   * Share of frames presented at the next vsync (interval under 1.5 × 16.7 ms). Intervals are
   * locked to the 60 Hz vsync, so "frame time ≤ 16.7 ms" for a median (p95) means at least half
   * (95%) of the frames on time; 16.8 ms is timer jitter, a dropped frame shows as 33 ms.
   */
  onTime: number;
}

const BLANK = 'bench-blank.html';

/**
 * tsx (which runs the benchmark) keeps function names with an `__name(fn, "name")` helper; the
 * functions handed to the page are compiled that way, so the page needs the helper too.
 */
const NAME_HELPER = 'globalThis.__name = globalThis.__name || ((fn) => fn);';

/** What the app offers end-to-end tests on #e2e (src/ui/App.svelte). */
type TestHook = { mailsimTest: { load(s: unknown): Promise<boolean>; ready(): boolean } };

export class BrowserBench {
  private constructor(
    private readonly dist: string,
    private readonly site: Site,
    private readonly browser: Browser,
  ) {}

  static async open(dist: string): Promise<BrowserBench> {
    // A same-origin page with nothing on it, to talk to the worker without the app running.
    writeFileSync(join(dist, BLANK), '<!doctype html><meta charset="utf-8"><title>bench</title>\n');
    const site = await serveDist(dist);
    const browser = await launch();
    return new BrowserBench(dist, site, browser);
  }

  async close(): Promise<void> {
    await this.browser.close();
    await this.site.close();
  }

  /** Cold loads in fresh contexts: what was fetched, and when the default lesson was drawn. */
  async load(runs = 3): Promise<LoadFigures> {
    const times: number[] = [];
    let fetched = new Set<string>();
    for (let i = 0; i < runs; i++) {
      const context = await this.browser.newContext({ viewport: { width: 1366, height: 768 } });
      const page = await context.newPage();
      await page.addInitScript({ content: NAME_HELPER });
      const files = new Set<string>();
      page.on('response', (r) => {
        const path = new URL(r.url()).pathname;
        if (/\.(js|css)$/.test(path)) files.add(path.slice(path.lastIndexOf('/assets/') + 1));
      });
      // Polls every frame from the first script on: the default lesson is drawn when its hosts
      // are in the picture and the engine has finished computing it.
      await page.addInitScript(() => {
        const w = window as unknown as { __drawnAt?: number };
        const poll = () => {
          const ready = document.querySelector('[data-testid="status"]')?.getAttribute('data-ready') === 'true';
          if (ready && document.querySelector('[data-testid="topology"] svg .host-name')) w.__drawnAt = performance.now();
          else requestAnimationFrame(poll);
        };
        requestAnimationFrame(poll);
      });
      await page.goto(this.site.url);
      await page.waitForFunction(() => (window as unknown as { __drawnAt?: number }).__drawnAt !== undefined, undefined, { timeout: 60_000 });
      times.push(await page.evaluate(() => (window as unknown as { __drawnAt: number }).__drawnAt));
      fetched = files;
      await context.close();
    }
    const sizes: Record<string, number> = {};
    for (const f of [...fetched].sort()) sizes[f] = gzipSync(readFileSync(join(this.dist, f))).length;
    const sum = (ext: string) => Object.entries(sizes).reduce((n, [f, s]) => (f.endsWith(ext) ? n + s : n), 0);
    const sorted = [...times].sort((a, b) => a - b);
    return { jsGzipBytes: sum('.js'), cssGzipBytes: sum('.css'), files: sizes, firstDrawMs: sorted[Math.floor(sorted.length / 2)], firstDrawRuns: times };
  }

  /** The worker on a blank page: load a run, then pull its trace in the page's batch size. */
  async worker(messages = 2000, batch = 5000): Promise<WorkerFigures> {
    const workerFile = readdirSync(join(this.dist, 'assets')).find((f) => /^sim\.worker-.*\.js$/.test(f));
    if (!workerFile) throw new Error('no sim.worker-*.js in the build');
    const page = await this.browser.newPage();
    await page.addInitScript({ content: NAME_HELPER });
    await page.goto(`${this.site.url}${BLANK}`);
    const scenario = JSON.stringify(bulkLesson(messages));
    const result = await page.evaluate(
      async ({ url, scenario, batch }) => {
        // Comlink's wire format, as the page's client sends it (src/worker/client.ts).
        const worker = new Worker(url, { type: 'module' });
        let next = 0;
        const waiting = new Map<string, (data: { type: string; value: unknown }) => void>();
        worker.onmessage = (e: MessageEvent) => {
          const done = waiting.get(e.data.id);
          waiting.delete(e.data.id);
          done?.(e.data);
        };
        const call = <T>(method: string, ...args: unknown[]) =>
          new Promise<T>((resolve, reject) => {
            const id = String(++next);
            waiting.set(id, (d) => (d.type === 'RAW' ? resolve(d.value as T) : reject(new Error(`${method}: ${JSON.stringify(d.value)}`))));
            worker.postMessage({ id, type: 'APPLY', path: [method], argumentList: args.map((value) => ({ type: 'RAW', value })) });
          });
        type Tick = { events: unknown[]; done: boolean; status: { events: number; quiet: boolean } };
        const loaded = await call<{ ok: boolean }>('load', JSON.parse(scenario));
        if (!loaded.ok) throw new Error('the scenario did not load');
        // 1. As the page plays a new run: each call computes a slice and returns a batch.
        let t0 = performance.now();
        let received = 0;
        for (;;) {
          const r = await call<Tick>('tick', { run: 'quiet', budget: 20_000, from: received, max: batch });
          received += r.events.length;
          if (r.status.quiet && received >= r.status.events) break;
        }
        const runAndDeliverMs = performance.now() - t0;
        // 2. The computed trace again, from the start: transfer alone.
        t0 = performance.now();
        let again = 0;
        while (again < received) {
          const r = await call<Tick>('tick', { from: again, max: batch });
          again += r.events.length;
        }
        const deliverMs = performance.now() - t0;
        worker.terminate();
        return { events: received, runAndDeliverMs, deliverMs };
      },
      { url: `assets/${workerFile}`, scenario, batch },
    );
    await page.close();
    return {
      events: result.events,
      batch,
      eventsPerSec: result.events / (result.deliverMs / 1000),
      runAndDeliverEventsPerSec: result.events / (result.runAndDeliverMs / 1000),
    };
  }

  /** Plays the timeline for `seconds` with `envelopes` messages in the mail system, measuring every frame. */
  async view(envelopes: number, seconds = 4): Promise<ViewFigure> {
    const { scenario, p, present } = viewPoint(envelopes);
    const page = await this.browser.newPage({ viewport: { width: 1366, height: 768 } });
    await page.addInitScript({ content: NAME_HELPER });
    await page.goto(`${this.site.url}#e2e`);
    await page.locator('[data-testid="status"][data-ready="true"]').waitFor({ state: 'attached', timeout: 60_000 });
    // As text: serializing a big scenario through Playwright's own protocol is slow.
    const ok = await page.evaluate((json) => (window as unknown as TestHook).mailsimTest.load(JSON.parse(json)), JSON.stringify(scenario));
    if (!ok) throw new Error('the view scenario did not load');
    await page.waitForFunction(() => (window as unknown as TestHook).mailsimTest.ready(), undefined, { timeout: 120_000, polling: 250 });
    // Let the background checkpoints finish, as they do while a class watches.
    await page.waitForTimeout(1000);
    await page.locator('[data-testid="scrubber"]').evaluate((el, value) => {
      const input = el as HTMLInputElement;
      input.value = String(value);
      input.dispatchEvent(new Event('input', { bubbles: true }));
    }, p);
    await page.getByTestId('play').click();
    const frames = await page.evaluate(async (ms) => {
      const intervals: number[] = [];
      const busy: number[] = [];
      let last = 0;
      const end = performance.now() + ms;
      await new Promise<void>((resolve) => {
        const tick = (now: number) => {
          if (last) intervals.push(now - last);
          last = now;
          // A message posted now is handled after this frame's rendering: the frame's main-thread time.
          const channel = new MessageChannel();
          channel.port1.onmessage = () => busy.push(performance.now() - now);
          channel.port2.postMessage(0);
          if (performance.now() < end) requestAnimationFrame(tick);
          else setTimeout(resolve, 50);
        };
        requestAnimationFrame(tick);
      });
      return { intervals, busy };
    }, seconds * 1000);
    await page.getByTestId('play').click();
    await page.close();
    const onTime = frames.intervals.filter((i) => i < 1.5 * (1000 / 60)).length / Math.max(1, frames.intervals.length);
    return { envelopes: present, frames: frames.intervals.length, frameMs: stats(frames.intervals), busyMs: stats(frames.busy), onTime };
  }
}

function stats(values: number[]): FrameStats {
  const s = [...values].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0;
  return { median: at(0.5), p95: at(0.95) };
}

/**
 * The default lesson with `n` messages sent at the same instant, and the playhead position (in
 * the page's story pace) where the most of them are in the mail system at once. The engine is
 * deterministic, so the page computes the same trace and places it at the same positions.
 */
export function viewPoint(n: number): { scenario: Scenario; p: number; present: number } {
  const scenario = structuredClone(DEFAULT_LESSON);
  scenario.title = `${n} messages at once`;
  scenario.script = Array.from({ length: n }, (_, i) => ({
    at: 1000,
    host: 'ws.example.com',
    action: 'send' as const,
    from: 'student@ws.example.com',
    to: [i % 3 === 0 ? 'alice@example.com' : 'staff@example.com'],
    subject: `message ${i}`,
    body: 'hello',
    server: 'mail.example.com',
  }));
  const engine = new Engine(scenario);
  engine.runUntilQuiet(100_000_000);
  const events = engine.world.trace.events;
  const index = new TraceIndex();
  index.append(events);
  const pace = new PaceMap('story');
  pace.append(events, 0);
  const projector = new Projector(index);
  let best = { n: 0, present: -1 };
  for (let k = 1; k <= index.size; k += 64) {
    const s = projector.at(k);
    const present = s.messages.size + s.pending.size;
    if (present > best.present) best = { n: k, present };
  }
  return { scenario, p: pace.pOf(best.n - 1), present: best.present };
}

/** The built site's directory, checked. */
export function checkDist(dist: string): void {
  if (!existsSync(join(dist, 'index.html'))) throw new Error(`no built site in ${dist}`);
}
