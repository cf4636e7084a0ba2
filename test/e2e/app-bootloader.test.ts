// "Restart into bootloader" in the device panel, over the app's Web Serial link to a simulated device: firmware
// with Zephyr's boot mode support stays in MCUboot's serial recovery, and the panel says so; firmware without
// it comes back as the application, and the panel says what the build lacks.

import { afterAll, beforeAll, expect, test } from "vitest";
import type { Browser, Page } from "playwright-core";
import { SimulatedDevice } from "../../src/sim/device.js";
import { launchChromium, serveBuiltApp, type ServedApp } from "../support/browser/launch.js";
import { FAKE_SERIAL_ID, installFakeWebApis } from "../support/fake-web-apis/install.js";

let browser: Browser;
let app: ServedApp;

beforeAll(async () => {
  [browser, app] = await Promise.all([launchChromium(), serveBuiltApp()]);
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

async function connectSerial(resetBootMode: boolean): Promise<{ page: Page; close: () => Promise<void> }> {
  const device = await SimulatedDevice.create({
    transport: "serial",
    processingMs: 0.2,
    resetMs: 20,
    linkDropsOnReset: false,
    os: { resetBootMode },
    flash: { pageEraseMs: 0.2, writeBytesPerMs: 1_000_000 },
    mcuboot: { slotSize: 128 * 1024, bootMs: 30, hashBytesPerMs: 1_000_000 },
    firmware: { version: { major: 1, minor: 0, revision: 0 }, bodySize: 4096, seed: 1 },
  });
  const context = await browser.newContext();
  const page = await context.newPage();
  const fakes = await installFakeWebApis(page, { device });
  await page.goto(app.url);
  fakes.hub.chooseNext(FAKE_SERIAL_ID);
  await page.getByRole("button", { name: "USB serial" }).click();
  await page.getByText(/^Connected · /).waitFor();
  return { page, close: () => context.close() };
}

test("firmware with boot mode support stays in serial recovery, and Reset brings the application back", async () => {
  const { page, close } = await connectSerial(true);
  try {
    const panel = page.getByRole("region", { name: "Device" });
    await panel.getByRole("cell", { name: "1.0.0" }).waitFor();
    await panel.getByRole("button", { name: "Restart into bootloader" }).click();
    await panel.getByText(/MCUboot serial recovery is answering/).waitFor({ timeout: 30_000 });
    await expect(panel.getByText(/application came back/).count()).resolves.toBe(0);

    await panel.getByRole("button", { name: "Reset", exact: true }).click();
    await page.getByText(/^Connected · /).waitFor({ timeout: 30_000 });
    await panel.getByRole("cell", { name: "active" }).first().waitFor({ timeout: 30_000 });
    await expect(panel.getByText(/MCUboot serial recovery is answering/).count()).resolves.toBe(0);
  } finally {
    await close();
  }
}, 90_000);

test("firmware without it comes back as the application: the panel says what the build lacks", async () => {
  const { page, close } = await connectSerial(false);
  try {
    const panel = page.getByRole("region", { name: "Device" });
    await panel.getByRole("cell", { name: "1.0.0" }).waitFor();
    await panel.getByRole("button", { name: "Restart into bootloader" }).click();
    await panel.getByText(/CONFIG_MCUMGR_GRP_OS_RESET_BOOT_MODE/).waitFor({ timeout: 30_000 });
    await expect(panel.getByText(/MCUboot serial recovery is answering/).count()).resolves.toBe(0);
  } finally {
    await close();
  }
}, 90_000);

test("over Bluetooth there is no such button: MCUboot's serial recovery would be out of reach", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    await page.goto(app.url);
    await page.getByRole("button", { name: /Demo device/ }).click();
    const panel = page.getByRole("region", { name: "Device" });
    await panel.getByRole("cell", { name: "1.0.0" }).waitFor({ timeout: 30_000 });
    await expect(panel.getByRole("button", { name: "Restart into bootloader" }).count()).resolves.toBe(0);
  } finally {
    await context.close();
  }
}, 90_000);
