// The app over its real links: the Web Serial and Web Bluetooth transports, the SMP client and the update
// engine all run in the page; only navigator.serial / navigator.bluetooth are fakes (test/support/fake-web-apis) that
// carry the bytes to a simulated Zephyr/MCUboot device in this process.

import { writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchChromium, serveBuiltApp, type ServedApp } from "../support/browser/launch.js";
import {
  FAKE_BLE_ID,
  FAKE_SERIAL_ID,
  installFakeWebApis,
  type InstalledFakeWebApis,
} from "../support/fake-web-apis/install.js";
import { fastSimulatedDevice, testImage } from "../support/fake-web-apis/sim.js";

let browser: Browser;
let app: ServedApp;

beforeAll(async () => {
  [browser, app] = await Promise.all([launchChromium(), serveBuiltApp()]);
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

async function openWith(
  transport: "serial" | "ble",
): Promise<{ page: Page; fakes: InstalledFakeWebApis; close: () => Promise<void> }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const fakes = await installFakeWebApis(page, { device: await fastSimulatedDevice(transport) });
  await page.goto(app.url);
  await page.getByRole("list", { name: "Ways to connect" }).waitFor();
  return { page, fakes, close: () => context.close() };
}

async function pickImage(page: Page): Promise<void> {
  // The simulator's images carry a hash but no signature: untrusted, sent with the override.
  const file = join(mkdtempSync(join(tmpdir(), "mcuflash-img-")), "app-1.1.0.bin");
  writeFileSync(file, await testImage(48 * 1024));
  await page.setInputFiles('[data-testid="firmware-file"]', file);
  await page.getByRole("checkbox", { name: /send this untrusted image anyway/ }).check();
}

test("USB serial: connect through the chooser, read the device, update it", async () => {
  const { page, fakes, close } = await openWith("serial");
  fakes.hub.chooseNext(FAKE_SERIAL_ID);
  await page.getByRole("button", { name: "USB serial" }).click();
  const device = page.getByRole("region", { name: "Device" });
  await device.getByRole("cell", { name: "1.0.0" }).waitFor();
  await page.getByText(/^Connected · /).waitFor();

  await pickImage(page);
  await page.getByRole("button", { name: "Start update" }).click();
  await page.getByTestId("end-state").getByText("Now running 1.1.0").waitFor({ timeout: 60_000 });
  await device.locator("tr.active-row").getByText("1.1.0").waitFor();
  await close();
});

test("closing the chooser is not an error", async () => {
  const { page, fakes, close } = await openWith("serial");
  fakes.hub.chooseNext("cancel");
  await page.getByRole("button", { name: "USB serial" }).click();
  await page.getByText("No serial port was chosen.", { exact: false }).waitFor();
  await expect(page.getByRole("region", { name: "Connect" }).getByRole("alert").count()).resolves.toBe(0);
  await page.getByText("Not connected").waitFor();
  await close();
});

test("Bluetooth: a link lost mid-upload is shown, and the upload resumes when the device is back", async () => {
  const { page, fakes, close } = await openWith("ble");
  fakes.hub.chooseNext(FAKE_BLE_ID);
  await page.getByRole("button", { name: "Bluetooth" }).click();
  await page.getByRole("region", { name: "Device" }).getByRole("cell", { name: "1.0.0" }).waitFor();

  await pickImage(page);
  await page.getByRole("button", { name: "Start update" }).click();
  await expect
    .poll(() => page.getByTestId("update-live").textContent(), { timeout: 30_000 })
    .toMatch(/^Uploading: [1-9]0%$/);
  fakes.hub.unplug(FAKE_BLE_ID);
  // The upload row says what is going on (announced too); nothing further is marked done or skipped.
  const upload = page.locator(".step-troubled", { hasText: "Upload" });
  await upload.getByText(/Link lost/).waitFor();
  await expect(page.getByTestId("update-live").textContent()).resolves.toMatch(/Link lost/);
  await expect(page.locator(".step-skipped").count()).resolves.toBe(0);

  fakes.hub.replug(FAKE_BLE_ID);
  await page.getByTestId("end-state").getByText("Now running 1.1.0").waitFor({ timeout: 60_000 });
  // The history keeps the interruption in the audit trail.
  await page.getByRole("region", { name: "History" }).locator("summary").first().click();
  await page
    .getByRole("region", { name: "History" })
    .getByText(/Link lost .*reconnecting to resume/)
    .waitFor();
  await close();
});
