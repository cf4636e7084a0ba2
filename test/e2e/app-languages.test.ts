// The demo update walked in each language on a phone-sized screen (390×844): the browser's language picks
// the catalog, every visible string comes from it (no English left in German or Chinese), no text overflows
// its box, and the language menu switches and is remembered.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { readFileSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import {
  ROOT,
  collectPageErrors,
  launchChromium,
  serveBuiltApp,
  type ServedApp,
} from "../support/browser/launch.js";

type Catalog = Record<string, string>;
const catalog = (locale: string): Catalog => ({
  ...(JSON.parse(readFileSync(`${ROOT}src/i18n/locales/${locale}/app.json`, "utf8")) as Catalog),
  ...(JSON.parse(readFileSync(`${ROOT}src/i18n/locales/${locale}/errors.json`, "utf8")) as Catalog),
});
const english = catalog("en");

const LANGUAGES = [
  { locale: "en", browser: "en-US" },
  { locale: "de", browser: "de-DE" },
  { locale: "zh", browser: "zh-CN" },
] as const;

let browser: Browser;
let app: ServedApp;

beforeAll(async () => {
  [browser, app] = await Promise.all([launchChromium(), serveBuiltApp()]);
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Elements whose text is wider than their box (clipped or spilling), and whether the page scrolls sideways. */
async function overflows(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    if (document.documentElement.scrollWidth > window.innerWidth + 1) {
      found.push(`page is ${document.documentElement.scrollWidth}px wide`);
    }
    for (const el of Array.from(document.querySelectorAll<HTMLElement>("body *"))) {
      if (el.offsetParent === null || el.children.length > 0 || !el.textContent?.trim()) continue;
      const style = getComputedStyle(el);
      if (style.overflowX === "auto" || style.overflowX === "scroll") continue;
      // Visually hidden text (screen readers only) lives in a 1px clipped box on purpose.
      if (el.clientWidth <= 1 || el.closest(".visually-hidden")) continue;
      if (el.scrollWidth > el.clientWidth + 1) {
        found.push(`${el.tagName.toLowerCase()}.${el.className}: ${el.textContent.trim().slice(0, 60)}`);
      }
    }
    return found;
  });
}

/** English catalog strings (plain ones, not the same in the other language) found in the page's text. */
async function englishLeft(page: Page, own: Catalog): Promise<string[]> {
  const text = await page.evaluate(() => document.body.innerText);
  return Object.entries(english)
    .filter(([key, en]) => !/[{}]/.test(en) && /[a-z]{3}/.test(en) && own[key] !== en && en.length > 3)
    .map(([, en]) => en)
    .filter((en) => new RegExp(`(^|[^A-Za-z])${escape(en)}($|[^A-Za-z])`).test(text));
}

describe.each(LANGUAGES)("the demo update in $locale", ({ locale, browser: browserLocale }) => {
  test("follows the browser's language, fits a phone and leaves no English behind", async () => {
    const words = catalog(locale);
    const context = await browser.newContext({
      locale: browserLocale,
      viewport: { width: 390, height: 844 },
    });
    const page = await context.newPage();
    const errors = await collectPageErrors(page);
    await page.goto(app.url);
    await expect
      .poll(() => page.evaluate(() => document.documentElement.lang))
      .toBe(locale === "zh" ? "zh-CN" : locale);
    await page
      .getByRole("button", { name: new RegExp(escape(words["app.capabilities.link.demo"] ?? "?")) })
      .click();
    await page.getByRole("button", { name: words["app.firmware-panel.load-demo-firmware"] ?? "?" }).click();
    await expect
      .poll(() => page.locator("#firmware").innerText(), { timeout: 20_000 })
      .toMatch(/McuFlash demo key/);
    await page.getByRole("button", { name: words["app.update-panel.start-update"] ?? "?" }).click();
    const done = (words["app.outcome-text.now-running"] ?? "?").replace("{imageVersion}", "1.1.0");
    await expect
      .poll(() => page.locator("#update").innerText(), { timeout: 90_000, interval: 500 })
      .toContain(done);
    await page.screenshot({ path: `/tmp/app-${locale}-390.png`, fullPage: true });
    expect(await overflows(page)).toEqual([]);
    if (locale !== "en") {
      const left = await englishLeft(page, words);
      if (left.length > 0) console.log(await page.evaluate(() => document.body.innerText));
      expect(left).toEqual([]);
    }
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);
});

test("the language menu switches the app and is remembered", async () => {
  const context = await browser.newContext({ locale: "en-US", viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await page.goto(app.url);
  await page.getByRole("combobox", { name: "Language" }).selectOption("de");
  await expect.poll(() => page.locator("#connect").innerText()).toContain("Verbinden");
  expect(await page.evaluate(() => document.documentElement.lang)).toBe("de");
  await page.reload();
  await expect.poll(() => page.locator("#connect").innerText()).toContain("Verbinden");
  await context.close();
}, 60_000);
