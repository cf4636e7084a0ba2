// A new visitor's first try, with nothing but the app: Demo device → demo firmware → update → history.
import { afterAll, beforeAll, expect, test } from "vitest";
import type { Browser } from "playwright-core";
import { launchChromium, serveBuiltApp, type ServedApp } from "../support/browser/launch.js";

let browser: Browser;
let app: ServedApp;

beforeAll(async () => {
  [browser, app] = await Promise.all([launchChromium(), serveBuiltApp()]);
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

test("demo device + demo firmware: verified, installed, confirmed and recorded", async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  await page.goto(app.url);
  await page.getByRole("button", { name: /demo device/i }).click();
  await page.getByRole("button", { name: "Load demo firmware" }).click();
  await expect
    .poll(() => page.locator("#firmware").innerText(), { timeout: 20_000 })
    .toMatch(/McuFlash demo key/);
  await page.getByRole("button", { name: "Start update" }).click();
  await expect
    .poll(() => page.locator("#update").innerText(), { timeout: 90_000, interval: 500 })
    .toMatch(/Now running 1\.1\.0/);
  await expect.poll(() => page.locator("#history").innerText()).toMatch(/1\.1\.0/);
  expect(errors).toEqual([]);
  await page.close();
}, 120_000);
