// Web Bluetooth end to end in Debian's Chromium: the real transport, SMP client and upload engine run in the
// page; only navigator.bluetooth is fake, moving GATT writes and notifications to a simulated Zephyr/MCUboot
// device in this process.

import { englishI18n } from "../../src/i18n/english.js";
import { afterAll, afterEach, beforeAll, expect, test } from "vitest";
import type { Browser } from "playwright-core";
import { toBase64, toHex } from "../../src/core/bytes.js";
import type { SimulatedDevice } from "../../src/sim/index.js";
import { launchChromium, serveBuiltApp, type ServedApp } from "../support/browser/launch.js";
import { FAKE_BLE_ID } from "../support/fake-web-apis/install.js";
import { openHarnessPage, type HarnessPage } from "../support/fake-web-apis/harness-page.js";
import { fastSimulatedDevice, testImage } from "../support/fake-web-apis/sim.js";
import "../support/fake-web-apis/harness-global.js";

let browser: Browser;
let app: ServedApp;
let opened: HarnessPage | undefined;

beforeAll(async () => {
  [browser, app] = await Promise.all([launchChromium(), serveBuiltApp()]);
});

afterEach(async () => {
  await opened?.page.close();
  opened = undefined;
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

async function start(device: SimulatedDevice): Promise<HarnessPage> {
  opened = await openHarnessPage(browser, app.url, { device });
  return opened;
}

test("connects over Web Bluetooth, sizes writes by trying and packets from mcumgr params, lists the images", async () => {
  const device = await fastSimulatedDevice("ble");
  const { page, fakes } = await start(device);
  const connected = await page.evaluate(() => McuFlashHarness.connectBluetooth({ namePrefix: "Zephyr" }));
  expect(connected).toEqual({
    ok: true,
    value: { label: "Zephyr SMP", maxPacketSize: device.options.bufSize },
  });
  const images = await page.evaluate(() => McuFlashHarness.readImages());
  const hash = device.slots()[0]?.hash;
  expect(images).toMatchObject({
    ok: true,
    value: [{ slot: 0, version: "1.0.0", active: true, confirmed: true, hash: hash ? toHex(hash) : "" }],
  });
  // Writes: the largest the link carries whole, found by trying (the fake's ATT MTU is 247, so 495-byte writes
  // are refused and 244 go through); a longer request spans several.
  const text = "x".repeat(1000);
  expect(await page.evaluate((t) => McuFlashHarness.echo(t), text)).toEqual({ ok: true, value: text });
  expect(Math.max(...fakes.hub.writeSizes(FAKE_BLE_ID))).toBe(244);
});

test("uploads an image with progress in 244-byte writes", async () => {
  const device = await fastSimulatedDevice("ble");
  const { page, fakes } = await start(device);
  // Each GATT write is one round trip between page and test process here: small images keep the suite fast.
  const image = await testImage(12 * 1024);
  await page.evaluate(() => McuFlashHarness.connectBluetooth({ writeSize: 244 }));
  const result = await page.evaluate((b64) => McuFlashHarness.upload(b64), toBase64(image));
  if (!result.ok) throw new Error(result.error.message);
  expect(result.value).toMatchObject({ bytes: image.length, resumedFrom: 0 });
  expect(result.value.progress.at(-1)).toBe(image.length);
  expect(device.slotBytes(1).subarray(0, image.length)).toEqual(image);
  expect(Math.max(...fakes.hub.writeSizes(FAKE_BLE_ID))).toBe(244);
});

test("going out of range mid-upload is a link loss; after reconnecting the upload resumes", async () => {
  const device = await fastSimulatedDevice("ble");
  const { page, fakes } = await start(device);
  const image = await testImage(24 * 1024);
  await page.evaluate(() => McuFlashHarness.connectBluetooth({ writeSize: 244 }));
  let droppedAt = 0;
  const stop = device.onEvent((event) => {
    if (event.type === "upload" && droppedAt === 0 && event.off >= image.length / 2) {
      droppedAt = event.off;
      fakes.hub.unplug(FAKE_BLE_ID);
    }
  });
  const first = await page.evaluate((b64) => McuFlashHarness.upload(b64), toBase64(image));
  stop();
  expect(first).toMatchObject({ ok: false, error: { code: "link-lost" } });
  expect(await page.evaluate(() => McuFlashHarness.closedReason())).toEqual({
    kind: "lost",
    code: "link-lost",
  });

  fakes.hub.replug(FAKE_BLE_ID);
  expect(await page.evaluate(() => McuFlashHarness.reconnect())).toMatchObject({ ok: true });
  const second = await page.evaluate((b64) => McuFlashHarness.upload(b64), toBase64(image));
  if (!second.ok) throw new Error(second.error.message);
  expect(second.value.resumedFrom).toBeGreaterThanOrEqual(droppedAt);
  expect(device.slotBytes(1).subarray(0, image.length)).toEqual(image);
});

test("after a device reset the factory reconnects to the same device once it advertises again", async () => {
  const device = await fastSimulatedDevice("ble");
  const { page, fakes } = await start(device);
  await page.evaluate(() => McuFlashHarness.connectBluetooth());
  device.reset("test");
  expect(await page.evaluate(() => McuFlashHarness.closedReason())).toEqual({
    kind: "lost",
    code: "link-lost",
  });
  expect(await page.evaluate(() => McuFlashHarness.reconnect())).toMatchObject({ ok: true });
  expect(await page.evaluate(() => McuFlashHarness.echo("alive"))).toEqual({ ok: true, value: "alive" });
  // No second chooser: the same BluetoothDevice was reconnected.
  expect(fakes.hub.calls.filter((c) => c.op === "ble-request")).toHaveLength(1);
});

test("a device that never answers gives a typed timeout", async () => {
  const device = await fastSimulatedDevice("ble");
  const { page, fakes } = await start(device);
  await page.evaluate(() => McuFlashHarness.connectBluetooth());
  fakes.hub.setMuted(FAKE_BLE_ID, true);
  const result = await page.evaluate(() => McuFlashHarness.echo("anyone?", 300));
  expect(result).toMatchObject({ ok: false, error: { name: "SmpTimeoutError", code: "smp-timeout" } });
});

test("a pairing error at connect tells the technician to pair in the OS settings", async () => {
  const device = await fastSimulatedDevice("ble");
  const { page, fakes } = await start(device);
  fakes.hub.failNext("ble-connect", { name: "SecurityError", message: "GATT operation not authorized." });
  const result = await page.evaluate(() => McuFlashHarness.connectBluetooth());
  // The page gets the code and its parameters; the words come from the catalog at the edge.
  expect(result).toMatchObject({
    ok: false,
    error: { code: "bluetooth-pairing-required", message: expect.stringContaining("label=Zephyr SMP") },
  });
  const english = englishI18n();
  const words = `${english._("error.bluetooth-pairing-required", { label: "Zephyr SMP" })} ${english._("hint.bluetooth-pairing")}`;
  expect(words).toMatch(/paired, encrypted Bluetooth connection.*Bluetooth settings.*passkey/);
});
