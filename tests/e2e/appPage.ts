/**
 * What the lesson and sharing tests do to the page again and again: wait until the engine has
 * computed the scenario, wait for a text, type a line in a host's terminal.
 */
import type { Page } from 'playwright-core';

/** The engine is quiet and the timeline knows its end. */
export async function waitReady(page: Page): Promise<void> {
  await page.locator('[data-testid="status"][data-ready="true"]').waitFor({ state: 'attached', timeout: 30_000 });
}

export async function textOf(page: Page, testId: string): Promise<string> {
  const loc = page.getByTestId(testId);
  return (await loc.count()) > 0 ? ((await loc.first().textContent()) ?? '') : '';
}

export async function waitForText(page: Page, testId: string, expected: string | RegExp, timeout = 20_000): Promise<string> {
  const started = Date.now();
  for (;;) {
    const got = await textOf(page, testId);
    if (typeof expected === 'string' ? got.includes(expected) : expected.test(got)) return got;
    if (Date.now() - started > timeout) throw new Error(`${testId}: waited for ${String(expected)}, have:\n${got.slice(-800)}`);
    await page.waitForTimeout(50);
  }
}

/** Types a line in the terminal of `host` and waits for `reply` on its screen. */
export async function typeLine(page: Page, host: string, line: string, reply: string | RegExp): Promise<void> {
  await page.locator('#term-panel').waitFor();
  await page.locator(`[id="term-tab-${host}#1"]`).click();
  const input = page.getByTestId('terminal-input');
  await input.fill(line);
  await input.press('Enter');
  await waitForText(page, `terminal-${host}`, reply);
}

/** A page shortcut key, with nothing focused (a focused tab list would take the arrows). */
export async function pressKey(page: Page, key: string): Promise<void> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur?.());
  await page.keyboard.press(key);
}
