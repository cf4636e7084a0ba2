// The vendor install flow walked in English, German and Simplified Chinese on a phone-sized screen (390×844),
// over the fake Web Serial to a simulated device: the install page (?manifest=, language from the browser) and
// <mcuflash-install> on a vendor's page (language from the page or the element's `lang`). Each walk fails on
// English left behind (catalog words or literals the catalogs never had), on text that overflows its box, and
// on serious axe findings. Set MCUFLASH_SCREENSHOTS=<dir> to keep a screenshot of each end state.

import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { seriousViolations } from "../support/browser/axe.js";
import { buildEmbed } from "../support/browser/embed-build.js";
import { builtAppMount } from "../support/browser/install-app-page.js";
import { writeVendorFiles, writeVendorPage, type VendorFiles } from "../support/browser/install-fixtures.js";
import { startInstallServer, type InstallServer } from "../support/browser/install-server.js";
import { collectPageErrors, launchChromium } from "../support/browser/launch.js";
import {
  catalog,
  catalogEnglishLeft,
  englishWordsInGerman,
  fill,
  latinWordsInChinese,
  overflows,
  readableText,
  type Catalog,
} from "../support/browser/words-left.js";
import { FAKE_SERIAL_ID, installFakeWebApis } from "../support/fake-web-apis/install.js";
import { fastSimulatedDevice } from "../support/fake-web-apis/sim.js";

const SCRIPT = "/embed/mcuflash-install.js";
const NAMESPACES = ["install", "app", "errors"] as const;
const english = catalog("en", NAMESPACES);

const LANGUAGES = [
  { locale: "en", browser: "en-US", tag: "en" },
  { locale: "de", browser: "de-DE", tag: "de" },
  { locale: "zh", browser: "zh-CN", tag: "zh-CN" },
] as const;
type Language = (typeof LANGUAGES)[number];

let browser: Browser;
let server: InstallServer;
let vendor: VendorFiles;

beforeAll(async () => {
  const [launched, embedDir, files] = await Promise.all([
    launchChromium(),
    buildEmbed(),
    writeVendorFiles(SCRIPT),
  ]);
  browser = launched;
  vendor = files;
  const element = `<mcuflash-install manifest="/vendor/manifest.json"></mcuflash-install>`;
  // German from the page's <html lang>, Chinese from the element's own lang on an English page.
  writeVendorPage(vendor.dir, "page-en.html", SCRIPT, element, "en");
  writeVendorPage(vendor.dir, "page-de.html", SCRIPT, element, "de");
  writeVendorPage(vendor.dir, "page-zh.html", SCRIPT, element.replace(">", ` lang="zh-Hans">`), "en");
  writeVendorPage(
    vendor.dir,
    "page-invalid.html",
    SCRIPT,
    `<mcuflash-install manifest="/vendor/manifest-invalid.json"></mcuflash-install>`,
    null,
  );
  writeVendorPage(
    vendor.dir,
    "page-mixed.html",
    SCRIPT,
    `<mcuflash-install id="page-language" manifest="/vendor/manifest.json" demo></mcuflash-install>
    <mcuflash-install id="own-language" lang="zh" manifest="/vendor/manifest.json" demo></mcuflash-install>`,
    null,
  );
  server = await startInstallServer([
    { prefix: "/embed/", dir: embedDir },
    { prefix: "/vendor/", dir: vendor.dir },
    builtAppMount,
  ]);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** What the page shows as is, in any language: the manifest's names and notes, versions, the device's facts. */
function shownAsIs(page: Page): string[] {
  return [
    "Acme Devices",
    "Acme Sensor",
    "Faster sensor sampling.",
    "Fixes a Bluetooth reconnect issue.",
    "First release.",
    new URL(server.origin).host,
    "nrf52840dk/nrf52840",
    "^nrf52840dk",
    "Zephyr SMP",
    // The device's name as the Web Serial transport labels it ("USB serial 2fe3:0100"): link labels are the
    // transports' (wip-core-words moves them into the catalogs), not the install screens' own words.
    "USB serial 2fe3:0100",
    // Names kept in Latin letters in every language.
    "McuFlash",
    "MCUboot",
    "Bluetooth",
    "USB",
    "JSON",
    "KB/s",
    "MB/s",
    "B/s",
    "KB",
    page.url(),
  ];
}

async function expectNoEnglish(page: Page, language: Language, text: string): Promise<void> {
  if (language.locale === "en") return;
  const own = catalog(language.locale, NAMESPACES);
  const left = catalogEnglishLeft(text, english, own, shownAsIs(page));
  const words =
    language.locale === "de"
      ? englishWordsInGerman(text, shownAsIs(page))
      : latinWordsInChinese(text, shownAsIs(page));
  if (left.length + words.length > 0) console.log(text);
  expect({ catalogWords: left, otherWords: words }).toEqual({ catalogWords: [], otherWords: [] });
}

async function expectFits(page: Page, name: string, language: Language): Promise<void> {
  const dir = process.env.MCUFLASH_SCREENSHOTS;
  if (dir) await page.screenshot({ path: join(dir, `${name}-${language.locale}.png`), fullPage: true });
  expect(await overflows(page)).toEqual([]);
}

describe.each(LANGUAGES)("the vendor install flow in $locale", (language) => {
  const words: Catalog = catalog(language.locale, NAMESPACES);

  test("the install page follows the browser's language, over Web Serial, on a phone", async () => {
    const device = await fastSimulatedDevice("serial");
    const context = await browser.newContext({
      locale: language.browser,
      viewport: { width: 390, height: 844 },
      // axe is injected as a script; the app's CSP would refuse it.
      bypassCSP: true,
    });
    const page = await context.newPage();
    const errors = await collectPageErrors(page);
    const fakes = await installFakeWebApis(page, { device });
    await page.goto(`${server.origin}/?manifest=/vendor/manifest.json`);
    await page
      .getByRole("heading", {
        level: 1,
        name: fill(words["install.flow.heading"], { product: "Acme Sensor" }),
      })
      .waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe(language.tag);
    await expect.poll(() => page.title()).toBe(fill(words["install.page-title"], { product: "Acme Sensor" }));
    await page.locator("[data-testid=install-offline][data-ready=true]").waitFor({ timeout: 30_000 });

    fakes.hub.chooseNext(FAKE_SERIAL_ID);
    await page.getByRole("button", { name: fill(words["app.capabilities.link.serial"]) }).click();
    const install = page.getByRole("button", {
      name: fill(words["install.step.install"], { version: "1.1.0" }),
    });
    await install.waitFor({ timeout: 30_000 });
    const checks = page.getByRole("list", { name: fill(words["install.match.product-checks"]) });
    await expect(checks.textContent()).resolves.toContain(
      fill(words["install.match.board-matches"], { value: "nrf52840dk/nrf52840", pattern: "^nrf52840dk" }),
    );
    await expectNoEnglish(page, language, await readableText(page));
    await expectFits(page, "install-page-checked", language);

    await install.click();
    const end = page.getByTestId("install-end-state");
    await end.waitFor({ timeout: 90_000 });
    await expect(end.textContent()).resolves.toContain(
      fill(words["install.end.running-new.title"], { product: "Acme Sensor", release: "1.1.0" }),
    );
    await page.getByRole("table", { name: fill(words["install.results.devices-in-batch"]) }).waitFor();
    await expectNoEnglish(page, language, await readableText(page));
    await expectFits(page, "install-page-done", language);
    expect(await seriousViolations(page)).toEqual([]);
    expect(device.slots().find((s) => s.active)?.version).toBe("1.1.0");
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);

  test("the element on a vendor's page speaks the page's (or its own) language, over Web Serial", async () => {
    const device = await fastSimulatedDevice("serial");
    // The browser says English: the page or the element decides.
    const context = await browser.newContext({ locale: "en-US", viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const errors = await collectPageErrors(page);
    const fakes = await installFakeWebApis(page, { device });
    await page.goto(`${server.origin}/vendor/page-${language.locale}.html`);
    const element = page.locator("mcuflash-install");
    await element
      .getByRole("button", { name: fill(words["install.embed.update-product"], { product: "Acme Sensor" }) })
      .click();
    // The manifest allows Bluetooth and USB serial, and the (fake) browser has both: the element asks which.
    await element.getByText(words["install.embed.how-connected"] ?? "?").waitFor();
    await expectNoEnglish(page, language, await readableText(page, "mcuflash-install"));
    fakes.hub.chooseNext(FAKE_SERIAL_ID);
    await element.getByRole("button", { name: fill(words["app.capabilities.link.serial"]) }).click();
    const install = element.getByRole("button", {
      name: fill(words["install.step.install"], { version: "1.1.0" }),
    });
    await install.waitFor({ timeout: 30_000 });
    await expectNoEnglish(page, language, await readableText(page, "mcuflash-install"));
    await expectFits(page, "element-checked", language);

    await install.click();
    await element.locator("progress").waitFor();
    await expect
      .poll(() => element.locator("[part=progress]").getAttribute("aria-label"))
      .toBe(words["install.embed.upload-progress"]);
    await element
      .getByText(fill(words["install.end.running-new.title"], { product: "Acme Sensor", release: "1.1.0" }))
      .first()
      .waitFor({ timeout: 90_000 });
    await element.getByRole("button", { name: fill(words["install.results.update-another"]) }).waitFor();
    await expectNoEnglish(page, language, await readableText(page, "mcuflash-install"));
    await expectFits(page, "element-done", language);
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);

  test("a manifest that cannot be used is explained in the language, on the page and in the element", async () => {
    const context = await browser.newContext({
      locale: language.browser,
      viewport: { width: 390, height: 844 },
      bypassCSP: true,
    });
    let page = await context.newPage();
    await page.goto(`${server.origin}/?manifest=/vendor/manifest-invalid.json`);
    const problem = page.getByTestId("install-load-error");
    await expect(problem.textContent()).resolves.toContain(fill(words["install.problem.invalid"]));
    await expectNoEnglish(page, language, await readableText(page));
    await expectFits(page, "install-page-invalid", language);
    expect(await seriousViolations(page)).toEqual([]);

    // The element on a page without a language follows the browser's. A fresh context: the app's service
    // worker (same origin here) would answer the vendor page's navigation with the app.
    await context.close();
    const vendorContext = await browser.newContext({
      locale: language.browser,
      viewport: { width: 390, height: 844 },
    });
    page = await vendorContext.newPage();
    await page.goto(`${server.origin}/vendor/page-invalid.html`);
    const element = page.locator("mcuflash-install");
    await element.getByText(fill(words["install.embed.not-available"])).waitFor();
    await element.getByText(fill(words["install.problem.invalid"])).first().waitFor();
    await expectNoEnglish(page, language, await readableText(page, "mcuflash-install"));
    await expectFits(page, "element-invalid", language);
    // This vendor page names no language on purpose (the element falls back to the browser's); axe says so.
    const findings = await seriousViolations(page);
    expect(findings.filter((f) => !f.startsWith("html-has-lang"))).toEqual([]);
    await vendorContext.close();
  });
});

test("each element speaks its own language, fetches only the words it shows, and follows the page's", async () => {
  const context = await browser.newContext({ locale: "de-DE", viewport: { width: 800, height: 900 } });
  const page = await context.newPage();
  const errors = await collectPageErrors(page);
  server.requests.length = 0;
  await page.goto(`${server.origin}/vendor/page-mixed.html`);
  const de = catalog("de", NAMESPACES);
  const zh = catalog("zh", NAMESPACES);
  const en = english;
  const button = (id: string, words: Catalog) =>
    page.locator(`#${id}`).getByRole("button", {
      name: fill(words["install.embed.update-product"], { product: "Acme Sensor" }),
    });
  // No lang on the page or the element: the browser's German. The other element's own lang: Chinese.
  await button("page-language", de).waitFor();
  await button("own-language", zh).waitFor();
  const words = () =>
    server.requests
      .filter((p) => p.includes("-words-"))
      .map((p) => /-words-(\w+)-/.exec(p)?.[1])
      .sort();
  expect(words()).toEqual(["de", "zh"]);

  // The page switches its language: the element without its own follows, the other keeps Chinese.
  await page.evaluate(() => document.documentElement.setAttribute("lang", "en-GB"));
  await button("page-language", en).waitFor();
  await expect(button("own-language", zh).isVisible()).resolves.toBe(true);
  expect(
    await page
      .locator("#page-language")
      .evaluate((el) => el.shadowRoot?.firstElementChild?.getAttribute("lang")),
  ).toBe("en");

  // The demo device is named after the click, still in its element's language.
  await button("own-language", zh).click();
  await page
    .locator("#own-language")
    .getByText(
      fill(zh["install.embed.device-runs"], {
        device: fill(zh["install.demo.device"], { n: "1" }),
        version: "1.0.0",
      }),
    )
    .waitFor({ timeout: 30_000 });
  await page
    .locator("#own-language")
    .getByRole("button", { name: fill(zh["install.step.cancel"]) })
    .click();

  // A language McuFlash does not speak on the element defers to the page's.
  await page.locator("#own-language").evaluate((el) => el.setAttribute("lang", "fr"));
  await button("own-language", en).waitFor();
  expect(words()).toEqual(["de", "en", "zh"]);
  expect(errors).toEqual([]);
  await context.close();
});
