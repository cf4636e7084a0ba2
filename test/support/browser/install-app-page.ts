// Opens the install screen (the built app with ?manifest=) and drives the demo device through it.

import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { expect } from "vitest";
import { ROOT, collectPageErrors } from "./launch.js";
import type { Mount } from "./install-server.js";

/** The built app (dist/, with its service worker and CSP) at "/", falling back to index.html for any path. */
export const builtAppMount: Mount = { prefix: "/", dir: join(ROOT, "dist"), fallback: true };

export interface OpenedPage {
  readonly page: Page;
  readonly errors: string[];
}

export async function openInstall(context: BrowserContext, url: string): Promise<OpenedPage> {
  const page = await context.newPage();
  const errors = await collectPageErrors(page);
  await page.goto(url);
  return { page, errors };
}

export async function newContext(
  browser: Browser,
  phone = false,
  colorScheme: "light" | "dark" = "light",
): Promise<BrowserContext> {
  return browser.newContext(
    phone
      ? {
          acceptDownloads: true,
          colorScheme,
          viewport: { width: 390, height: 844 },
          isMobile: true,
          hasTouch: true,
        }
      : { acceptDownloads: true, colorScheme, viewport: { width: 1100, height: 900 } },
  );
}

/** Connects a fresh demo device and waits for the check. */
export async function connectDemo(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Demo device" }).click();
  await page.getByRole("list", { name: "Product checks" }).waitFor({ timeout: 30_000 });
}

/** Presses Install and waits for the end state; returns its text. */
export async function installAndWait(page: Page, version = "1.1.0"): Promise<string> {
  await page.getByRole("button", { name: `Install ${version}` }).click();
  const end = page.getByTestId("install-end-state");
  await end.waitFor({ timeout: 90_000 });
  return (await end.textContent()) ?? "";
}

/** Every visible control is at least 44 px in both directions. */
export async function expectFingertipTargets(page: Page): Promise<void> {
  const small = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>("button, a, summary, input, select")]
      .filter((el) => el.offsetParent !== null)
      .map((el) => ({ el, box: el.getBoundingClientRect() }))
      .filter(({ box }) => box.height < 44 || box.width < 44)
      .map(({ el, box }) => `${el.tagName} "${el.textContent?.trim() ?? ""}" ${box.width}x${box.height}`),
  );
  expect(small).toEqual([]);
}
