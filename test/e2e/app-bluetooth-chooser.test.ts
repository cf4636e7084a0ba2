// The Bluetooth chooser finds products that advertise only their name: a name-prefix filter, or every device
// nearby; the choice is remembered. Over the fake navigator.bluetooth, with a simulated device behind it that
// does not advertise the SMP service.

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

test("a device advertising only its name: found by its prefix, or with 'show all devices'", async () => {
  const page = await browser.newPage({
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
  });
  const peer = await fastSimulatedDevice("ble");
  const fakes = await installFakeWebApis(page, {
    bluetoothDevices: [{ id: "acme", name: "Acme Sensor 7", advertisesSmp: false, peer }],
  });
  const requests = () => fakes.hub.calls.filter((c) => c.op === "ble-request").map((c) => JSON.stringify(c));
  await page.goto(app.url);
  const connect = page.getByRole("region", { name: "Connect" });
  const bluetooth = connect.getByRole("button", { name: "Bluetooth", exact: true });

  // By the SMP service alone the chooser lists nothing.
  await bluetooth.click();
  await connect.locator(".notice").waitFor();
  await expect(connect.getByRole("status").textContent()).resolves.toContain("Not connected");

  await connect.getByText("Device not listed? Bluetooth options").click();
  await connect.getByLabel("Also list devices whose name starts with").fill("Acme");
  await bluetooth.click();
  await connect.getByText(/^Connected · Acme Sensor 7/).waitFor({ timeout: 30_000 });
  expect(requests().at(-1)).toContain('"namePrefix":"Acme"');
  await connect.getByRole("button", { name: "Disconnect" }).click();

  // Remembered across a reload; "show all" asks the browser for every device.
  await page.reload();
  await connect.getByLabel("Also list devices whose name starts with").waitFor();
  await expect(connect.getByLabel("Also list devices whose name starts with").inputValue()).resolves.toBe(
    "Acme",
  );
  await connect.getByLabel("Show all Bluetooth devices nearby").check();
  await bluetooth.click();
  await connect.getByText(/^Connected · Acme Sensor 7/).waitFor({ timeout: 30_000 });
  expect(requests().at(-1)).toContain('"acceptAll":true');
  await page.close();
});
