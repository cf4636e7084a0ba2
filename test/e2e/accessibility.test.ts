// axe-core over the app, the vendor install page and the <mcuflash-install> element, at laptop (1366×800)
// and phone (390×844) size, in the states a user meets: empty, connected with firmware verified and every
// panel open, and after an update. Any serious or critical violation fails the test.

import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { seriousViolations } from "../support/browser/axe.js";
import { launchChromium } from "../support/browser/launch.js";
import { buildEmbed } from "../support/browser/embed-build.js";
import { builtAppMount, connectDemo as connectInstallDemo } from "../support/browser/install-app-page.js";
import { writeVendorFiles } from "../support/browser/install-fixtures.js";
import { startInstallServer, type InstallServer } from "../support/browser/install-server.js";
import { unfold } from "../support/browser/app-steps.js";

const EMBED = "/embed/mcuflash-install.js";
let browser: Browser;
let server: InstallServer;

beforeAll(async () => {
  const [launched, embedDir, vendor] = await Promise.all([
    launchChromium(),
    buildEmbed(),
    writeVendorFiles(EMBED),
  ]);
  browser = launched;
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

const SIZES = {
  desktop: { viewport: { width: 1366, height: 800 } },
  phone: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
} as const;

async function open(
  size: keyof typeof SIZES,
  path: string,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ ...SIZES[size], bypassCSP: true });
  const page = await context.newPage();
  await page.goto(`${server.origin}${path}`);
  return { context, page };
}

async function expectClean(page: Page, state: string, size: string): Promise<void> {
  await page.screenshot({ path: `/tmp/mcuflash-axe-${state}-${size}.png`, fullPage: true });
  expect({ state, violations: await seriousViolations(page) }).toEqual({ state, violations: [] });
}

test("the scan does catch serious violations (an unnamed button, an image without text)", async () => {
  const page = await browser.newPage();
  await page.setContent(
    `<main><img src="data:,"><button></button><div style="overflow:auto;height:40px"><table><tr><td>${"wide ".repeat(200)}</td></tr></table></div></main>`,
  );
  const found = (await seriousViolations(page)).map((line) => line.split(" ")[0]);
  expect(found).toEqual(expect.arrayContaining(["image-alt", "button-name", "scrollable-region-focusable"]));
  await page.close();
});

describe.each(["desktop", "phone"] as const)("at %s size", (size) => {
  test("the app: empty, then connected with firmware verified and every panel open, then updated", async () => {
    const { context, page } = await open(size, "/");
    await page.getByRole("list", { name: "Ways to connect" }).waitFor();
    await expectClean(page, "app-empty", size);

    await page.getByRole("button", { name: "Demo device" }).click();
    await page.getByText(/^Connected · /).waitFor();
    await page.getByRole("button", { name: "Load demo firmware" }).click();
    await page.getByTestId("verification-report").waitFor({ timeout: 20_000 });
    for (const name of ["Device", "Trusted keys", "Tools", "History"]) await unfold(page, name);
    await page.getByRole("region", { name: "Device" }).getByRole("table").waitFor();
    await expectClean(page, "app-ready", size);

    await page.getByRole("button", { name: "Start update" }).click();
    await page.getByTestId("end-state").waitFor({ timeout: 90_000 });
    await page.getByRole("region", { name: "History" }).locator("summary").first().click();
    await expectClean(page, "app-updated", size);
    await context.close();
  });

  test("the vendor install page: ready, device checked, installed", async () => {
    const { context, page } = await open(size, "/?manifest=/vendor/manifest.json");
    await page.getByRole("list", { name: "Ways to connect" }).waitFor();
    await expectClean(page, "install-ready", size);
    await connectInstallDemo(page);
    await expectClean(page, "install-checked", size);
    await page.getByRole("button", { name: "Install 1.1.0" }).click();
    await page.getByTestId("install-end-state").waitFor({ timeout: 90_000 });
    await expectClean(page, "install-done", size);
    await context.close();
  });

  test("the <mcuflash-install> element on a vendor page: ready, checked, installed", async () => {
    const { context, page } = await open(size, "/vendor/page.html");
    const element = page.locator("mcuflash-install");
    await element.getByRole("button", { name: "Update Acme Sensor" }).waitFor();
    await expectClean(page, "embed-ready", size);
    await element.getByRole("button", { name: "Update Acme Sensor" }).click();
    await element.getByRole("button", { name: "Install 1.1.0" }).waitFor({ timeout: 30_000 });
    await expectClean(page, "embed-checked", size);
    await element.getByRole("button", { name: "Install 1.1.0" }).click();
    await element.getByText("✓ Done: your Acme Sensor now runs 1.1.0").waitFor({ timeout: 90_000 });
    await expectClean(page, "embed-done", size);
    await context.close();
  });
});
