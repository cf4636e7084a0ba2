// Opens a page for the transport end-to-end tests: the fakes installed, the harness bundle (real transports + SMP
// + upload engine) defined as the global McuFlashHarness, and the built app loaded (a secure localhost origin, as
// in production). Both go in as init scripts: the app's Content-Security-Policy (script-src 'self') rightly
// blocks inline script tags, and init scripts are injected by the browser itself, so the policy stays on.

import type { Browser, Page } from "playwright-core";
import { bundleForBrowser } from "./bundle.js";
import { installFakeWebApis, type InstallFakeWebApisOptions, type InstalledFakeWebApis } from "./install.js";

export interface HarnessPage {
  readonly page: Page;
  readonly fakes: InstalledFakeWebApis;
  /** Uncaught errors in the page. */
  readonly pageErrors: string[];
}

export async function openHarnessPage(
  browser: Browser,
  url: string,
  options: InstallFakeWebApisOptions,
): Promise<HarnessPage> {
  const page = await browser.newPage();
  const pageErrors: string[] = [];
  page.on("pageerror", (error) => pageErrors.push(error.message));
  const fakes = await installFakeWebApis(page, options);
  await page.addInitScript({
    content: await bundleForBrowser("./harness.ts", "McuFlashHarness"),
  });
  // The harness needs only the origin, not the app: do not wait for its assets.
  await page.goto(url, { waitUntil: "commit" });
  return { page, fakes, pageErrors };
}
