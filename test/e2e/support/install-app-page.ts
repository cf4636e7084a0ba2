// Opens the install screen (the built app with ?manifest=, or the harness that mounts the same component while
// the app does not route to it yet) and drives the demo device through it.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { expect } from "vitest";
import { buildInstallHarness, ROOT } from "./install-harness-build.js";
import type { Mount } from "./install-server.js";

/** True when src/app mounts the install screen for ?manifest= (the lead wires it in main.tsx or app.tsx). */
export function appRoutesManifest(): boolean {
  const source = ["main.tsx", "app.tsx"]
    .map((f) => readFileSync(join(ROOT, "src", "app", f), "utf8"))
    .join("\n");
  return /install\/index/.test(source);
}

/** The mount for "/": the built app when it routes ?manifest= (`real`), else the harness. */
export async function appMount(): Promise<{ readonly mount: Mount; readonly real: boolean }> {
  // A build of the app made elsewhere (e.g. with the ?manifest= route patched in), for trying the wiring.
  const prebuilt = process.env.MCUFLASH_INSTALL_APP_DIR;
  if (prebuilt) return { mount: { prefix: "/", dir: prebuilt, fallback: true }, real: true };
  if (appRoutesManifest())
    return { mount: { prefix: "/", dir: join(ROOT, "dist"), fallback: true }, real: true };
  console.warn("src/app does not route ?manifest= yet: testing the install screen through its harness.");
  return { mount: { prefix: "/", dir: await buildInstallHarness() }, real: false };
}

export interface OpenedPage {
  readonly page: Page;
  readonly errors: string[];
}

export async function openInstall(context: BrowserContext, url: string): Promise<OpenedPage> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  await page.addInitScript(() =>
    document.addEventListener("securitypolicyviolation", (e) => console.error(`CSP ${e.violatedDirective}`)),
  );
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
