/**
 * A 10,000-message run in the browser: the page keeps drawing while the worker computes and the
 * trace streams in, and seeking anywhere (projection, panels, canvas) stays under 100 ms.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DEFAULT_LESSON } from '../../src/lessons/defaultLesson';
import type { Scenario } from '../../src/sim/scenario/schema';
import { launch, screenshot, serveDist, watchErrors, type Site } from './browser';

const MESSAGES = Number(process.env.PERF_MESSAGES ?? 10_000);

function bulkLesson(n: number): Scenario {
  const s = structuredClone(DEFAULT_LESSON);
  s.title = `${n} messages`;
  s.script = Array.from({ length: n }, (_, i) => ({
    at: 1000 + i * 40,
    host: 'ws.example.com',
    action: 'send' as const,
    from: 'student@ws.example.com',
    to: [i % 3 === 0 ? 'alice@example.com' : 'staff@example.com'],
    subject: `message ${i}`,
    body: 'hello',
    server: 'mail.example.com',
  }));
  return s;
}

type Hook = { load(s: Scenario): Promise<boolean>; ready(): boolean; events(): number; seekTiming(n: number): number };

describe(`a ${MESSAGES}-message run`, () => {
  let site: Site;
  let browser: Browser;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    site = await serveDist();
    browser = await launch();
    page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    errors = watchErrors(page);
    page.on('console', (m) => m.type() === 'info' && console.log(m.text()));
    await page.goto(`${site.url}#e2e`);
    await page.locator('[data-testid="status"][data-ready="true"]').waitFor({ state: 'attached' });
  });

  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  it('keeps drawing while the worker computes and streams the trace', { timeout: 300_000 }, async () => {
    // Frame gaps, measured in the page while everything happens.
    await page.evaluate(() => {
      const w = window as unknown as { worstFrame: number; frames: number };
      w.worstFrame = 0;
      w.frames = 0;
      let last = performance.now();
      const tick = (now: number) => {
        w.worstFrame = Math.max(w.worstFrame, now - last);
        w.frames++;
        last = now;
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    // As text: Playwright's own serializing of a 10,000-step object would be what freezes the page.
    expect(await page.evaluate((json) => (window as unknown as { mailsimTest: Hook }).mailsimTest.load(JSON.parse(json)), JSON.stringify(bulkLesson(MESSAGES)))).toBe(true);
    // Real time: a story pace gives each of 500,000 events its moment, which is for one message.
    await page.getByRole('combobox', { name: 'Pace' }).selectOption('real');
    await page.getByRole('combobox', { name: 'Speed' }).selectOption('4');
    await page.getByRole('button', { name: 'Play (Space)' }).click();
    await page.waitForTimeout(6000);
    await screenshot(page, 'perf-1-in-flight');
    await page.waitForFunction(() => (window as unknown as { mailsimTest: Hook }).mailsimTest.ready(), undefined, { timeout: 280_000, polling: 500 });
    const { worstFrame, frames, events } = await page.evaluate(() => {
      const w = window as unknown as { worstFrame: number; frames: number; mailsimTest: Hook };
      return { worstFrame: w.worstFrame, frames: w.frames, events: w.mailsimTest.events() };
    });
    console.log(`perf: ${events} events, ${frames} frames, worst frame gap ${worstFrame.toFixed(0)} ms`);
    expect(events).toBeGreaterThan(MESSAGES * 40);
    // No freeze: the page kept answering while hundreds of thousands of events arrived.
    expect(worstFrame).toBeLessThan(500);
  });

  it('seeks anywhere in the run in under 100 ms', { timeout: 120_000 }, async () => {
    await page.getByRole('button', { name: 'Pause (Space)' }).click().catch(() => undefined);
    // Let the background checkpoints finish, as they do while a class watches.
    await page.waitForTimeout(3000);
    const worst = await page.evaluate(() => (window as unknown as { mailsimTest: Hook }).mailsimTest.seekTiming(40));
    console.log(`perf: worst seek ${worst.toFixed(1)} ms`);
    expect(worst).toBeLessThan(100);
    await screenshot(page, 'perf-2-after-seeks');
    expect(errors).toEqual([]);
  });
});
