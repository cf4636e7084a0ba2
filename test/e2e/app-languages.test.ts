// The demo update walked in each language on a phone-sized screen (390×844): the browser's language picks
// the catalog, every visible string comes from it (no English left in German or Chinese), no text overflows
// its box, and the language menu switches and is remembered.
//
// "No English left" is checked twice: against the English catalog (a message shown untranslated), and against
// what the English walk itself showed, every panel unfolded (a word that never reached a catalog: a literal
// in the code shows the same in every language). Lines that are the device's or the image's own data are the
// same in every language by right; DATA lists them.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { readFileSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { LANGUAGE_NAMES } from "../../src/i18n/locales.js";
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
function englishLeft(text: string, own: Catalog): string[] {
  const found = (en: string, within: string) =>
    new RegExp(`(^|[^A-Za-z])${escape(en)}($|[^A-Za-z])`).test(within);
  const ownText = Object.values(own).join("\n");
  return Object.entries(english)
    .filter(([key, en]) => !/[{}]/.test(en) && /[a-z]{3}/.test(en) && own[key] !== en && en.length > 3)
    .map(([, en]) => en)
    .filter((en) => found(en, text) && !found(en, ownText)); // "Test" is a German word too
}

/**
 * The demo's own data, the same in every language: the demo key's name, the device's os info and hardware,
 * file names, versions, hashes, algorithm names, and each language's own name in the language menu. Removed
 * from a line before it is checked. (`<code>` holds identifiers and is not read at all.)
 */
const DATA: readonly RegExp[] = [
  /McuFlash demo key/g,
  /Zephyr mcuflash-demo .*$/g,
  /nrf52840dk\/nrf52840|cortex-m4|\barm\b/g,
  /[\w.-]+\.(bin|hex|zip)\b/g,
  /\b(ED25519|ECDSA-P256|RSA-\d+|SHA-?256|SHA-384)\b/gi,
  /\b[0-9a-f]{8,}…?/g,
  new RegExp(`^(${Object.values(LANGUAGE_NAMES).join("|")})$`, "g"),
];

function withoutData(line: string): string {
  return DATA.reduce((rest, pattern) => rest.replace(pattern, " "), line).trim();
}

/** Every line the page shows, with every panel unfolded and every folded detail opened; `<code>` left out. */
async function everyLine(page: Page): Promise<string[]> {
  const folded = page.locator('.panel-toggle[aria-expanded="false"]');
  while ((await folded.count()) > 0) await folded.first().click();
  const text = await page.evaluate(() => {
    for (const details of document.querySelectorAll("details")) details.open = true;
    // innerText skips what is not visible: the identifiers in <code> stay out, the layout stays as it is.
    // (Through the CSSOM: the app's CSP allows no inline <style>.)
    const codes = [...document.querySelectorAll<HTMLElement>("code")];
    for (const code of codes) code.style.visibility = "hidden";
    const shown = document.body.innerText;
    for (const code of codes) code.style.removeProperty("visibility");
    return shown;
  });
  return text
    .split("\n")
    .map((line) => withoutData(line.trim()))
    .filter((line) => /\p{L}{2}/u.test(line));
}

/** Words only (letters of any script), lower-cased: "Demo-Gerät (Bluetooth)" → demo, gerät, bluetooth. */
function words(text: string): string[] {
  return text.toLowerCase().match(/\p{L}+/gu) ?? [];
}

/**
 * What the English walk showed that the other language shows unchanged: whole lines, and English words inside
 * translated lines. A line or word the other language's own catalog also has (a product name, "Hardware") is
 * its word too.
 */
function untranslated(englishLines: readonly string[], lines: readonly string[], own: Catalog): string[] {
  const ownText = Object.values(own).join("\n");
  const ownWords = new Set(words(ownText));
  const englishWords = new Set(
    englishLines.flatMap((line) => words(line).filter((w) => /^[a-z]{3,}$/.test(w))),
  );
  const seen = new Set(englishLines);
  const found: string[] = [];
  for (const line of lines) {
    if (!/[A-Za-z]{2}/.test(line)) continue;
    if (seen.has(line) && !ownText.includes(line)) {
      found.push(line);
      continue;
    }
    const foreign = words(line).filter((w) => englishWords.has(w) && !ownWords.has(w));
    if (foreign.length > 0) found.push(`${line}  [${foreign.join(", ")}]`);
  }
  return found;
}

let englishWalk: Promise<string[]> | undefined;

/** The walk in one language: the lines shown before connecting and at the end, everything unfolded; checks
 * on the way that nothing overflows and the page raised no error. */
async function walk(locale: string, browserLocale: string): Promise<string[]> {
  const own = catalog(locale);
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
    .getByRole("button", { name: new RegExp(escape(own["app.capabilities.link.bluetooth"] ?? "?")) })
    .waitFor();
  const before = await everyLine(page);
  await page.screenshot({ path: `/tmp/app-${locale}-390-start.png`, fullPage: true });
  await page
    .getByRole("button", { name: new RegExp(escape(own["app.capabilities.link.demo"] ?? "?")) })
    .click();
  await page.getByRole("button", { name: own["app.firmware-panel.load-demo-firmware"] ?? "?" }).click();
  await expect
    .poll(() => page.locator("#firmware").innerText(), { timeout: 20_000 })
    .toMatch(/McuFlash demo key/);
  await page.getByRole("button", { name: own["app.update-panel.start-update"] ?? "?" }).click();
  const done = (own["app.outcome-text.now-running"] ?? "?").replace("{imageVersion}", "1.1.0");
  await expect
    .poll(() => page.locator("#update").innerText(), { timeout: 90_000, interval: 500 })
    .toContain(done);
  await page.screenshot({ path: `/tmp/app-${locale}-390.png`, fullPage: true });
  expect(await overflows(page)).toEqual([]);
  // The history, device, keys and tools panels too, each attempt and detail open.
  await page.locator("#history .history-item").first().waitFor();
  const after = await everyLine(page);
  await page.screenshot({ path: `/tmp/app-${locale}-390-unfolded.png`, fullPage: true });
  expect(await overflows(page)).toEqual([]);
  const text = await page.evaluate(() => document.body.innerText);
  if (locale !== "en") expect(englishLeft(text, own)).toEqual([]);
  expect(errors).toEqual([]);
  await context.close();
  return [...before, ...after];
}

describe.each(LANGUAGES)("the demo update in $locale", ({ locale, browser: browserLocale }) => {
  test("follows the browser's language, fits a phone and leaves no English behind", async () => {
    englishWalk ??= walk("en", "en-US");
    const english = await englishWalk;
    expect(english.length).toBeGreaterThan(50);
    if (locale === "en") return;
    const lines = await walk(locale, browserLocale);
    const left = untranslated(english, lines, catalog(locale));
    if (left.length > 0) console.log(lines.join("\n"));
    expect(left).toEqual([]);
  }, 240_000);
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
