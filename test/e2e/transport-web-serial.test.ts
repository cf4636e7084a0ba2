// Web Serial end to end in Debian's Chromium: the real transport, SMP client and upload engine run in the page;
// only navigator.serial is fake, moving bytes to a simulated Zephyr/MCUboot device in this process.

import { afterAll, afterEach, beforeAll, expect, test } from "vitest";
import type { Browser } from "playwright-core";
import { toBase64, toHex } from "../../src/core/bytes.js";
import type { SimulatedDevice } from "../../src/sim/index.js";
import { launchChromium, serveBuiltApp, type ServedApp } from "../support/browser/launch.js";
import { FAKE_SERIAL_ID, ZEPHYR_USB } from "../support/fake-web-apis/install.js";
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

test("connects over Web Serial and lists the images", async () => {
  const device = await fastSimulatedDevice("serial");
  const { page } = await start(device);
  const connected = await page.evaluate(
    (vid) => McuFlashHarness.connectSerial({ usbVendorId: vid }),
    ZEPHYR_USB.usbVendorId,
  );
  expect(connected).toEqual({
    ok: true,
    value: { label: "USB 2fe3:0100", maxPacketSize: expect.any(Number) },
  });
  const images = await page.evaluate(() => McuFlashHarness.readImages());
  const hash = device.slots()[0]?.hash;
  expect(images).toMatchObject({
    ok: true,
    value: [{ slot: 0, version: "1.0.0", active: true, confirmed: true, hash: hash ? toHex(hash) : "" }],
  });
});

test("uploads an image with progress, and shows console text separately", async () => {
  const device = await fastSimulatedDevice("serial");
  const { page, fakes } = await start(device);
  // Every frame crosses between page and test process: a small image keeps the suite fast.
  const image = await testImage(16 * 1024);
  await page.evaluate(() => McuFlashHarness.connectSerial());
  fakes.hub.printConsole(FAKE_SERIAL_ID, "uart:~$ ");
  const result = await page.evaluate((b64) => McuFlashHarness.upload(b64), toBase64(image));
  if (!result.ok) throw new Error(result.error.message);
  expect(result.value).toMatchObject({ bytes: image.length, resumedFrom: 0 });
  expect(result.value.progress.length).toBeGreaterThan(5);
  expect(result.value.progress.at(-1)).toBe(image.length);
  expect(device.slotBytes(1).subarray(0, image.length)).toEqual(image);
  expect(await page.evaluate(() => McuFlashHarness.consoleText())).toBe("uart:~$ ");
});

test("an unplug mid-upload is a link loss; after replugging the upload resumes from the device's offset", async () => {
  const device = await fastSimulatedDevice("serial");
  const { page, fakes } = await start(device);
  const image = await testImage(24 * 1024);
  await page.evaluate(() => McuFlashHarness.connectSerial());
  let pulledAt = 0;
  const stop = device.onEvent((event) => {
    if (event.type === "upload" && pulledAt === 0 && event.off >= image.length / 2) {
      pulledAt = event.off;
      fakes.hub.unplug(FAKE_SERIAL_ID);
    }
  });
  const first = await page.evaluate((b64) => McuFlashHarness.upload(b64), toBase64(image));
  stop();
  expect(first).toMatchObject({
    ok: false,
    error: { code: expect.stringMatching(/^(link-lost|send-failed)$/) },
  });
  expect(await page.evaluate(() => McuFlashHarness.closedReason())).toMatchObject({ kind: "lost" });

  fakes.hub.replug(FAKE_SERIAL_ID);
  expect(await page.evaluate(() => McuFlashHarness.reconnect())).toMatchObject({ ok: true });
  const second = await page.evaluate((b64) => McuFlashHarness.upload(b64), toBase64(image));
  if (!second.ok) throw new Error(second.error.message);
  expect(second.value.resumedFrom).toBeGreaterThanOrEqual(pulledAt);
  expect(device.slotBytes(1).subarray(0, image.length)).toEqual(image);
});

test("after a device reset the factory reopens the same port once it is back", async () => {
  const device = await fastSimulatedDevice("serial");
  const { page } = await start(device);
  await page.evaluate(() => McuFlashHarness.connectSerial());
  device.reset("test");
  expect(await page.evaluate(() => McuFlashHarness.closedReason())).toEqual({
    kind: "lost",
    code: "link-lost",
  });
  expect(await page.evaluate(() => McuFlashHarness.reconnect())).toMatchObject({ ok: true });
  expect(await page.evaluate(() => McuFlashHarness.echo("alive"))).toEqual({ ok: true, value: "alive" });
  expect(device.resetCount).toBe(1);
});

test("a device that never answers gives a typed timeout", async () => {
  const device = await fastSimulatedDevice("serial");
  const { page, fakes } = await start(device);
  await page.evaluate(() => McuFlashHarness.connectSerial());
  fakes.hub.setMuted(FAKE_SERIAL_ID, true);
  const result = await page.evaluate(() => McuFlashHarness.echo("anyone?", 300));
  expect(result).toMatchObject({ ok: false, error: { name: "SmpTimeoutError", code: "smp-timeout" } });
});

test("a port held by another program is reported as busy, with what to do", async () => {
  const device = await fastSimulatedDevice("serial");
  const { page, fakes } = await start(device);
  fakes.hub.setBusy(FAKE_SERIAL_ID, true);
  const result = await page.evaluate(() => McuFlashHarness.connectSerial());
  expect(result).toMatchObject({
    ok: false,
    error: { code: "port-busy", message: /in use by another program/ },
  });
});
