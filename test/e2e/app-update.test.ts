// The whole flow against the built-in demo device (the simulator in a lazy chunk): connect, read the slots,
// echo, verify, update with every step visible, the tab guarded while it runs, a clear end state, the run
// in the history, and the history exported as a JSON download. Then cancel mid-upload and resume.

import { readFileSync } from "node:fs";
import { afterAll, beforeAll, expect, test } from "vitest";
import type { Browser, Page } from "playwright-core";
import {
  collectPageErrors,
  launchChromium,
  serveBuiltApp,
  type ServedApp,
} from "../support/browser/launch.js";
import { vectorPath } from "../support/vectors.js";
import { unfold } from "../support/browser/app-steps.js";

let browser: Browser;
let app: ServedApp;

beforeAll(async () => {
  [browser, app] = await Promise.all([launchChromium(), serveBuiltApp()]);
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

async function prepare(page: Page, image: string): Promise<string> {
  await page.goto(app.url);
  await page.getByRole("button", { name: "Demo device" }).click();
  await unfold(page, "Device");
  await unfold(page, "Trusted keys");
  const device = page.getByRole("region", { name: "Device" });
  await device.getByRole("table").waitFor();
  const keys = page.getByRole("region", { name: "Trusted keys" });
  await keys
    .getByLabel("Add a public key")
    .fill(readFileSync(vectorPath("mcuboot", "keys", "ed25519.pub.pem"), "utf8"));
  await keys.getByLabel("Name (optional)").fill("Demo key");
  await keys.getByRole("button", { name: "Add key" }).click();
  await keys.getByText("Added “Demo key”").waitFor();
  await page.setInputFiles('[data-testid="firmware-file"]', vectorPath("mcuboot", "images", "signed", image));
  await page.getByTestId("verification-report").getByText(image).waitFor();
  const version =
    (await page.getByTestId("verification-report").locator("dt:text('Version') + dd").textContent()) ?? "";
  expect(version).toMatch(/^\d+\.\d+\.\d+\+\d+$/);
  return version;
}

test("the demo device updates end to end, and the history exports as JSON", async () => {
  const context = await browser.newContext({
    acceptDownloads: true,
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
  });
  const page = await context.newPage();
  // The strict CSP must hold through the whole flow (lazy chunks, simulator, SMP codec, download).
  const errors = await collectPageErrors(page);
  const version = await prepare(page, "ed25519-300k.bin");

  const device = page.getByRole("region", { name: "Device" });
  await expect(device.getByRole("row").count()).resolves.toBe(2); // header + the factory image
  await expect(device.getByRole("cell", { name: "1.0.0" }).count()).resolves.toBe(1);
  await device
    .getByText(/Zephyr/)
    .first()
    .waitFor();
  await device.getByRole("button", { name: "Echo" }).click();
  await device.getByText(/Answered “hello” in \d+ ms/).waitFor();
  // Reset: the link drops with the restart, the app reconnects on its own and reads the device again.
  await device.getByRole("button", { name: "Reset" }).click();
  await page.getByText("The device is restarting; reconnecting…").waitFor();
  await page.getByText(/^Connected · /).waitFor({ timeout: 20_000 });
  await device.getByRole("cell", { name: "1.0.0" }).waitFor();

  const update = page.getByRole("region", { name: "Update" });
  await update.getByRole("button", { name: "Start update" }).click();
  await update.getByRole("list", { name: "Update steps" }).waitFor();
  await update.locator(".step-active .step-label", { hasText: "Upload" }).waitFor();
  await update.locator("progress").waitFor();
  await expect.poll(() => page.getByTestId("update-live").textContent()).toMatch(/^Uploading: \d+%$/);

  // Closing the tab mid-upload asks first; the user stays.
  const asked = new Promise<string>((resolve) =>
    page.once("dialog", (dialog) => {
      resolve(dialog.type());
      void dialog.dismiss();
    }),
  );
  await page.close({ runBeforeUnload: true });
  await expect(asked).resolves.toBe("beforeunload");
  expect(page.isClosed()).toBe(false);

  await page.getByTestId("end-state").waitFor({ timeout: 90_000 });
  await expect(page.getByTestId("end-state").textContent()).resolves.toContain(`Now running ${version}`);
  for (const label of [
    "Upload",
    "Mark for test",
    "Reset the device",
    "Reconnect",
    "Check which image runs",
    "Confirm the new image",
  ]) {
    await update.locator(".step-done .step-label", { hasText: label }).waitFor();
  }
  // The device panel reads the device again: the new image runs, confirmed.
  // Wait for the new state itself (the old image's row also says "confirmed" until the panel refreshes).
  // One version format everywhere: the slot table writes it as the report and the end state do (1.2.3+4).
  const newActive = device.locator("tr.active-row").filter({ hasText: version });
  await newActive.getByText("confirmed").waitFor();
  await expect(device.locator("tr.active-row td[data-label=Version]").textContent()).resolves.toBe(version);
  // With everything on screen (slots, report, steps, history), every control is still fingertip-sized.
  const small = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>("button, select, input:not([type=file]), textarea, summary")]
      .filter((el) => el.offsetParent !== null)
      .map((el) => ({ el, box: (el.closest("label") ?? el).getBoundingClientRect() }))
      .filter(({ box }) => box.height < 44 || box.width < 44)
      .map(({ el, box }) => `${el.tagName} "${el.textContent?.trim() ?? ""}" ${box.width}x${box.height}`),
  );
  expect(small).toEqual([]);

  const history = page.getByRole("region", { name: "History" });
  await unfold(page, "History");
  await history.locator("summary .badge", { hasText: "installed" }).waitFor();
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    history.getByRole("button", { name: "Export JSON" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^mcuflash-audit-\d{8}-\d{6}\.json$/);
  const exported = JSON.parse(readFileSync(await download.path(), "utf8")) as {
    format: string;
    updates: { result: string; imageVersion: string; audit: { step: string; result: string }[] }[];
  };
  expect(exported.format).toBe("mcuflash-audit");
  expect(exported.updates).toHaveLength(1);
  expect(exported.updates[0]?.result).toBe("running-new");
  expect(exported.updates[0]?.imageVersion).toBe(version);
  expect(exported.updates[0]?.audit.map((r) => r.step)).toEqual(
    expect.arrayContaining(["upload", "reset", "check", "confirm", "done"]),
  );

  // The history survives a reload.
  await page.reload();
  await unfold(page, "History");
  await page
    .getByRole("region", { name: "History" })
    .locator("summary .badge", { hasText: "installed" })
    .waitFor();
  expect(errors).toEqual([]);
  await context.close();
});

test("a cancelled upload is offered for resume and completes from where it stopped", async () => {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  const page = await context.newPage();
  await prepare(page, "ed25519-300k.bin");
  const update = page.getByRole("region", { name: "Update" });
  await update.getByRole("button", { name: "Start update" }).click();
  await expect.poll(() => page.getByTestId("update-live").textContent()).toMatch(/^Uploading: [1-9]\d%$/);
  await update.getByRole("button", { name: "Cancel update…" }).click();
  await update.getByRole("button", { name: "Stop the update" }).click();
  await page.getByTestId("end-state").getByText("Cancelled").waitFor();
  const banner = update.getByText(/An upload of .*ed25519-300k\.bin.* stopped at \d+%/);
  await banner.waitFor();
  // The banner and the stopped progress name the same percentage, and it does not ask to open what is open.
  const stoppedAt = await update.locator(".progress-percent").textContent();
  expect(/stopped at (\d+%)/.exec((await banner.textContent()) ?? "")?.[1]).toBe(stoppedAt);
  await expect(banner.textContent()).resolves.toContain("This file is open: press Start again");
  await expect(update.getByRole("button", { name: "Open this firmware" }).count()).resolves.toBe(0);

  // Start again resumes: the device reports its offset and only the rest is sent.
  await update.getByRole("button", { name: "Start again (resumes)" }).click();
  await page
    .getByTestId("end-state")
    .getByText(/Now running/)
    .waitFor({ timeout: 90_000 });
  const uploadMessage = await update
    .locator(".step", { hasText: "Upload" })
    .locator(".step-message")
    .textContent();
  const sent = Number(/Uploaded ([\d,]+) bytes/.exec(uploadMessage ?? "")?.[1]?.replaceAll(",", ""));
  expect(sent).toBeGreaterThan(0);
  expect(sent).toBeLessThan(307_856);
  await expect(update.getByText(/An upload of/).count()).resolves.toBe(0);
  const history = page.getByRole("region", { name: "History" });
  await history.locator("summary .badge", { hasText: "cancelled" }).waitFor();
  await history.locator("summary .badge", { hasText: "installed" }).waitFor();
  await context.close();
});
