import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launch, screenshot, serveDist, watchErrors, type Site } from './browser';

describe('the built site', () => {
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

  it('loads from a sub-path without console errors', async () => {
    const page = await browser.newPage();
    const errors = watchErrors(page);
    await page.goto(site.url);
    await expect(page.locator('h1').first().textContent()).resolves.toContain('mailsim');
    await screenshot(page, 'load');
    expect(errors).toEqual([]);
  });
});
