// docs/examples/install-element.html as a vendor would use it: the plain page next to the package's one
// self-contained script (lib/mcuflash-install.js), with the manifest beside it. With `demo`, the element installs
// on a simulated device; the page fetches that one script and the vendor's files, nothing else.

import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { ROOT, collectPageErrors, launchChromium } from "../support/browser/launch.js";
import { writeVendorFiles } from "../support/browser/install-fixtures.js";
import { startInstallServer, type InstallServer } from "../support/browser/install-server.js";

let browser: Browser;
let server: InstallServer;
let pageDir: string;

beforeAll(async () => {
  const build = (await import(join(ROOT, "scripts/package-build.mjs"))) as {
    buildInstallScript: () => Promise<unknown>;
  };
  const [launched, vendor] = await Promise.all([
    launchChromium(),
    writeVendorFiles("/unused.js"),
    build.buildInstallScript(),
  ]);
  browser = launched;
  pageDir = mkdtempSync(join(tmpdir(), "mcuflash-example-page-"));
  copyFileSync(join(ROOT, "docs/examples/install-element.html"), join(pageDir, "index.html"));
  copyFileSync(join(ROOT, "lib/mcuflash-install.js"), join(pageDir, "mcuflash-install.js"));
  server = await startInstallServer([
    { prefix: "/firmware/", dir: vendor.dir },
    { prefix: "/", dir: pageDir },
  ]);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (pageDir) rmSync(pageDir, { recursive: true, force: true });
});

test("the documented page installs on the demo device from the self-contained script", async () => {
  const context = await browser.newContext({ viewport: { width: 800, height: 900 } });
  const page = await context.newPage();
  const errors = await collectPageErrors(page);
  await page.goto(`${server.origin}/`);
  const element = page.locator("mcuflash-install");
  await element.getByRole("button", { name: "Update my sensor" }).click();
  await element.getByRole("button", { name: "Install 1.1.0" }).click({ timeout: 30_000 });
  await element.getByText("✓ Done: your Acme Sensor now runs 1.1.0").waitFor({ timeout: 90_000 });
  const scripts = server.requests.filter((path) => path.endsWith(".js"));
  expect(scripts).toEqual(["/mcuflash-install.js"]);
  expect(server.requests).toEqual(
    expect.arrayContaining(["/firmware/manifest.json", "/firmware/firmware/acme-1.1.0.bin"]),
  );
  expect(errors).toEqual([]);
  await context.close();
}, 180_000);
