// The serial link's baud rate: picked in the connect step, remembered for that port (by its USB ids), and
// used again the next time the same port is chosen. Over the fake navigator.serial.

import { afterAll, beforeAll, expect, test } from "vitest";
import type { Browser } from "playwright-core";
import { launchChromium, serveBuiltApp, type ServedApp } from "../support/browser/launch.js";
import { installFakeWebApis } from "../support/fake-web-apis/install.js";
import { fastSimulatedDevice } from "../support/fake-web-apis/sim.js";

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
  await connect.getByRole("button", { name: "Disconnect" }).click();

  await baud.selectOption("921600");
  await serial.click();
  await connect.getByText(/^Connected · /).waitFor({ timeout: 30_000 });
  expect(opens().at(-1)).toBe(921600);
  await connect.getByRole("button", { name: "Disconnect" }).click();

  // A new visit: "as last time for this port" opens the same port at 921600.
  await page.reload();
  await expect(baud.inputValue()).resolves.toBe("");
  await serial.click();
  await connect.getByText(/^Connected · /).waitFor({ timeout: 30_000 });
  expect(opens().at(-1)).toBe(921600);
  await page.close();
});
