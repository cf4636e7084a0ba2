// The firmware panel: a signed image shows its report with the signer's name before anything can be sent,
// a tampered image is refused with its reason, an unsigned one needs the warned override, and a verified
// file is kept on this device for offline installs.

import { readFileSync } from "node:fs";
import { afterAll, beforeAll, expect, test } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchChromium, serveBuiltApp, type ServedApp } from "../support/browser/launch.js";
import { vectorPath } from "../support/vectors.js";

let browser: Browser;
let app: ServedApp;

beforeAll(async () => {
  [browser, app] = await Promise.all([launchChromium(), serveBuiltApp()]);
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

async function trustKey(page: Page, file: string, name: string): Promise<void> {
  const keys = page.getByRole("region", { name: "Trusted keys" });
  await keys.getByLabel("Add a public key").fill(readFileSync(vectorPath("mcuboot", "keys", file), "utf8"));
  await keys.getByLabel("Name (optional)").fill(name);
  await keys.getByRole("button", { name: "Add key" }).click();
  await keys.getByText(`Added “${name}”`).waitFor();
}

async function pick(page: Page, ...path: string[]): Promise<void> {
  await page.setInputFiles('[data-testid="firmware-file"]', vectorPath("mcuboot", ...path));
  await page
    .getByTestId("verification-report")
    .getByText(path.at(-1) ?? "")
    .waitFor();
}

const report = (page: Page) => page.getByTestId("verification-report");

test("a signed ed25519 image shows version, size, hash, signer and outcome", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(app.url);
  await trustKey(page, "ed25519.pub.pem", "Factory key");
  await pick(page, "images", "signed", "ed25519-1k.bin");

  await expect(page.getByTestId("verdict").textContent()).resolves.toMatch(/^Verified.*Factory key/);
  await expect(page.getByTestId("signer").textContent()).resolves.toBe("Factory key");
  await expect(page.getByTestId("outcome").textContent()).resolves.toBe("valid");
  const text = (await report(page).textContent()) ?? "";
  expect(text).toMatch(/Version\d+\.\d+\.\d+\+\d+/);
  expect(text).toMatch(/Size[\d,]+ bytes/);
  expect(text).toMatch(/Image hash \(sha256\)[0-9a-f]{12}…/);
  // The full hash is one click away (and in the accessible name of the copy button).
  await expect(
    report(page)
      .getByRole("button", { name: /^Copy image hash [0-9a-f]{64}$/ })
      .count(),
  ).resolves.toBe(1);

  // No device yet: Start explains what is missing.
  await expect(page.getByRole("button", { name: "Start update" }).isDisabled()).resolves.toBe(true);
  await page.getByText("Connect a device (step 1).").waitFor();

  // The verified file is kept for offline installs, across reloads.
  await page.reload();
  await page.getByText("Kept on this device for offline use (1)").click();
  await page.getByRole("button", { name: "Use ed25519-1k.bin" }).click();
  await expect(page.getByTestId("signer").textContent()).resolves.toBe("Factory key");
  await context.close();
});

test("a tampered image is refused with its reason, and nothing can override that", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(app.url);
  await trustKey(page, "ed25519.pub.pem", "Factory key");
  await pick(page, "tampered", "ed25519-seccnt-body-flip.bin");

  await expect(page.getByTestId("verdict").textContent()).resolves.toMatch(/^Refused/);
  await expect(page.getByTestId("outcome").textContent()).resolves.toBe("hash-mismatch");
  await expect(page.getByTestId("reason").textContent()).resolves.toMatch(
    /damaged or was altered after signing/,
  );
  await expect(page.getByTestId("signer").textContent()).resolves.toBe("untrusted");
  await expect(report(page).getByRole("checkbox").count()).resolves.toBe(0);
  await page.getByText("This image was refused by verification: it cannot be sent.").waitFor();

  await pick(page, "tampered", "ed25519-signed-by-other-key.bin");
  await expect(page.getByTestId("outcome").textContent()).resolves.toBe("bad-signature");

  await pick(page, "tampered", "ed25519-seccnt-truncated-in-body.bin");
  await expect(page.getByTestId("outcome").textContent()).resolves.toBe("malformed");
  await context.close();
});

test("an unsigned image is untrusted until the user ticks the warned override", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(app.url);
  await pick(page, "images", "unsigned", "sha256-1k.bin");
  await expect(page.getByTestId("verdict").textContent()).resolves.toMatch(/^Untrusted/);
  await expect(page.getByTestId("signer").textContent()).resolves.toBe("untrusted");
  const override = page.getByRole("checkbox", { name: /send this untrusted image anyway/ });
  await expect(override.isChecked()).resolves.toBe(false);
  await page.getByText(/tick the override box/).waitFor();
  await override.check();
  // With the override the only thing left is a device.
  await page.getByText("Connect a device (step 1).").waitFor();
  await context.close();
});

test("a file dropped on the drop zone is verified", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(app.url);
  const bytes = [...readFileSync(vectorPath("mcuboot", "images", "signed", "ecdsa-p256-1k.bin"))];
  const dataTransfer = await page.evaluateHandle((content) => {
    const transfer = new DataTransfer();
    transfer.items.add(
      new File([new Uint8Array(content)], "dropped.bin", { type: "application/octet-stream" }),
    );
    return transfer;
  }, bytes);
  await page.getByTestId("drop-zone").dispatchEvent("dragover", { dataTransfer });
  await page.getByTestId("drop-zone").dispatchEvent("drop", { dataTransfer });
  await report(page).getByText("dropped.bin").waitFor();
  await expect(page.getByTestId("outcome").textContent()).resolves.toBe("valid");
  await context.close();
});

test("an unreadable file and a bad address are explained", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(app.url);
  const firmware = page.getByRole("region", { name: "Firmware" });
  await firmware.getByLabel("Or download from an address").fill("http://example.com/app.bin");
  await firmware.getByRole("button", { name: "Download" }).click();
  await expect(firmware.getByRole("alert").textContent()).resolves.toMatch(/Only https/);

  await page.setInputFiles('[data-testid="firmware-file"]', {
    name: "empty.bin",
    mimeType: "application/octet-stream",
    buffer: Buffer.alloc(0),
  });
  await expect(firmware.getByRole("alert").textContent()).resolves.toMatch(/empty/);
  await context.close();
});

test("a firmware address on this site downloads and verifies", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  // Serve a vector image at a same-origin path, as a vendor's server would.
  await page.route("**/fw/app.signed.bin", (route) =>
    route.fulfill({
      status: 200,
      contentType: "application/octet-stream",
      body: readFileSync(vectorPath("mcuboot", "images", "signed", "ed25519-1k.bin")),
    }),
  );
  await page.goto(`${app.url}?firmware=${encodeURIComponent(`${app.url}fw/app.signed.bin`)}`);
  const firmware = page.getByRole("region", { name: "Firmware" });
  // A vendor link only fills in the address; the user starts the download.
  await expect(firmware.getByLabel("Or download from an address").inputValue()).resolves.toBe(
    `${app.url}fw/app.signed.bin`,
  );
  await firmware.getByRole("button", { name: "Download" }).click();
  await report(page).getByText("app.signed.bin").waitFor();
  await expect(page.getByTestId("outcome").textContent()).resolves.toBe("valid");
  await context.close();
});
