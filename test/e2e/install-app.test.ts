// The focused install screen (?manifest=URL) in Debian's Chromium, against a manifest, demo-signed firmware and
// the vendor's key served from 127.0.0.1: install on the demo device, a batch of three with the audit export,
// an offline install from what the first visit kept, and manifests that must be refused with their reason.

import { readFileSync } from "node:fs";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { launchChromium } from "../support/browser/launch.js";
import {
  builtAppMount,
  connectDemo,
  expectFingertipTargets,
  installAndWait,
  newContext,
  openInstall,
} from "../support/browser/install-app-page.js";
import { writeVendorFiles, type VendorFiles } from "../support/browser/install-fixtures.js";
import { startInstallServer, type InstallServer } from "../support/browser/install-server.js";

let browser: Browser;
let server: InstallServer;
let vendor: VendorFiles;

beforeAll(async () => {
  vendor = await writeVendorFiles("/embed/mcuflash-install.js");
  browser = await launchChromium();
  server = await startInstallServer([builtAppMount, { prefix: "/vendor/", dir: vendor.dir }]);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const pageUrl = (manifest: string) => `${server.origin}/?manifest=/vendor/${manifest}`;

test("a vendor manifest installs its newest release on the demo device", async () => {
  const context = await newContext(browser, true);
  const { page, errors } = await openInstall(context, pageUrl("manifest.json"));
  await page.getByRole("heading", { level: 1, name: "Update your Acme Sensor" }).waitFor();
  await page.locator("[data-testid=install-offline][data-ready=true]").waitFor({ timeout: 30_000 });
  // Only the links the manifest allows (both here) and the demo device are offered.
  await expect(
    page.getByRole("list", { name: "Ways to connect" }).getByRole("button").allTextContents(),
  ).resolves.toEqual(["Bluetooth", "USB serial", "Demo device"]);

  await connectDemo(page);
  const checks = page.getByRole("list", { name: "Product checks" });
  await expect(checks.textContent()).resolves.toContain('Board "nrf52840dk/nrf52840" matches /^nrf52840dk/');
  const release = page.getByTestId("install-release");
  await expect(release.textContent()).resolves.toMatch(
    /Version 1\.1\.0.*Update from 1\.0\.0 to 1\.1\.0\..*Faster sensor sampling/s,
  );

  await page.getByRole("button", { name: "Install 1.1.0" }).click();
  await page.getByRole("list", { name: "Update steps" }).waitFor();
  await page.getByRole("progressbar", { name: "Upload progress" }).waitFor();
  const end = page.getByTestId("install-end-state");
  await end.waitFor({ timeout: 90_000 });
  await expect(end.textContent()).resolves.toContain("Done: your Acme Sensor now runs 1.1.0");
  await expect(page.getByTestId("install-live").textContent()).resolves.toContain("now runs 1.1.0");
  const rows = page.getByRole("table", { name: "Devices in this batch" }).getByRole("row");
  await expect(rows.count()).resolves.toBe(2);
  // The device column names the simulated device in the screen's language (a real one shows its link label).
  await expect(rows.nth(1).textContent()).resolves.toMatch(
    /1Demo device \d+ \(simulated\)1\.0\.0 → 1\.1\.0Updated/,
  );
  await expectFingertipTargets(page);
  expect(errors).toEqual([]);
  await context.close();
});

test("a batch of three demo devices, the audit export, then an offline install from what was kept", async () => {
  const context = await newContext(browser);
  const { page, errors } = await openInstall(context, pageUrl("manifest.json"));
  await page.locator("[data-testid=install-offline][data-ready=true]").waitFor({ timeout: 30_000 });
  for (let n = 1; n <= 3; n++) {
    if (n > 1) await page.getByRole("button", { name: "Update another device" }).click();
    await connectDemo(page);
    await expect(installAndWait(page)).resolves.toContain("now runs 1.1.0");
  }
  const rows = page.getByRole("table", { name: "Devices in this batch" }).getByRole("row");
  await expect(rows.count()).resolves.toBe(4);

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Export audit (JSON)" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^acme-sensor-install-\d{8}-\d{6}\.json$/);
  const audit = JSON.parse(readFileSync(await download.path(), "utf8")) as {
    format: string;
    release: { version: string; images: { sha256: string }[] };
    summary: Record<string, number>;
    devices: { index: number; result: string; audit: { step: string }[] }[];
  };
  expect(audit.format).toBe("mcuflash-install-audit");
  expect(audit.release.version).toBe("1.1.0");
  expect(audit.release.images[0]?.sha256).toBe(vendor.sha256);
  expect(audit.summary).toMatchObject({ devices: 3, "running-new": 3, failed: 0 });
  expect(audit.devices.map((d) => d.index)).toEqual([1, 2, 3]);
  for (const device of audit.devices) {
    expect(device.audit.map((r) => r.step)).toEqual(
      expect.arrayContaining(["verify", "upload", "reset", "check", "confirm", "done"]),
    );
  }

  // The vendor's server is gone: the manifest, the key and the firmware kept by the first visit still install.
  server.down = ["/vendor/"];
  try {
    const offline = await openInstall(context, pageUrl("manifest.json"));
    await offline.page.getByRole("heading", { level: 1, name: "Update your Acme Sensor" }).waitFor();
    await connectDemo(offline.page);
    await expect(installAndWait(offline.page)).resolves.toContain("now runs 1.1.0");
    expect(offline.errors.filter((e) => !/503/.test(e))).toEqual([]);
  } finally {
    server.down = [];
  }
  // With the app's service worker: no network at all, the page itself included.
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await context.setOffline(true);
  const noNetwork = await openInstall(context, pageUrl("manifest.json"));
  await connectDemo(noNetwork.page);
  await expect(installAndWait(noNetwork.page)).resolves.toContain("now runs 1.1.0");
  await context.setOffline(false);
  expect(errors).toEqual([]);
  await context.close();
});

test("opened once online (no install), the page installs offline: key and the step-up release were kept", async () => {
  const context = await newContext(browser);
  const { page } = await openInstall(context, pageUrl("manifest-path.json"));
  await expect.poll(() => page.title()).toBe("Update your Acme Sensor · McuFlash");
  const offline = page.getByTestId("install-offline");
  await page.locator("[data-testid=install-offline][data-ready=true]").waitFor({ timeout: 30_000 });
  // It says exactly what is ready: the key and both releases on the path (1.0.0 is on no device's path).
  await expect(offline.textContent()).resolves.toMatch(
    /^Ready offline: this page, its signing key and versions 1\.2\.0 and 1\.1\.0 .*are saved on this device/,
  );
  await page.close();

  server.down = ["/vendor/"];
  try {
    const again = await openInstall(context, pageUrl("manifest-path.json"));
    await connectDemo(again.page);
    // The demo device runs 1.0.0: it needs 1.1.0 before 1.2.0, and 1.1.0 was kept although never installed.
    await expect(again.page.getByTestId("install-release").textContent()).resolves.toMatch(/Version 1\.1\.0/);
    await expect(installAndWait(again.page)).resolves.toContain("now runs 1.1.0");
  } finally {
    server.down = [];
  }
  await context.close();
});

test("after a step up (1.0.0 → 1.1.0) the page offers the release that now fits, and installs it", async () => {
  const context = await newContext(browser, true);
  const { page } = await openInstall(context, pageUrl("manifest-path.json"));
  await connectDemo(page);
  await expect(installAndWait(page, "1.1.0")).resolves.toContain("now runs 1.1.0");
  const next = page.getByTestId("install-next-step");
  await expect(next.textContent()).resolves.toContain("This device can now take version 1.2.0");
  await next.getByRole("button", { name: "Continue to 1.2.0" }).click();
  await expect(installAndWait(page, "1.2.0")).resolves.toContain("now runs 1.2.0");
  await expect(page.getByTestId("install-next-step").count()).resolves.toBe(0);
  await context.close();
});

test("a wrong hash, a wrong key and an invalid manifest are refused with the reason", async () => {
  const context = await newContext(browser, false, "dark");
  const hash = await openInstall(context, pageUrl("manifest-wrong-hash.json"));
  await connectDemo(hash.page);
  const hashEnd = await installAndWait(hash.page);
  expect(hashEnd).toContain("The install did not complete");
  expect(hashEnd).toMatch(
    /acme-1\.1\.0\.bin does not have the SHA-256 the manifest promises \(releases\[1\]\.images\[0\]\.sha256/,
  );
  expect(hashEnd).toContain("Nothing was sent to the device");

  const key = await openInstall(context, pageUrl("manifest-wrong-key.json"));
  await connectDemo(key.page);
  const keyEnd = await installAndWait(key.page);
  expect(keyEnd).toMatch(
    /The image was refused: The image is intact but not signed by the manifest's key \("Acme release key"\)/,
  );
  const rows = key.page.getByRole("table", { name: "Devices in this batch" }).getByRole("row");
  await expect(rows.nth(1).textContent()).resolves.toContain("Failed");

  const invalid = await openInstall(context, pageUrl("manifest-invalid.json"));
  const error = invalid.page.getByTestId("install-load-error");
  await error.waitFor();
  await expect(error.textContent()).resolves.toMatch(
    /schemaVersion: expected 1, found 3.*product: expected a string, found a number/s,
  );
  // Plain words first for the end user; the developer's detail is one click away.
  await expect(error.innerText()).resolves.toMatch(
    /^This update page cannot be used\. The update information published for this product contains a mistake/,
  );
  await expect(error.getByText(/schemaVersion: expected 1/).isVisible()).resolves.toBe(false);
  await error.getByText("Details for the vendor's developer").click();
  await expect(error.getByText(/schemaVersion: expected 1/).isVisible()).resolves.toBe(true);

  // A manifest address that answers with a web page (here the site's index.html) is explained as such.
  const html = await openInstall(context, `${server.origin}/?manifest=/support`);
  const htmlError = html.page.getByTestId("install-load-error");
  await htmlError.waitFor();
  await expect(htmlError.innerText()).resolves.toContain("does not lead to it");
  await expect(htmlError.textContent()).resolves.toContain(
    "answered with a web page (HTML), not with the JSON manifest",
  );
  await context.close();
});
