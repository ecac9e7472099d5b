/**
 * Driving the preview like a person: the visible page (the top of the stack), taps by text,
 * WeChat's dialogs answered by their buttons, and screenshots of the phone.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { SCREENSHOTS } from './harness';

/** The page on top of the stack. */
export const top = (page: Page): Locator => page.locator('.wx-page-frame:not([hidden]) .wx-page');

/** Waits until the top page is `route` (and its first data has loaded when `text` is given). */
export async function onPage(page: Page, route: string, text?: string | RegExp): Promise<void> {
  await page.waitForFunction(`window.__preview.route() === ${JSON.stringify(route)}`, undefined, { timeout: 10_000 });
  if (text) await top(page).getByText(text).first().waitFor({ timeout: 10_000 });
}

/**
 * Taps (a real click: pointer events, then tap) what shows `text` on the top page, first scrolled to
 * the middle of the page as a person would, so bars fixed at the bottom do not cover it.
 */
export async function tapText(page: Page, text: string | RegExp, within?: string): Promise<void> {
  const scope = within ? top(page).locator(within) : top(page);
  await tap(scope.getByText(text).first());
}

export async function tap(target: Locator): Promise<void> {
  await target.waitFor({ timeout: 10_000 });
  await target.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await target.click();
}

/** The open WeChat dialog (modal, subscribe, payment, channels…). */
export const dialog = (page: Page): Locator => page.locator('.pv-overlays [role=dialog]').last();

/** Answers the open dialog with the button labelled `button`; returns what the dialog said. */
export async function answer(page: Page, button: string, kind?: string): Promise<string> {
  const d = kind ? page.locator(`.pv-overlays .pv-dialog--${kind}`).last() : dialog(page);
  await d.waitFor({ timeout: 10_000 });
  const said = await d.innerText();
  await d.getByRole('button', { name: button, exact: true }).click();
  return said;
}

/** The latest toast's text, once one shows. */
export async function toastText(page: Page): Promise<string> {
  const t = page.locator('.pv-toast').last();
  await t.waitFor({ timeout: 10_000 });
  return (await t.innerText()).trim();
}

/** The top page's data, as the page's own `this.data`. */
export const pageData = (page: Page): Promise<Record<string, unknown>> => page.evaluate('window.__preview.data()');

export const route = (page: Page): Promise<string> => page.evaluate('window.__preview.route()');

/**
 * Saves the phone (375×812) as docs/screenshots/<name>.png once the page has settled: from the
 * page's top, or scrolled to the element `at` names.
 */
export async function screenshot(page: Page, name: string, at?: string): Promise<string> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  // the page from its top, not a passing toast
  await page.locator('.pv-toast').waitFor({ state: 'detached', timeout: 5_000 });
  if (at) await top(page).locator(at).first().evaluate((el) => el.scrollIntoView({ block: 'start' }));
  else await top(page).evaluate((el) => el.scrollTo({ top: 0 }));
  await page.waitForTimeout(300);
  await page.locator('.pv-phone').screenshot({ path: file, animations: 'disabled' });
  return file;
}
