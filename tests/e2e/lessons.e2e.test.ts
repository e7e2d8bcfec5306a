/**
 * The lesson library and the guided steps in headless Chromium: choose a lesson with the
 * keyboard, read its steps in either language, see why a step is not done (as the engine in the
 * worker judges it), reveal the hint and the solution, let the page do the solution and see the
 * step checked; a scenario file with mistakes is refused at its paths. Work in progress comes
 * back after a reload — typed commands, views, position — and can be discarded.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { pressKey, textOf, typeLine, waitForText, waitReady } from './appPage';
import { launch, screenshot, serveDist, watchErrors, type Site } from './browser';

const MAIL = 'mail.example.com';

describe('lessons, languages and saved work', () => {
  let site: Site;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    site = await serveDist();
    browser = await launch();
    context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    page = await context.newPage();
    errors = watchErrors(page);
    await page.goto(site.url);
    await waitReady(page);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await site?.close();
  });

  const stepStates = () => page.getByTestId('lesson-step').evaluateAll((steps) => steps.map((s) => s.getAttribute('data-state')));

  it('opens with the default lesson\'s steps, the first one done further on in the timeline', async () => {
    expect(await page.locator('#side-tab-lesson').getAttribute('aria-selected')).toBe('true');
    await waitForText(page, 'lesson-progress', '0 of 4 steps done');
    expect(await stepStates()).toEqual(['later', 'todo', 'todo', 'todo']);
    // Played to the end, the class has watched it: the step is done.
    await pressKey(page, 'End');
    await page.waitForFunction(() => document.querySelector('[data-testid="lesson-step"]')?.getAttribute('data-state') === 'done');
    expect(await textOf(page, 'lesson-progress')).toBe('1 of 4 steps done');
    expect(await page.locator('#side-tab-lesson').textContent()).toContain('1/4');
    await screenshot(page, 'lessons-1-default');
  });

  it('chooses a lesson from the library with the keyboard', async () => {
    await page.getByTestId('lesson-title').focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('library').waitFor();
    await screenshot(page, 'lessons-2-library');
    // The dialog starts on the first lesson; Tab goes down the list, Enter opens.
    for (let i = 0; i < 3; i++) await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('lesson-relay');
    await page.keyboard.press('Enter');
    await page.getByTestId('library').waitFor({ state: 'detached' });
    await waitReady(page);
    expect(await textOf(page, 'lesson-title')).toContain('Open relay and mynetworks');
    await waitForText(page, 'lesson-progress', '0 of 2 steps done');
  });

  it('says why a step is not done, reveals hint and solution, and does the solution', async () => {
    const steps = page.getByTestId('lesson-steps');
    await waitForText(page, 'lesson-steps', 'Not yet: mail.example.com would still accept mail for carol@example.net from 10.0.0.8.');
    await steps.getByRole('button', { name: 'Hint' }).click();
    expect(await textOf(page, 'lesson-steps')).toContain("postconf -e 'mynetworks = 127.0.0.0/8, 192.168.1.0/24'");
    await steps.getByRole('button', { name: 'Solution' }).first().click();
    expect(await textOf(page, 'lesson-steps')).toMatch(/mail\.example\.com\s*\$\s*postfix reload/);
    await screenshot(page, 'lessons-3-solution');
    await steps.getByTestId('apply-solution').first().click();
    await page.waitForFunction(() => document.querySelector('[data-testid="lesson-step"]')?.getAttribute('data-state') === 'done', undefined, { timeout: 30_000 });
    await waitForText(page, 'lesson-progress', '1 of 2 steps done');
    // Done as a student would: the lines were typed in mail.example.com's terminal.
    expect(await textOf(page, `terminal-${MAIL}`)).toContain('# postfix reload');
    await screenshot(page, 'lessons-4-step-done');
  });

  it('switches every visible text to Chinese and back, and remembers the choice', async () => {
    await page.getByTestId('language').selectOption('zh-CN');
    await waitForText(page, 'lesson-steps', '地址为 10.0.0.8 的笔记本并不属于我们');
    expect(await textOf(page, 'lesson-title')).toContain('开放中继与 mynetworks');
    expect(await page.locator('#side-tab-lesson').textContent()).toContain('课程');
    expect(await textOf(page, 'share')).toContain('分享');
    expect(await textOf(page, 'lesson-progress')).toBe('已完成 1/2 步');
    await screenshot(page, 'lessons-5-zh');
    expect(await page.evaluate(() => localStorage.getItem('mailsim.lang'))).toBe('zh-CN');
    await page.getByTestId('language').selectOption('en');
    await waitForText(page, 'lesson-steps', 'The laptop at 10.0.0.8 is not ours');
  });

  it('refuses a scenario file with mistakes, at their paths', async () => {
    await page.getByTestId('lesson-title').click();
    const input = page.getByTestId('import-file');
    await input.setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{\n  "version": 2,\n  "hosts": [,]\n}') });
    await waitForText(page, 'import-error', 'broken.json is not valid JSON (line 3, column 13)');
    const bad = { version: 2, hosts: [{ name: 'mail.example.com', addresses: ['192.168.1.300/24'] }, { name: '<b>x</b>', addresses: [] }] };
    await input.setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bad)) });
    const text = await waitForText(page, 'import-error', 'bad.json is not a valid scenario');
    expect(text).toContain('hosts[0].addresses[0]');
    expect(text).toContain('hosts[1].name');
    await screenshot(page, 'lessons-6-file-errors');
    await page.keyboard.press('Escape');
    // Nothing was loaded.
    expect(await textOf(page, 'lesson-title')).toContain('Open relay and mynetworks');
  });

  it('brings the work back after a reload, says what it is, and can discard it', async () => {
    await typeLine(page, MAIL, 'echo saved before the reload', /^saved before the reload$/m);
    await page.getByRole('tab', { name: 'Sequence', exact: true }).click();
    await page.getByRole('tab', { name: 'Queue', exact: true }).click();
    // The autosave writes shortly after a change; the place when the page goes away.
    await page.waitForTimeout(1500);
    await page.reload();
    await waitReady(page);
    await waitForText(page, 'notice', 'Your work is back: Open relay and mynetworks.');
    const notice = await textOf(page, 'notice');
    expect(notice).toContain('3 action(s) taken');
    await waitForText(page, `terminal-${MAIL}`, /^saved before the reload$/m);
    expect(await page.locator('#view-tab-sequence').getAttribute('aria-selected')).toBe('true');
    expect(await page.locator('#side-tab-queue').getAttribute('aria-selected')).toBe('true');
    // The step done before the reload is still done.
    await page.locator('#side-tab-lesson').click();
    await waitForText(page, 'lesson-progress', '1 of 2 steps done');
    await screenshot(page, 'lessons-7-restored');

    await page.getByTestId('discard-work').click();
    await waitReady(page);
    await waitForText(page, 'lesson-progress', '0 of 2 steps done');
    expect(await textOf(page, `terminal-${MAIL}`)).not.toContain('saved before the reload');
    await page.waitForTimeout(1500);
    await page.reload();
    await waitReady(page);
    // The lesson as it comes: nothing to announce.
    expect(await page.getByTestId('notice').count()).toBe(0);
    expect(await textOf(page, 'lesson-title')).toContain('Open relay and mynetworks');
    expect(errors).toEqual([]);
  });
});
