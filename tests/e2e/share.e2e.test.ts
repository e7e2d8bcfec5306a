/**
 * Sharing in headless Chromium: a teacher changes the lesson (a host added in the scenario
 * editor, main.cf changed in a terminal), moves the timeline, opens views, switches language and
 * shares; the QR code decodes back to the link; a fresh browser opening the link finds the same
 * hosts, settings, position, views and language. Links stay within their lengths; a link beyond
 * 2,000 characters offers the file instead, and the file comes back. Broken and hostile links
 * show their message and the default lesson, and run nothing.
 */
import jsQR from 'jsqr';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { compress } from '../../src/share/urlCodec';
import { pressKey, textOf, typeLine, waitForText, waitReady } from './appPage';
import { launch, screenshot, serveDist, watchErrors, type Site } from './browser';

const MAIL = 'mail.example.com';
const VIEWPORT = { width: 1366, height: 768 };

/** The part of a link after the origin: what the length targets count. */
const afterOrigin = (link: string) => {
  const url = new URL(link);
  return url.pathname + url.search + url.hash;
};

async function shareLink(page: Page): Promise<string> {
  await page.getByTestId('share').click();
  await page.getByTestId('share-link').waitFor();
  return page.getByTestId('share-link').inputValue();
}

async function closeDialog(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
  await page.locator('dialog[open]').waitFor({ state: 'detached' });
}

/** The QR code as the canvas shows it, decoded by jsQR. */
async function decodeQr(page: Page): Promise<string | undefined> {
  const image = await page.getByTestId('qr').evaluate((canvas: HTMLCanvasElement) => {
    const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
    return { width: data.width, height: data.height, pixels: Array.from(data.data) };
  });
  return jsQR(Uint8ClampedArray.from(image.pixels), image.width, image.height)?.data;
}

describe('sharing a scenario', () => {
  let site: Site;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  /** A fresh browser profile: nothing saved from another test. */
  async function freshPage(): Promise<{ page: Page; errors: string[] }> {
    const context = await browser.newContext({ viewport: VIEWPORT });
    contexts.push(context);
    const page = await context.newPage();
    return { page, errors: watchErrors(page) };
  }

  beforeAll(async () => {
    site = await serveDist();
    browser = await launch();
  });

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await site?.close();
  });

  it('keeps a lesson link under 100 characters after the origin, with its QR code', async () => {
    const { page, errors } = await freshPage();
    await page.goto(site.url);
    await waitReady(page);
    const link = await shareLink(page);
    expect(afterOrigin(link)).toMatch(/^\/teachers\/ms-li\/mailsim\/#L=telnet&lang=en$/);
    expect(afterOrigin(link).length).toBeLessThanOrEqual(100);
    expect(await decodeQr(page)).toBe(link);
    await screenshot(page, 'share-1-lesson-link');
    expect(errors).toEqual([]);
  });

  it('opens a shared, modified lesson in a fresh browser with the same hosts, settings, position, views and language', async () => {
    const { page, errors } = await freshPage();
    await page.goto(site.url);
    await waitReady(page);

    // A host added in the scenario editor.
    await page.getByRole('tab', { name: 'Scenario', exact: true }).click();
    await page.getByRole('button', { name: 'Add a host' }).click();
    await waitForText(page, 'scenario-editor', 'The scenario is valid.');
    await page.getByRole('button', { name: 'Apply (restart the lesson)' }).click();
    await waitForText(page, 'scenario-editor', 'Applied');
    await waitReady(page);
    // main.cf changed the way a student does it.
    await typeLine(page, MAIL, "postconf -e 'mynetworks = 127.0.0.0/8, 192.168.1.0/24'", "# postconf -e 'mynetworks = 127.0.0.0/8, 192.168.1.0/24'");
    await typeLine(page, MAIL, 'postfix reload', 'postfix/postfix-script: refreshing the Postfix mail system');
    await waitReady(page);
    // A position in the middle of the timeline, a view and a panel, and the other language.
    await pressKey(page, 'End');
    for (let i = 0; i < 6; i++) await pressKey(page, 'ArrowLeft');
    await page.getByRole('tab', { name: 'Sequence', exact: true }).click();
    await page.getByRole('tab', { name: 'Maillog', exact: true }).click();
    await page.getByTestId('language').selectOption('zh-CN');
    const clock = await textOf(page, 'clock');

    const link = await shareLink(page);
    expect(link).toContain('#S=');
    expect(afterOrigin(link).length).toBeLessThanOrEqual(1000);
    expect(await decodeQr(page)).toBe(link);
    await screenshot(page, 'share-2-modified-link');
    await closeDialog(page);
    expect(errors).toEqual([]);

    const fresh = await freshPage();
    const student = fresh.page;
    await student.goto(link);
    await waitReady(student);
    await student.waitForFunction((c) => document.querySelector('[data-testid="clock"]')?.textContent === c, clock, { timeout: 20_000 });
    // The hosts, the views and the language of the teacher's page.
    expect(await student.locator('[id^="term-tab-"]').allTextContents()).toEqual(['ws.example.com', 'mail.example.com', 'host3.example.com']);
    expect(await student.getByTestId('topology').count()).toBe(0);
    expect(await student.locator('#view-tab-sequence').getAttribute('aria-selected')).toBe('true');
    expect(await student.locator('#side-tab-maillog').getAttribute('aria-selected')).toBe('true');
    expect(await student.getByTestId('language').inputValue()).toBe('zh-CN');
    expect(await textOf(student, 'notice')).toContain('已打开分享的链接');
    // The link leaves the address once opened: a reload brings back the student's own work.
    expect(new URL(student.url()).hash).toBe('');
    await screenshot(student, 'share-3-opened');
    // The setting the teacher changed, as Postfix uses it.
    await typeLine(student, MAIL, 'postconf mynetworks', 'mynetworks = 127.0.0.0/8, 192.168.1.0/24');
    expect(await textOf(student, `terminal-${MAIL}`)).toContain("postconf -e 'mynetworks = 127.0.0.0/8, 192.168.1.0/24'");
    expect(fresh.errors).toEqual([]);
  });

  it('offers the file instead of a link beyond 2,000 characters, and the file opens again', async () => {
    const { page, errors } = await freshPage();
    await page.goto(`${site.url}#e2e`);
    await waitReady(page);
    // Text that does not compress: a long link.
    const noise = Array.from({ length: 1600 }, (_, i) => ((i * 7919 + 13) % 65_521).toString(36)).join('');
    const big = { version: 2, title: 'A large scenario', hosts: [{ name: 'big.example.com', addresses: ['10.1.0.1/24'], files: { '/etc/motd': noise } }] };
    await page.evaluate((s) => (window as unknown as { mailsimTest: { load(s: unknown): Promise<boolean> } }).mailsimTest.load(s), big);
    await waitReady(page);
    await page.getByTestId('share').click();
    await page.getByTestId('share-too-long').waitFor();
    expect(await textOf(page, 'share-too-long')).toMatch(/more than 2000/);
    expect(await page.getByTestId('qr').count()).toBe(0);
    await screenshot(page, 'share-4-too-long');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-file').click()]);
    expect(download.suggestedFilename()).toBe('mailsim-a-large-scenario.json');
    const file = readFileSync((await download.path())!, 'utf8');
    expect(JSON.parse(file)).toMatchObject(big);
    await closeDialog(page);

    // The file opens in another browser from the lesson library.
    const other = await freshPage();
    await other.page.goto(site.url);
    await waitReady(other.page);
    await other.page.getByTestId('lesson-title').click();
    await other.page.getByTestId('import-file').setInputFiles({ name: 'mailsim-a-large-scenario.json', mimeType: 'application/json', buffer: Buffer.from(file) });
    await other.page.getByTestId('library').waitFor({ state: 'detached' });
    await waitReady(other.page);
    expect(await textOf(other.page, 'lesson-title')).toContain('A large scenario');
    expect(await other.page.locator('[id^="term-tab-"]').allTextContents()).toEqual(['big.example.com']);
    expect([...errors, ...other.errors]).toEqual([]);
  });

  it('shows a broken link\'s message and the default lesson', async () => {
    const { page, errors } = await freshPage();
    await page.goto(`${site.url}#S=AAAA`);
    await waitReady(page);
    await page.getByRole('alert').filter({ hasText: 'This link could not be opened' }).waitFor();
    expect(await textOf(page, 'notice')).toContain('it is damaged; perhaps it was cut short when it was copied.');
    expect(await textOf(page, 'notice')).toContain('The default lesson is shown instead.');
    expect(await textOf(page, 'lesson-title')).toContain('Local delivery over telnet');
    await screenshot(page, 'share-5-broken-link');
    // A huge link is refused before it is unpacked.
    await page.evaluate((data) => (location.hash = `#S=${data}`), 'A'.repeat(250_000));
    await waitForText(page, 'notice', 'it is 250002 characters long, far more than a scenario needs.');
    // The page logs why (a warning, not an error).
    expect(errors).toEqual([]);
  });

  it('says it in the page\'s language, for a lesson that does not exist', async () => {
    const { page } = await freshPage();
    await page.goto(site.url);
    await waitReady(page);
    await page.getByTestId('language').selectOption('zh-CN');
    await page.evaluate(() => (location.hash = '#L=nosuch'));
    await waitForText(page, 'notice', /无法打开这个链接。\s*它指向的课程不存在（“nosuch”）。\s*现在显示的是默认课程。/);
    await screenshot(page, 'share-6-broken-link-zh');
  });

  it('shows names with markup as text and runs nothing from a hostile link', async () => {
    const { page, errors } = await freshPage();
    const title = '<img src=x onerror="window.pwned=1"><script>window.pwned=2</script>';
    const payload = { v: 1, s: { version: 2, title, hosts: [{ name: 'mail.example.com', addresses: ['192.168.1.1/24'], main_cf: {} }] } };
    await page.goto(`${site.url}#S=${await compress(JSON.stringify(payload))}`);
    await waitReady(page);
    await waitForText(page, 'notice', 'Opened a shared link');
    expect(await textOf(page, 'lesson-title')).toContain(title);
    expect(await textOf(page, 'notice')).toContain(title);
    expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('opens a link pasted into the address of a page already open', async () => {
    const { page } = await freshPage();
    await page.goto(site.url);
    await waitReady(page);
    await page.evaluate(() => (location.hash = '#L=relay&p=maillog'));
    await waitForText(page, 'lesson-title', 'Open relay and mynetworks');
    await waitReady(page);
    expect(await page.locator('#side-tab-maillog').getAttribute('aria-selected')).toBe('true');
    expect(new URL(page.url()).hash).toBe('');
  });
});
