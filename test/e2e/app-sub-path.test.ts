// The built app hosted under a sub-path, as a vendor would (https://vendor.example/tools/mcuflash/): the same
// dist/ served at /some/sub/path/ loads with its CSP intact, asks for nothing outside that path, registers its
// service worker with that scope, and runs a demo update there, then again offline.

import { join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import type { Browser } from "playwright-core";
import { ROOT, collectPageErrors, launchChromium } from "../support/browser/launch.js";
import { startInstallServer, type InstallServer } from "../support/browser/install-server.js";

const BASE = "/some/sub/path/";

let browser: Browser;
let server: InstallServer;

beforeAll(async () => {
  [browser, server] = await Promise.all([
    launchChromium(),
    startInstallServer([{ prefix: BASE, dir: join(ROOT, "dist"), fallback: true }]),
  ]);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

test("under /some/sub/path/: demo update, service worker and manifest scoped there, then offline", async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = await collectPageErrors(page);
  const appUrl = `${server.origin}${BASE}`;
  await page.goto(appUrl);
  await page.getByTestId("offline-ready").waitFor({ timeout: 60_000 });

  const scope = await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r?.scope));
  expect(scope).toBe(appUrl);
  const manifest = await page.evaluate(async () => {
    const link = document.querySelector<HTMLLinkElement>('link[rel="manifest"]');
    if (!link) return null;
    const body = (await (await fetch(link.href)).json()) as { start_url: string; scope: string };
    return { startUrl: new URL(body.start_url, link.href).href, scope: new URL(body.scope, link.href).href };
  });
  expect(manifest).toEqual({ startUrl: appUrl, scope: appUrl });

  await page.getByRole("button", { name: /demo device/i }).click();
  await page.getByRole("button", { name: "Load demo firmware" }).click();
  await expect
    .poll(() => page.locator("#firmware").innerText(), { timeout: 20_000 })
    .toMatch(/McuFlash demo key/);
  await page.getByRole("button", { name: "Start update" }).click();
  await expect
    .poll(() => page.locator("#update").innerText(), { timeout: 90_000, interval: 500 })
    .toMatch(/Now running 1\.1\.0/);
  // Every request of the visit (scripts, lazy chunks, icons, manifest, service worker) stayed under the path.
  expect(server.requests.filter((path) => !path.startsWith(BASE))).toEqual([]);

  // Offline: the service worker serves the page and every chunk from under the sub-path.
  await context.setOffline(true);
  await page.reload();
  await page.getByRole("heading", { level: 1, name: "McuFlash" }).waitFor();
  await page.getByText("Offline", { exact: true }).waitFor();
  await page.getByRole("button", { name: /demo device/i }).click();
  await page.getByRole("button", { name: "Load demo firmware" }).click();
  await expect
    .poll(() => page.locator("#firmware").innerText(), { timeout: 20_000 })
    .toMatch(/McuFlash demo key/);
  await page.getByRole("button", { name: "Start update" }).click();
  await expect
    .poll(() => page.locator("#update").innerText(), { timeout: 90_000, interval: 500 })
    .toMatch(/Now running 1\.1\.0/);
  expect(errors).toEqual([]);
  await context.close();
}, 240_000);
