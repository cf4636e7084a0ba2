// A device whose other slot is taken, in the real app over the real Web Serial transport (only
// navigator.serial is a fake, bridged to a simulated Zephyr device in this process): an image on trial is shown
// with a Keep button and an update explains why it cannot start; a pending image in the other slot makes the
// update ask, in the page, before erasing it.

import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import type { Browser, Page } from "playwright-core";
import { buildImage, type SimulatedDevice } from "../../src/sim/index.js";
import { launchChromium, serveBuiltApp, type ServedApp } from "../support/browser/launch.js";
import { FAKE_SERIAL_ID, installFakeWebApis } from "../support/fake-web-apis/install.js";
import { fastSimulatedDevice } from "../support/fake-web-apis/sim.js";
import { stageSlots } from "../support/sim/stage-slots.js";

let browser: Browser;
let app: ServedApp;

beforeAll(async () => {
  [browser, app] = await Promise.all([launchChromium(), serveBuiltApp()]);
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

const imageVersion = (minor: number) =>
  buildImage({ version: { major: 1, minor, revision: 0 }, bodySize: 16 * 1024, seed: minor });

async function connectOverSerial(
  device: SimulatedDevice,
): Promise<{ page: Page; close: () => Promise<void> }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const fakes = await installFakeWebApis(page, { device });
  await page.goto(app.url);
  fakes.hub.chooseNext(FAKE_SERIAL_ID);
  await page.getByRole("button", { name: "USB serial" }).click();
  await page.getByText(/^Connected · /).waitFor();
  return { page, close: () => context.close() };
}

async function pickImage(page: Page, bytes: Uint8Array): Promise<void> {
  const file = join(mkdtempSync(join(tmpdir(), "mcuflash-img-")), "app-1.6.0.bin");
  writeFileSync(file, bytes);
  await page.setInputFiles('[data-testid="firmware-file"]', file);
  await page.getByRole("checkbox", { name: /send this untrusted image anyway/ }).check();
}

test("an image on trial: the update says why it cannot start; Keep confirms it; then the update runs", async () => {
  const device = await fastSimulatedDevice("serial");
  await stageSlots(device, await imageVersion(5), "test-only");
  const { page, close } = await connectOverSerial(device);

  const notice = page.getByTestId("trial-notice");
  await notice.getByText("Version 1.5.0 is running on trial.").waitFor();
  await notice.getByText(/next reset goes back to 1\.0\.0/).waitFor();

  await pickImage(page, await imageVersion(6));
  await page.getByRole("button", { name: "Start update" }).click();
  const end = page.getByTestId("end-state");
  await end.getByText(/trying out version 1\.5\.0/).waitFor({ timeout: 30_000 });
  await end.getByText(/Keep \(Keep\)|keep the version on trial/).waitFor();
  // Nothing was marked on the device: the slots are as they were.
  expect(device.slots()[0]).toMatchObject({ active: true, confirmed: false });

  await notice.getByRole("button", { name: "Keep 1.5.0" }).click();
  await page.getByTestId("trial-notice-result").getByText("Kept: 1.5.0 stays after a reset.").waitFor();
  expect(device.slots()[0]).toMatchObject({ active: true, confirmed: true });
  await expect(page.getByTestId("trial-notice").count()).resolves.toBe(0);

  await page.getByRole("button", { name: "Start again", exact: true }).click();
  await end.getByText("Now running 1.6.0").waitFor({ timeout: 60_000 });
  await close();
});

test("a pending image in the other slot: the page asks before erasing, and says what to do when refused", async () => {
  const device = await fastSimulatedDevice("serial");
  await stageSlots(device, await imageVersion(5), "upload-only", true);
  expect(device.slots()[1]).toMatchObject({ pending: true });
  const { page, close } = await connectOverSerial(device);
  await pickImage(page, await imageVersion(6));

  // First answer no: nothing is erased and the image is kept.
  await page.getByRole("button", { name: "Start update" }).click();
  const prompt = page.getByRole("alertdialog", { name: "The update needs your answer" });
  await prompt.getByText(/version 1\.5\.0, set to be installed on trial at the next reset/).waitFor({
    timeout: 30_000,
  });
  // The safe answer has the focus.
  await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe("No, stop the update");
  await prompt.getByRole("button", { name: "No, stop the update" }).click();
  const end = page.getByTestId("end-state");
  await end.getByText(/It was kept/).waitFor();
  expect(device.slots()[1]).toMatchObject({ pending: true });

  // Then yes: this Zephyr build refuses to erase a pending slot, and the page says how to get out of it.
  await page.getByRole("button", { name: "Start again", exact: true }).click();
  await prompt.getByRole("button", { name: "Yes, erase it" }).click();
  await end.getByText(/refuses to erase version 1\.5\.0/).waitFor({ timeout: 30_000 });
  await end.getByText(/ALLOW_ERASE_PENDING/).waitFor();
  expect(device.slots()[1]).toMatchObject({ pending: true });
  await close();
});
