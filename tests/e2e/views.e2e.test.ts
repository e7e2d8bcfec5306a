/**
 * The other views of the same trace in headless Chromium: the sequence diagram, the live
 * statechart, the webmail (read and send), the config file editor with Postfix's warnings, and
 * the scenario editor's validation at the field.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, screenshot, serveDist, watchErrors, type Site } from './browser';

async function view(page: Page, name: string): Promise<void> {
  await page.getByRole('tab', { name, exact: true }).click();
}

async function waitText(page: Page, testId: string, expected: string | RegExp, timeout = 20_000): Promise<string> {
  const loc = page.getByTestId(testId);
  const started = Date.now();
  for (;;) {
    const got = (await loc.count()) > 0 ? ((await loc.first().textContent()) ?? '') : '';
    if (typeof expected === 'string' ? got.includes(expected) : expected.test(got)) return got;
    if (Date.now() - started > timeout) throw new Error(`${testId}: waited for ${String(expected)}, have:\n${got.slice(-600)}`);
    await page.waitForTimeout(50);
  }
}

describe('the other views', () => {
  let site: Site;
  let browser: Browser;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    site = await serveDist();
    browser = await launch();
    page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    errors = watchErrors(page);
    await page.goto(site.url);
    await page.locator('[data-testid="status"][data-ready="true"]').waitFor({ state: 'attached' });
    await page.getByRole('button', { name: 'To the end (End)' }).click();
  });

  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  it('draws the lesson as a sequence diagram', async () => {
    await view(page, 'Sequence');
    const text = await waitText(page, 'sequence', 'permit_mynetworks: permit');
    for (const label of ['connect :25', 'helo ws.example.com', 'PTR? 23.1.168.192.in-addr.arpa.', '221 2.0.0 Bye', 'staff → ansible, alice']) expect(text).toContain(label);
    await screenshot(page, 'views-1-sequence');
  });

  it('lights the current state of smtpd in its statechart', async () => {
    await view(page, 'Statechart');
    await waitText(page, 'statechart', 'ready');
    await page.getByRole('button', { name: 'To the start (Home)' }).click();
    // Step to the moment smtpd is receiving the message text.
    for (let i = 0; i < 40; i++) {
      const label = (await page.locator('[data-testid="statechart"] svg').getAttribute('aria-label')) ?? '';
      if (/now in state data$/.test(label)) break;
      await page.getByRole('button', { name: 'Step forward (→)' }).click();
      await page.waitForTimeout(300);
    }
    expect(await page.locator('[data-testid="statechart"] svg').getAttribute('aria-label')).toMatch(/smtpd, now in state data$/);
    await screenshot(page, 'views-2-statechart');
    await page.getByRole('button', { name: 'To the end (End)' }).click();
  });

  it('reads the inbox and sends a message from the webmail', async () => {
    await view(page, 'Webmail');
    await page.getByLabel('User').fill('ansible');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await waitText(page, 'webmail', 'How are you these days?');
    await page.getByRole('button', { name: 'How are you these days?' }).click();
    await waitText(page, 'webmail', 'Are you fine?');
    await screenshot(page, 'views-3-webmail');
    await page.getByRole('button', { name: 'Write' }).click();
    await page.getByLabel('To', { exact: true }).fill('ansible@example.com');
    await page.getByLabel('Subject').fill('Lunch?');
    await page.getByLabel('Message').fill('At noon.');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await waitText(page, 'webmail', 'Handed to the server');
    // The class watches it travel; at the end it is in the inbox.
    await page.getByRole('combobox', { name: 'Speed' }).selectOption('16');
    await waitText(page, 'webmail', 'Lunch?', 30_000);
    await screenshot(page, 'views-4-webmail-sent');
  });

  it('shows what postconf says about a bad main.cf line, at the line', async () => {
    await view(page, 'Config files');
    const area = page.getByLabel('Contents of /etc/postfix/main.cf');
    await area.waitFor();
    await page.waitForFunction(() => ((document.querySelector('[data-testid="config-editor"] textarea') as HTMLTextAreaElement | null)?.value ?? '').includes('myhostname'));
    await area.press('Control+End');
    await area.pressSequentially('\nthis line has no equals sign\nsmtpd_helo_required = maybe\n');
    const text = await waitText(page, 'config-editor', "missing '=' after attribute name");
    expect(text).toContain('bad boolean configuration: smtpd_helo_required = maybe');
    await screenshot(page, 'views-5-editor');
  });

  it('validates the scenario at the field', async () => {
    await view(page, 'Scenario');
    const cidr = page.getByLabel('Network (CIDR)');
    await cidr.fill('192.168.1.0/33');
    const text = await waitText(page, 'scenario-editor', 'networks[0].cidr');
    expect(text).toMatch(/error\(s\) to fix before applying/);
    expect(await page.getByRole('button', { name: 'Apply (restart the lesson)' }).isDisabled()).toBe(true);
    await screenshot(page, 'views-6-scenario');
    await cidr.fill('192.168.1.0/24');
    await waitText(page, 'scenario-editor', 'The scenario is valid.');
    expect(errors).toEqual([]);
  });
});
