/**
 * Determinism across runtimes: the same scenario and seed give the same trace, byte for byte, in
 * Node and in the built engine worker in Chromium — what makes a shared link replay exactly.
 * The worker is spoken to as the page's Comlink client speaks to it, in the page's batch sizes.
 */
import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { LESSONS } from '../../src/lessons';
import { Engine } from '../../src/sim/engine';
import type { Scenario, ScriptStep } from '../../src/sim/scenario/schema';
import { validateScenario } from '../../src/sim/scenario/validate';
import { launch, serveDist, watchErrors, type Site } from './browser';

/** A lesson with its solutions played as script steps: terminals, files, mail, DNS tools. */
function lessonRun(index: number): { scenario: Scenario; until: number } {
  const lesson = LESSONS[index];
  const scenario = structuredClone(lesson.scenario);
  let at = 60_000;
  const steps: ScriptStep[] = [...(scenario.script ?? [])];
  for (const step of lesson.steps) {
    for (const action of step.solution) {
      steps.push({ ...action, at } as ScriptStep);
      at += 7_000;
    }
  }
  scenario.script = steps;
  scenario.seed = 1000 + index;
  return { scenario, until: at + 3_600_000 };
}

/** Many messages at once, in another time zone. */
function bulk(): { scenario: Scenario; until: number } {
  const scenario = structuredClone(LESSONS[0].scenario);
  scenario.title = '150 messages at once, in +0800';
  scenario.timezone = '+0800';
  scenario.seed = 424242;
  scenario.script = Array.from({ length: 150 }, (_, i) => ({
    at: 1000 + (i % 17) * 13,
    host: 'ws.example.com',
    action: 'send' as const,
    from: 'student@ws.example.com',
    to: [i % 2 ? 'staff@example.com' : 'nosuchuser@example.com'],
    subject: `message ${i} \u4e2d\u6587`,
    body: `line\n.dot\n${'x'.repeat(i)}`,
    server: 'mail.example.com',
  }));
  return { scenario, until: 600_000 };
}

const RUNS = [...LESSONS.map((_, i) => lessonRun(i)), bulk()];

function nodeHash(scenario: Scenario, until: number): { hash: string; events: number } {
  const checked = validateScenario(structuredClone(scenario));
  const engine = new Engine(checked.scenario!);
  engine.advanceTo(until, 10_000_000);
  const json = JSON.stringify(engine.world.trace.events);
  return { hash: createHash('sha256').update(json).digest('hex'), events: engine.world.trace.size };
}

/** In the page: load the scenario into a fresh engine worker, pull the whole trace, hash it. */
async function workerHash(page: Page, workerUrl: string, scenario: Scenario, until: number): Promise<{ hash: string; events: number }> {
  return page.evaluate(
    async ({ workerUrl, json, until }) => {
      const worker = new Worker(workerUrl, { type: 'module' });
      let next = 0;
      const waiting = new Map<string, (d: { type: string; value: unknown }) => void>();
      worker.onmessage = (e: MessageEvent) => {
        waiting.get(e.data.id)?.(e.data);
        waiting.delete(e.data.id);
      };
      const call = <T,>(method: string, ...args: unknown[]) =>
        new Promise<T>((resolve, reject) => {
          const id = String(++next);
          waiting.set(id, (d) => (d.type === 'RAW' ? resolve(d.value as T) : reject(new Error(JSON.stringify(d.value)))));
          worker.postMessage({ id, type: 'APPLY', path: [method], argumentList: args.map((value) => ({ type: 'RAW', value })) });
        });
      const loaded = await call<{ ok: boolean }>('load', JSON.parse(json));
      if (!loaded.ok) throw new Error('not loaded');
      const events: unknown[] = [];
      for (;;) {
        const r = await call<{ events: unknown[]; done: boolean; status: { events: number } }>('tick', { run: until, budget: 20_000, from: events.length, max: 5_000 });
        events.push(...r.events);
        if (r.done && events.length >= r.status.events) break;
      }
      worker.terminate();
      const bytes = new TextEncoder().encode(JSON.stringify(events));
      const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
      return { hash: Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join(''), events: events.length };
    },
    { workerUrl, json: JSON.stringify(scenario), until },
  );
}

describe('the engine in Node and in the worker in Chromium', () => {
  let site: Site;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let workerUrl: string;

  beforeAll(async () => {
    const file = readdirSync('dist/assets').find((f) => /^sim\.worker-.*\.js$/.test(f));
    if (!file) throw new Error('no engine worker in dist/assets');
    site = await serveDist();
    browser = await launch();
    page = await browser.newPage();
    errors = watchErrors(page);
    await page.goto(site.url);
    workerUrl = `${site.url}assets/${file}`;
  });

  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  it.each(RUNS.map((r, i) => [r.scenario.title ?? `run ${i}`, i] as const))('gives the same trace for %s', { timeout: 120_000 }, async (_title, i) => {
    const { scenario, until } = RUNS[i];
    const inNode = nodeHash(scenario, until);
    const inWorker = await workerHash(page, workerUrl, scenario, until);
    expect(inNode.events).toBeGreaterThan(10);
    expect(inWorker).toEqual(inNode);
    expect(errors).toEqual([]);
  });
});
