/**
 * Compare mode in headless Chromium: the relay lesson as A, and B where the laptop's network is
 * taken out of mynetworks (typed into B's main.cf field). Both runs play on one timeline; the
 * relay refusal is marked on both sides and summed up; the summary leads to it; keys, Chinese,
 * a crashed run and the way back work. Screenshots go to test-results/compare-*.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { POSTCONF_LESSON } from '../../src/lessons/library/postconf';
import { RELAY_LESSON } from '../../src/lessons/library/relay';
import { launch, screenshot, serveDist, watchErrors, type Site } from './browser';

interface CompareHook {
  mailsimCompareTest: { crash(side: 'a' | 'b'): void; ready(): boolean };
}

async function text(page: Page, testId: string): Promise<string> {
  return (await page.getByTestId(testId).first().textContent()) ?? '';
}

async function waitForText(page: Page, testId: string, expected: string | RegExp, timeout = 20_000): Promise<void> {
  const started = Date.now();
  for (;;) {
    const got = await text(page, testId).catch(() => '');
    if (typeof expected === 'string' ? got.includes(expected) : expected.test(got)) return;
    if (Date.now() - started > timeout) throw new Error(`${testId}: waited for ${String(expected)}, have:\n${got.slice(-800)}`);
    await page.waitForTimeout(50);
  }
}

/** A page shortcut key, with nothing focused. */
async function key(page: Page, name: string): Promise<void> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur?.());
  await page.keyboard.press(name);
}

const ready = (page: Page) => page.waitForFunction(() => (window as unknown as CompareHook).mailsimCompareTest?.ready(), undefined, { timeout: 30_000 });

/** Is the element inside its scrolling panel's visible part? */
async function visibleInPanel(page: Page, selector: string): Promise<boolean> {
  return page.locator(selector).first().evaluate((el) => {
    const box = el.getBoundingClientRect();
    const panel = el.closest('[role="log"], [data-testid^="compare-outcomes"]')!.getBoundingClientRect();
    return box.top >= panel.top - 1 && box.bottom <= panel.bottom + 1;
  });
}

describe('compare mode', () => {
  let site: Site;
  let browser: Browser;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    site = await serveDist();
    browser = await launch();
    page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    errors = watchErrors(page);
    await page.addInitScript(() => localStorage.setItem('mailsim.lang', 'en'));
    await page.goto(`${site.url}#e2e`);
    await page.locator('[data-testid="status"][data-ready="true"]').waitFor({ state: 'attached' });
    await page.evaluate((s) => (window as unknown as { mailsimTest: { load(s: unknown): Promise<boolean> } }).mailsimTest.load(s), RELAY_LESSON.scenario);
    await page.locator('[data-testid="status"][data-ready="true"]').waitFor({ state: 'attached' });
  });

  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  it('opens from the top bar with B as a copy of A, and B gets the change typed into its main.cf', async () => {
    await page.getByRole('button', { name: 'Compare', exact: true }).click();
    const editor = page.getByTestId('compare-editor');
    await editor.waitFor();
    await expect.poll(() => text(page, 'compare-changes')).toContain('B is the same as A');
    await screenshot(page, 'compare-0-editor');
    await page.getByTestId('compare-host').selectOption('mail.example.com');
    const field = page.getByRole('textbox', { name: 'Value of mynetworks' });
    expect(await field.inputValue()).toBe('127.0.0.0/8, 192.168.1.0/24, 10.0.0.0/8');
    await field.fill('127.0.0.0/8, 192.168.1.0/24');
    await page.getByRole('button', { name: 'Run A and B' }).click();
    await editor.waitFor({ state: 'detached' });
    await ready(page);
    const changes = await text(page, 'compare-changes');
    expect(changes).toContain('mail.example.com');
    expect(changes).toContain('main.cf mynetworks');
    expect(changes).toContain('127.0.0.0/8, 192.168.1.0/24, 10.0.0.0/8');
  });

  it('sums up the differences', async () => {
    await waitForText(page, 'compare-summary', '3 replies differ');
    const summary = await text(page, 'compare-summary');
    expect(summary).toContain('1 relay decision differs');
    expect(summary).toContain('1 message delivered in A but rejected in B');
    expect(summary).toContain('1 connection only in A');
    expect(summary).toMatch(/\d+ maillog lines differ/);
  });

  it('shares the comparison: the link opens A and B side by side in a fresh page', async () => {
    await page.getByTestId('compare-share').click();
    const field = page.getByTestId('share-link');
    await expect.poll(() => field.inputValue(), { timeout: 10_000 }).toMatch(/#S=/);
    const link = await field.inputValue();
    await screenshot(page, 'compare-share');
    await page.keyboard.press('Escape');
    await page.getByTestId('share-dialog').waitFor({ state: 'detached' });

    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const fresh = await context.newPage();
    const freshErrors = watchErrors(fresh);
    await fresh.addInitScript(() => localStorage.setItem('mailsim.lang', 'en'));
    await fresh.goto(link);
    await fresh.getByTestId('compare').waitFor({ timeout: 30_000 });
    await waitForText(fresh, 'compare-changes', 'main.cf mynetworks');
    await waitForText(fresh, 'compare-summary', '3 replies differ', 30_000);
    expect(await fresh.getByTestId('compare-editor').count()).toBe(0);
    await screenshot(fresh, 'compare-from-link');
    expect(freshErrors).toEqual([]);
    await context.close();
  });

  it('plays both runs in lockstep and marks the differing reply on both sides', async () => {
    await page.getByRole('combobox', { name: 'Speed' }).selectOption('4');
    await key(page, 'Space');
    // Mid-way: the RCPT reply is there on both sides at the same moment.
    const differing = '[data-mark="differs"]';
    await page.locator(`[data-testid="compare-dialogue-b"] ${differing}`).first().waitFor({ timeout: 20_000 });
    expect(await page.locator(`[data-testid="compare-dialogue-a"] ${differing}`).count()).toBeGreaterThan(0);
    await screenshot(page, 'compare-1-playing');
    await waitForText(page, 'compare-status', 'end', 30_000);
    await screenshot(page, 'compare-2-end');

    const a = page.getByTestId('compare-dialogue-a').locator(`${differing}.s2c`);
    const b = page.getByTestId('compare-dialogue-b').locator(`${differing}.s2c`);
    expect(await a.allTextContents()).toEqual([expect.stringContaining('250 2.1.5 Ok'), expect.stringContaining('354 End data')]);
    expect(await b.allTextContents()).toEqual([expect.stringContaining('454 4.7.1 <carol@example.net>: Relay access denied'), expect.stringContaining('554 5.5.1')]);
    // The mark says what the other side answered.
    expect(await a.first().getAttribute('data-mark')).toBe('differs');
    expect(await a.first().locator('.badge').getAttribute('title')).toBe('differs from B: 454 4.7.1 <carol@example.net>: Relay access denied');
    // The decision behind it.
    expect(await page.getByTestId('compare-dialogue-b').locator(`${differing}.decision`).textContent()).toContain('smtpd_relay_restrictions: defer_unauth_destination → defer');
  });

  it('goes to a difference from the summary: the moment, the panel, the lines', async () => {
    await key(page, 'Home');
    expect(await text(page, 'compare-clock')).toContain('09:00:00.000');
    await page.getByTestId('summary-replies').click();
    await waitForText(page, 'compare-clock', /09:00:01\.0\d\d/);
    expect(await visibleInPanel(page, '[data-testid="compare-dialogue-a"] [data-mark="differs"].s2c')).toBe(true);
    expect(await visibleInPanel(page, '[data-testid="compare-dialogue-b"] [data-mark="differs"].s2c')).toBe(true);
    await screenshot(page, 'compare-3-first-reply');

    await page.getByTestId('summary-outcome').click();
    await expect.poll(() => page.getByRole('tab', { name: 'Messages' }).getAttribute('aria-selected')).toBe('true');
    await waitForText(page, 'compare-outcomes-b', 'rejected by mail.example.com: 454 4.7.1');
    await waitForText(page, 'compare-outcomes-a', 'delivered into /var/mail/carol on mx.example.net');
    expect(await page.getByTestId('compare-outcomes-a').locator('tr[data-mark="differs"]').count()).toBe(1);
    await screenshot(page, 'compare-4-messages');

    await page.getByTestId('summary-logs').click();
    await waitForText(page, 'compare-maillog-b', 'NOQUEUE: reject: RCPT from unknown[10.0.0.8]: 454 4.7.1');
    expect(await page.getByTestId('compare-maillog-b').locator('[data-mark="only"]').first().textContent()).toContain('NOQUEUE: reject');
    await screenshot(page, 'compare-5-maillog');
  });

  it('steps with the keyboard, both sides together', async () => {
    await page.getByRole('tab', { name: 'Dialogue' }).click();
    await key(page, 'Home');
    const shown = () => page.locator('[data-testid^="compare-dialogue-"] .row').count();
    expect(await shown()).toBe(0);
    for (let i = 0; i < 12 && (await shown()) === 0; i++) {
      await key(page, 'ArrowRight');
      await page.waitForTimeout(400);
    }
    const left = await page.getByTestId('compare-dialogue-a').locator('.row').count();
    const right = await page.getByTestId('compare-dialogue-b').locator('.row').count();
    // Before the runs diverge, both show the same dialogue.
    expect(left).toBeGreaterThan(0);
    expect(left).toBe(right);
    await key(page, 'End');
  });

  it('speaks Chinese', async () => {
    await page.getByTestId('compare-language').selectOption('zh-CN');
    await waitForText(page, 'compare-summary', '3 条回复不同');
    expect(await text(page, 'compare-summary')).toContain('1 封邮件在 A 中投递到了邮箱，在 B 中却被拒绝');
    expect(await page.getByRole('button', { name: '返回课程' }).count()).toBe(1);
    await screenshot(page, 'compare-6-zh');
    await page.getByTestId('compare-language').selectOption('en');
  });

  it('shows a crashed run on its side, and restarts it', async () => {
    await page.evaluate(() => (window as unknown as CompareHook).mailsimCompareTest.crash('b'));
    const crash = page.getByTestId('compare-crash-b');
    await crash.waitFor();
    expect(await crash.textContent()).toContain('The simulator of B stopped');
    expect(await crash.textContent()).not.toMatch(/\bat \S+:\d+:\d+/);
    expect(await page.getByTestId('compare-crash-a').count()).toBe(0);
    await screenshot(page, 'compare-7-crash');
    await page.getByRole('button', { name: 'Restart B where it was' }).click();
    await crash.waitFor({ state: 'detached' });
    await ready(page);
    await waitForText(page, 'compare-summary', '3 replies differ');
  });

  it('goes back to the lesson as it was', async () => {
    await page.getByTestId('compare-back').click();
    await page.getByTestId('compare').waitFor({ state: 'detached' });
    await page.locator('[data-testid="topology"]').first().waitFor();
    expect(await page.getByRole('button', { name: 'Compare', exact: true }).isVisible()).toBe(true);
    await screenshot(page, 'compare-8-back');
  });

  it('compares compatibility_level 0 with today’s defaults on a test message, from a preset', async () => {
    await page.evaluate((s) => (window as unknown as { mailsimTest: { load(s: unknown): Promise<boolean> } }).mailsimTest.load(s), POSTCONF_LESSON.scenario);
    await page.locator('[data-testid="status"][data-ready="true"]').waitFor({ state: 'attached' });
    await page.getByTestId('open-compare').click();
    await page.getByTestId('compare-editor').waitFor();
    await page.getByRole('button', { name: 'compatibility_level 0 → 3.6' }).click();
    await page.getByText('A test message in both runs').click();
    expect(await page.getByLabel('Recipients').inputValue()).toBe('postmaster@example.net');
    await page.getByRole('button', { name: 'Send it in A and B' }).click();
    await page.getByRole('button', { name: 'Run A and B' }).click();
    await ready(page);
    expect(await text(page, 'compare-changes')).toContain('main.cf compatibility_level');
    // At level 0 the classroom's subnet may relay (mynetworks_style = subnet); at 3.6 it may not.
    await waitForText(page, 'compare-summary', '1 message deferred in A but rejected in B');
    await page.getByTestId('summary-logs').click();
    await waitForText(page, 'compare-maillog-a', 'using backwards-compatible default setting mynetworks_style=subnet');
    await screenshot(page, 'compare-9-compat');
    await page.getByTestId('compare-back').click();
    await page.getByTestId('compare').waitFor({ state: 'detached' });
    expect(errors.filter((e) => !/mailsim test crash/.test(e))).toEqual([]);
  });
});
