// "Load demo firmware" trusts the demo key for the Demo device during this visit only: it is never added
// to the user's trusted keys, and it stops counting once the Demo device is disconnected.

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

test("the demo key stays apart from the user's trusted keys", async () => {
  const page = await browser.newPage({ viewport: { width: 1366, height: 800 } });
  await page.goto(app.url);
  await page.getByRole("button", { name: "Demo device" }).click();
  await page.getByRole("button", { name: "Load demo firmware" }).click();
  const report = page.getByTestId("verification-report");
  await report.getByText("Verified", { exact: true }).waitFor({ timeout: 20_000 });
  await expect(report.textContent()).resolves.toContain("McuFlash demo key (demo, this visit only)");
  const keys = page.getByRole("region", { name: "Trusted keys" });
  await expect(keys.textContent()).resolves.not.toContain("McuFlash demo key");

  // Without the Demo device, the same file is no longer signed by a trusted key.
  await page.getByRole("button", { name: "Disconnect" }).click();
  await report.getByText("Untrusted", { exact: true }).waitFor();

  await page.reload();
  await page.getByRole("list", { name: "Ways to connect" }).waitFor();
  await expect(page.getByRole("region", { name: "Trusted keys" }).textContent()).resolves.not.toContain(
    "McuFlash demo key",
  );
  await page.close();
});
