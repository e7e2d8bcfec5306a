/**
 * The built site carries a Content-Security-Policy that forbids inline scripts and eval (the
 * meta tag in index.html), and the app does everything a class does under it without a single
 * violation: the engine worker, every view, a terminal, playing the timeline, the Share dialog.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, serveDist, watchErrors, type Site } from './browser';

/** Records every securitypolicyviolation event, from the first script on. */
async function watchViolations(page: Page): Promise<() => Promise<string[]>> {
  const console: string[] = [];
  page.on('console', (m) => {
    if (/Content.Security.Policy|Refused to/i.test(m.text())) console.push(m.text());
  });
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
  });
  return async () => [...console, ...(await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations))];
}

describe('Content-Security-Policy', () => {
  let site: Site;
  let browser: Browser;

  beforeAll(async () => {
    site = await serveDist();
    browser = await launch();
  });

  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  it('is in the built page: no inline script, no eval', () => {
    const html = readFileSync('dist/index.html', 'utf8');
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
    const scripts = /script-src ([^;]+)/.exec(csp)?.[1] ?? /default-src ([^;]+)/.exec(csp)?.[1] ?? '';
    expect(scripts).toContain("'self'");
    expect(scripts).not.toMatch(/unsafe-inline|unsafe-eval|data:|\*/);
    expect(csp).toMatch(/object-src 'none'/);
    // And the build put no script inline.
    expect(html.match(/<script(?![^>]*\bsrc=)[^>]*>/g) ?? []).toEqual([]);
  });

  it('blocks an inline script, and eval in the page\'s own scripts', async () => {
    const page = await browser.newPage();
    const violations = await watchViolations(page);
    // A same-origin script (allowed) that tries eval (forbidden). DevTools' own evaluation is
    // exempt from the policy, so the attempt has to come from a script of the page.
    await page.route('**/csp-probe.js', (route) =>
      route.fulfill({ contentType: 'text/javascript', body: "try { eval('1 + 1'); window.__evalRan = true; } catch (e) { window.__evalRan = false; }" }),
    );
    await page.goto(site.url);
    await page.evaluate(() => {
      const inline = document.createElement('script');
      inline.textContent = 'window.__inlineRan = true';
      document.head.append(inline);
      const probe = document.createElement('script');
      probe.src = './csp-probe.js';
      document.head.append(probe);
    });
    await page.waitForFunction(() => (window as unknown as { __evalRan?: boolean }).__evalRan !== undefined);
    const ran = await page.evaluate(() => {
      const w = window as unknown as { __inlineRan?: boolean; __evalRan?: boolean };
      return { inline: w.__inlineRan === true, eval: w.__evalRan };
    });
    expect(ran).toEqual({ inline: false, eval: false });
    expect((await violations()).length).toBeGreaterThanOrEqual(2);
    await page.close();
  });

  it('lets the app do a lesson without any violation', { timeout: 120_000 }, async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    const violations = await watchViolations(page);
    const errors = watchErrors(page);
    await page.goto(site.url);
    await page.locator('[data-testid="status"][data-ready="true"]').waitFor({ state: 'attached', timeout: 60_000 });
    await page.getByRole('combobox', { name: 'Speed' }).selectOption('64');
    await page.getByTestId('play').click();
    await page.waitForTimeout(1500);
    for (const name of ['Sequence', 'Statechart', 'Webmail', 'Editor', 'Scenario', 'Topology']) {
      const tab = page.getByRole('tab', { name, exact: true });
      if ((await tab.count()) === 0) continue;
      await tab.click();
      await page.waitForTimeout(400);
    }
    const input = page.getByTestId('terminal-input');
    if ((await input.count()) > 0) {
      await input.first().fill('postconf -n');
      await input.first().press('Enter');
      await page.waitForTimeout(800);
    }
    const share = page.getByTestId('share');
    if ((await share.count()) > 0) {
      await share.click();
      await page.waitForTimeout(800);
      await page.keyboard.press('Escape');
    }
    expect(await violations()).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });
});
