/**
 * The classroom app in headless Chromium, served from a sub-path: play the default lesson to the
 * end, find the message in the mailbox panel, step back and forward, type the course's telnet
 * session into a terminal, switch language and theme — with no console error. Screenshots go to
 * test-results/ for a person to look at.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, screenshot, serveDist, watchErrors, type Site } from './browser';

const MAIL = 'mail.example.com';

async function text(page: Page, testId: string): Promise<string> {
  return (await page.locator(`[data-testid="${testId}"]`).first().textContent()) ?? '';
}

async function waitForText(page: Page, testId: string, expected: string | RegExp, timeout = 20_000): Promise<void> {
  const started = Date.now();
  for (;;) {
    const got = await text(page, testId);
    if (typeof expected === 'string' ? got.includes(expected) : expected.test(got)) return;
    if (Date.now() - started > timeout) throw new Error(`${testId}: waited for ${String(expected)}, have:\n${got.slice(-800)}`);
    await page.waitForTimeout(50);
  }
}

async function openPanel(page: Page, name: string): Promise<void> {
  await page.getByRole('tab', { name, exact: true }).click();
}

/** A page shortcut key, with nothing focused (a focused tab list would take the arrows). */
async function key(page: Page, name: string): Promise<void> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur?.());
  await page.keyboard.press(name);
}

async function mailboxCount(page: Page): Promise<number> {
  return page.locator('[data-testid="mailbox-row"]').count();
}

describe('the classroom app', () => {
  let site: Site;
  let browser: Browser;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    site = await serveDist();
    browser = await launch();
    page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    errors = watchErrors(page);
    await page.goto(`${site.url}#e2e`);
    await page.locator('[data-testid="topology"] svg').waitFor();
    // The engine computes the lesson in its worker; the timeline knows the end once it is quiet.
    await page.locator('[data-testid="status"][data-ready="true"]').waitFor({ state: 'attached' });
  });

  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  it('plays the default lesson to the end and the envelope reaches the mailbox', async () => {
    await screenshot(page, 'classroom-0-start');
    await page.getByRole('combobox', { name: 'Speed' }).selectOption('4');
    await key(page, 'Space');
    // Mid-way: the relay gate on smtpd.
    await page.waitForFunction(() => /07:38:0[4-6]/.test(document.querySelector('[data-testid="clock"]')?.textContent ?? ''));
    await screenshot(page, 'classroom-1-playing');
    await waitForText(page, 'status', 'end', 30_000);
    expect(await text(page, 'clock')).toContain('07:38:07');
    await screenshot(page, 'classroom-2-end');

    await openPanel(page, 'Mailbox');
    await waitForText(page, 'mailbox', '/var/spool/mail/ansible');
    expect(await mailboxCount(page)).toBe(1);
    await page.locator('[data-testid="mailbox-row"]').first().click();
    const message = await text(page, 'mailbox-message');
    expect(message).toMatch(/^From obama@whitehouse\.com {2}Sat Apr 13 07:38:06 2024/);
    expect(message).toContain('X-Original-To: staff@example.com');
    expect(message).toContain('Delivered-To: ');
    expect(message).toContain('Subject: How are you these days?');
    await screenshot(page, 'classroom-3-mailbox');
  });

  it('steps back before the delivery and forward again, exactly', async () => {
    const endClock = await text(page, 'clock');
    let steps = 0;
    while ((await mailboxCount(page)) > 0 && steps < 40) {
      await key(page, 'ArrowLeft');
      steps++;
    }
    expect(await mailboxCount(page)).toBe(0);
    expect(steps).toBeGreaterThan(1);
    await screenshot(page, 'classroom-4-stepped-back');
    // One step forward delivers again (it plays the step's animation, then stops).
    for (let i = 0; i < 3 && (await mailboxCount(page)) === 0; i++) {
      await key(page, 'ArrowRight');
      await page.waitForTimeout(1200);
    }
    expect(await mailboxCount(page)).toBe(1);
    await key(page, 'End');
    expect(await text(page, 'clock')).toBe(endClock);
  });

  it('inspects the message: envelope against header, Received chain, path', async () => {
    await openPanel(page, 'Queue');
    await key(page, 'Home');
    // Step until the message is in a queue (each step plays its animation, then stops).
    const inspect = page.getByRole('button', { name: /^Inspect / });
    for (let i = 0; i < 60 && (await inspect.count()) === 0; i++) {
      await key(page, 'ArrowRight');
      await page.waitForTimeout(250);
    }
    await waitForText(page, 'queue', '-Queue ID-');
    await screenshot(page, 'classroom-5-queue');
    await inspect.first().click();
    await waitForText(page, 'inspector', 'Envelope (SMTP)');
    const inspector = await text(page, 'inspector');
    expect(inspector).toContain('<obama@whitehouse.com>');
    expect(inspector).toContain('<staff@example.com>');
    expect(inspector).toContain('Received chain (1');
    expect(inspector).toContain('by mail.example.com (Postfix) with SMTP id');
    expect(inspector).toContain('The envelope and the header differ');
    await screenshot(page, 'classroom-6-inspector');
    await key(page, 'End');
  });

  it('runs the course telnet session in the terminal of mail.example.com', async () => {
    await page.getByRole('tab', { name: MAIL, exact: true }).click();
    const input = page.locator('[data-testid="terminal-input"]');
    await input.click();
    const session: [string, string | RegExp][] = [
      ['telnet localhost 25', '220 mail.example.com ESMTP Postfix'],
      ['helo localhost', '250 mail.example.com'],
      ['mail from:obama@whitehouse.com', '250 2.1.0 Ok'],
      ['rcpt to:ansible', '250 2.1.5 Ok'],
      ['data', '354 End data with <CR><LF>.<CR><LF>'],
      ['Subject:How are you these datys?', 'Subject:How are you these datys?'],
      ['Are you gua le ma?', 'Are you gua le ma?'],
      ['.', /250 2\.0\.0 Ok: queued as [0-9A-F]{10,}/],
      ['quit', '221 2.0.0 Bye'],
    ];
    for (const [line, reply] of session) {
      await input.fill(line);
      await input.press('Enter');
      await waitForText(page, `terminal-${MAIL}`, reply);
    }
    await screenshot(page, 'classroom-7-telnet');
    await page.locator('[data-testid="terminal-input"]').fill('tail /var/log/maillog');
    await page.locator('[data-testid="terminal-input"]').press('Enter');
    await waitForText(page, `terminal-${MAIL}`, /postfix\/local\[\d+\]: [0-9A-F]+: to=<ansible@mail\.example\.com>, orig_to=<ansible>/);
    // The new message lands in ansible's mailbox too.
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await openPanel(page, 'Mailbox');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="mailbox-row"]').length === 2, undefined, { timeout: 20_000 });
    await screenshot(page, 'classroom-8-after-telnet');
  });

  it('speaks Chinese and has a dark theme', async () => {
    await page.getByTestId('language').selectOption('zh-CN');
    await page.getByRole('tab', { name: '说明', exact: true }).click();
    await page.getByRole('tab', { name: '拓扑', exact: true }).waitFor();
    await screenshot(page, 'classroom-9-zh');
    await page.getByRole('button', { name: '深色主题' }).click();
    await screenshot(page, 'classroom-10-dark');
    expect(await page.evaluate(() => localStorage.getItem('mailsim.lang'))).toBe('zh-CN');
    await page.getByTestId('language').selectOption('en');
    await page.getByRole('button', { name: 'Light theme' }).click();
  });

  it('fits a 1080p projector and a narrow window', async () => {
    for (const [w, h, name] of [[1920, 1080, 'classroom-13-projector'], [820, 1100, 'classroom-14-narrow']] as const) {
      await page.setViewportSize({ width: w, height: h });
      await page.waitForTimeout(300);
      await screenshot(page, name);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
    }
    await page.setViewportSize({ width: 1366, height: 768 });
  });

  it('shows a crashed engine and reloads the scenario where it was', async () => {
    await key(page, 'End');
    const before = await page.evaluate(() => (window as unknown as { mailsimTest: { events(): number } }).mailsimTest.events());
    await page.evaluate(() => (window as unknown as { mailsimTest: { crash(): void } }).mailsimTest.crash());
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('The simulator stopped');
    await screenshot(page, 'classroom-11-crash');
    await page.getByRole('button', { name: 'Reload the scenario where it was' }).click();
    await page.getByRole('alert').waitFor({ state: 'detached' });
    // The lesson and everything typed since replay to the same trace, and the playhead returns.
    await page.waitForFunction((n) => (window as unknown as { mailsimTest: { shown(): number } }).mailsimTest.shown() === n, before, { timeout: 20_000 });
    await openPanel(page, 'Mailbox');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="mailbox-row"]').length === 2, undefined, { timeout: 20_000 });
    await screenshot(page, 'classroom-12-reloaded');
    // The crash itself was provoked; nothing else may have reached the console.
    expect(errors.filter((e) => !/mailsim test crash/.test(e))).toEqual([]);
  });
});
