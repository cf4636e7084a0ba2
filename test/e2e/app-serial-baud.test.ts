// The serial link's baud rate: picked in the connect step, remembered for that port (by its USB ids), used
// again the next time the same port is chosen, and named on the connection status line (nothing for
// Bluetooth). Over the fake navigator.serial and navigator.bluetooth.

import { afterAll, beforeAll, expect, test } from "vitest";
import type { Browser } from "playwright-core";
import { launchChromium, serveBuiltApp, type ServedApp } from "../support/browser/launch.js";
import { installFakeWebApis } from "../support/fake-web-apis/install.js";
import { fastSimulatedDevice } from "../support/fake-web-apis/sim.js";
import { seriousViolations } from "../support/browser/axe.js";

let browser: Browser;
let app: ServedApp;

beforeAll(async () => {
  [browser, app] = await Promise.all([launchChromium(), serveBuiltApp()]);
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

test("a baud rate picked for a port is used and remembered for that port", async () => {
  const page = await browser.newPage({ viewport: { width: 1366, height: 800 } });
  const fakes = await installFakeWebApis(page, { device: await fastSimulatedDevice("serial") });
  const opens = () => fakes.hub.calls.flatMap((c) => (c.op === "serial-open" ? [c.baudRate] : []));
  await page.goto(app.url);
  const connect = page.getByRole("region", { name: "Connect" });
  const serial = connect.getByRole("button", { name: "USB serial", exact: true });
  const baud = connect.getByLabel("Baud rate");

  await serial.click();
  await connect.getByText(/^Connected · /).waitFor({ timeout: 30_000 });
  expect(opens().at(-1)).toBe(115200);
  await expect(connect.getByRole("status").first().innerText()).resolves.toMatch(
    /^Connected · USB 2fe3:0100.* · 115200 baud$/,
  );
  await connect.getByRole("button", { name: "Disconnect" }).click();

  await baud.selectOption("921600");
  await serial.click();
  await connect.getByText(/^Connected · /).waitFor({ timeout: 30_000 });
  expect(opens().at(-1)).toBe(921600);
  await connect.getByText(/ · 921600 baud$/).waitFor();
  await connect.getByRole("button", { name: "Disconnect" }).click();

  // A new visit: "as last time for this port" opens the same port at 921600.
  await page.reload();
  await expect(baud.inputValue()).resolves.toBe("");
  await serial.click();
  await connect.getByText(/^Connected · /).waitFor({ timeout: 30_000 });
  expect(opens().at(-1)).toBe(921600);
  await page.close();
});

test("Bluetooth has no baud rate; a device without os info reports no hardware, and the page says so", async () => {
  // axe is injected as a script: the context bypasses the app's CSP.
  const context = await browser.newContext({ viewport: { width: 1366, height: 800 }, bypassCSP: true });
  const page = await context.newPage();
  await installFakeWebApis(page, { device: await fastSimulatedDevice("ble", { os: { info: false } }) });
  await page.goto(app.url);
  const connect = page.getByRole("region", { name: "Connect" });
  await connect.getByRole("button", { name: "Bluetooth", exact: true }).click();
  await connect.getByText(/^Connected · /).waitFor({ timeout: 30_000 });
  const status = await connect.getByRole("status").first().innerText();
  expect(status).toBe("Connected · Zephyr SMP");
  expect(status).not.toMatch(/baud/i);
  const device = page.getByRole("region", { name: "Device" });
  await device.getByText("Read at").waitFor();
  const facts = await device.locator("dl.facts").innerText();
  expect(facts).toContain("OS\nnot reported");
  expect(facts).toContain("Hardware\nnot reported");
  await expect(seriousViolations(page)).resolves.toEqual([]);
  await context.close();
});
