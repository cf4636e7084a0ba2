// The device panel's per-slot actions on the demo device: an uploaded image in the secondary slot can be
// marked for test (by the hash the device listed), and erasing it asks first, in the page.

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

test("Test and Erase on the secondary slot, under the safety rules", async () => {
  const page = await browser.newPage({ viewport: { width: 1366, height: 800 } });
  await page.goto(app.url);
  await page.getByRole("button", { name: "Demo device" }).click();
  await page.getByRole("button", { name: "Load demo firmware" }).click();
  await page.getByLabel("How to install").selectOption("upload-only");
  await page.getByRole("button", { name: "Start update" }).click();
  await page.getByTestId("end-state").waitFor({ timeout: 90_000 });

  const device = page.getByRole("region", { name: "Device" });
  const secondary = device.getByRole("row").filter({ hasText: "1 (secondary)" });
  await secondary.waitFor({ timeout: 20_000 });
  // The running image offers no erase; the uploaded one offers Test, Confirm and Erase.
  const primary = device.getByRole("row").filter({ hasText: "0 (primary)" });
  await expect(primary.getByRole("button", { name: /^Erase/ }).count()).resolves.toBe(0);

  const erase = () =>
    device
      .getByRole("row")
      .filter({ hasText: "1 (secondary)" })
      .getByRole("button", { name: "Erase version 1.1.0 in slot 1" });
  await erase().click();
  const question = device.getByRole("alertdialog", { name: "Erase version 1.1.0 from slot 1?" });
  await question.waitFor();
  await question.getByRole("button", { name: "Keep it" }).click();
  await expect(secondary.count()).resolves.toBe(1);
  await erase().click();
  await question.getByRole("button", { name: "Erase it" }).click();
  await expect
    .poll(() => device.getByRole("row").filter({ hasText: "1 (secondary)" }).count(), { timeout: 20_000 })
    .toBe(0);

  // Upload again, then Test marks it (by the listed hash) to boot once; erasing it now warns first.
  await page.getByRole("button", { name: "Start update" }).click();
  await page.getByTestId("end-state").waitFor({ timeout: 90_000 });
  await secondary.waitFor({ timeout: 20_000 });
  await secondary.getByRole("button", { name: "Test version 1.1.0 in slot 1" }).click();
  await secondary.getByText("pending", { exact: true }).waitFor();
  await erase().click();
  await expect(question.textContent()).resolves.toContain("marked to boot at the next reset");
  await question.getByRole("button", { name: "Keep it" }).click();
  await page.close();
});
