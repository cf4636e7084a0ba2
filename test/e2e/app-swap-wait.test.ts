// After the reset, while MCUboot swaps the images, the phone shows what is happening and a countdown of how
// long McuFlash keeps waiting, instead of a silent spinner; it goes away when the device answers.

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

test("a visible countdown while MCUboot swaps after the reset", async () => {
  const page = await browser.newPage({
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
  });
  await page.goto(app.url);
  await page.getByRole("button", { name: "Demo device" }).click();
  await page.getByRole("button", { name: "Load demo firmware" }).click();
  await page.getByRole("button", { name: "Start update" }).click();
  const wait = page.getByTestId("swap-wait");
  await wait.waitFor({ timeout: 60_000 });
  await expect(wait.textContent()).resolves.toMatch(
    /MCUboot checks the new image and swaps it into place.*Waiting \d+ sec so far · McuFlash keeps trying for up to 1 min \d+ sec more/s,
  );
  await page.getByTestId("end-state").waitFor({ timeout: 90_000 });
  await expect(wait.count()).resolves.toBe(0);
  await page.close();
});
