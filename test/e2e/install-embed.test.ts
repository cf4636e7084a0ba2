// <mcuflash-install> in a plain vendor page (no framework) served from 127.0.0.1: with `demo` it installs on
// the simulated device, telling the page each step by events and fetching nothing but its own script, the
// manifest, the key and the firmware; over (fake) Web Serial it offers only the manifest's links, behind the
// page's own button; in a browser without either link it shows the page's "unsupported" slot.

import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { collectPageErrors, launchChromium } from "../support/browser/launch.js";
import { FAKE_SERIAL_ID, installFakeWebApis } from "../support/fake-web-apis/install.js";
import { fastSimulatedDevice } from "../support/fake-web-apis/sim.js";
import { buildEmbed } from "../support/browser/embed-build.js";
import { writeVendorFiles, writeVendorPage, type VendorFiles } from "../support/browser/install-fixtures.js";
import { startInstallServer, type InstallServer } from "../support/browser/install-server.js";

const SCRIPT = "/embed/mcuflash-install.js";
let embedDir: string;
let browser: Browser;
let server: InstallServer;
let vendor: VendorFiles;

interface Recorded {
  readonly type: string;
  readonly detail: { state?: string; detail?: Record<string, unknown>; result?: string; code?: string };
}

beforeAll(async () => {
  const [launched, built, files] = await Promise.all([
    launchChromium(),
    buildEmbed(),
    writeVendorFiles(SCRIPT),
  ]);
  browser = launched;
  embedDir = built;
  vendor = files;
  writeVendorPage(
    vendor.dir,
    "page-serial.html",
    SCRIPT,
    `<mcuflash-install manifest="/manifest.json"><button slot="activate" class="vendor-button">Update my sensor</button></mcuflash-install>`,
  );
  server = await startInstallServer([
    { prefix: "/embed/", dir: embedDir },
    { prefix: "/", dir: vendor.dir },
  ]);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function open(
  path: string,
  prepare?: (page: Page) => Promise<void>,
): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ locale: "en-US", viewport: { width: 800, height: 900 } });
  const page = await context.newPage();
  const errors = await collectPageErrors(page);
  await page.addInitScript(() => {
    const events: unknown[] = [];
    Reflect.set(window, "recorded", events);
    for (const type of ["state-changed", "done", "error"]) {
      document.addEventListener(type, (e) => {
        if (e instanceof CustomEvent)
          events.push({ type, detail: JSON.parse(JSON.stringify(e.detail ?? null)) });
      });
    }
  });
  await prepare?.(page);
  await page.goto(`${server.origin}${path}`);
  return { page, errors };
}

const gzipKiB = (file: string) => gzipSync(readFileSync(join(embedDir, file)), { level: 9 }).length / 1024;

test("the element's script stays small: no words in it, one language chunk of words per element", () => {
  // Budgets, not timings: 102.5 KiB when the English catalogs were bundled into the script; the script alone is
  // ~78 KiB since each language became its own chunk (~21-26 KiB, most of it the error words a device or link can
  // cause). A static catalog import would break the first; bundling the app's catalog into a chunk the second.
  const files = readdirSync(embedDir);
  const initial = files.filter((f) => f === "mcuflash-install.js" || f.includes("-rolldown-runtime-"));
  const languages = files.filter((f) => /-words-[a-z]+-/.test(f));
  const initialKiB = initial.reduce((n, f) => n + gzipKiB(f), 0);
  console.log(
    `element: ${initialKiB.toFixed(1)} KiB gzipped; words: ${languages.map((f) => `${/-words-([a-z]+)-/.exec(f)?.[1]} ${gzipKiB(f).toFixed(1)} KiB`).join(", ")}`,
  );
  expect(initialKiB).toBeLessThan(82);
  expect(languages.map((f) => /-words-([a-z]+)-/.exec(f)?.[1]).sort()).toEqual(["de", "en", "zh"]);
  for (const file of languages) expect(gzipKiB(file)).toBeLessThan(30);
  const script = readFileSync(join(embedDir, "mcuflash-install.js"), "utf8");
  expect(script).not.toContain("Loading the firmware information");
  expect(script).not.toContain("Pick the device's port");
  expect(script).not.toContain("Lade die Firmware-Informationen");
});

const recorded = (page: Page) => page.evaluate(() => Reflect.get(window, "recorded") as Recorded[]);

test("with `demo`, the element installs on a simulated device and reports every step", async () => {
  server.requests.length = 0;
  const { page, errors } = await open("/page.html");
  const other: string[] = [];
  page.on("request", (request) => {
    if (!request.url().startsWith(server.origin)) other.push(request.url());
  });
  const element = page.locator("mcuflash-install");
  await element.getByRole("button", { name: "Update Acme Sensor" }).waitFor();
  await expect(page.getByText("Please open this page").isVisible()).resolves.toBe(false);

  await element.getByRole("button", { name: "Update Acme Sensor" }).click();
  await element.getByRole("button", { name: "Install 1.1.0" }).waitFor({ timeout: 30_000 });
  await expect(element.getByRole("list", { name: "Product checks" }).textContent()).resolves.toContain(
    "matches /^nrf52840dk/",
  );
  await element.getByRole("button", { name: "Install 1.1.0" }).click();
  await element.locator("progress").waitFor();
  // Like the app: percent, rate and time left while the upload runs.
  await expect
    .poll(() => element.locator("[part=progress-numbers]").textContent())
    .toMatch(/^\d+% · (\d+(\.\d)? [KM]?B\/s · (\d+ s|\d+ min \d+ s) left|estimating…|sent)$/);
  await element.getByText("✓ Done: your Acme Sensor now runs 1.1.0").waitFor({ timeout: 90_000 });
  await element.getByRole("button", { name: "Update another device" }).waitFor();
  await expect(page.evaluate(() => document.querySelector("mcuflash-install")?.state)).resolves.toBe("done");

  const events = await recorded(page);
  const states = events.filter((e) => e.type === "state-changed").map((e) => e.detail.state);
  expect([...new Set(states)]).toEqual([
    "loading",
    "ready",
    "connecting",
    "checking",
    "checked",
    "installing",
    "done",
  ]);
  const steps = events.filter((e) => e.detail.state === "installing").map((e) => e.detail.detail?.step);
  expect(steps).toEqual(
    expect.arrayContaining(["download", "verify", "upload", "reset", "check", "confirm"]),
  );
  const done = events.filter((e) => e.type === "done");
  expect(done).toHaveLength(1);
  expect(done[0]?.detail).toMatchObject({
    result: "running-new",
    release: "1.1.0",
    previousVersion: "1.0.0",
  });
  expect(events.filter((e) => e.type === "error")).toEqual([]);

  // Nothing but the page, the element's files (its English words only, the demo device), the manifest, the
  // key and the firmware.
  const paths = [...new Set(server.requests)].map((p) => p.replace(/-[\w-]{8}\.js$/, "-HASH.js")).sort();
  expect(paths).toEqual([
    "/embed/mcuflash-install-demo-devices-HASH.js",
    "/embed/mcuflash-install-rolldown-runtime-HASH.js",
    "/embed/mcuflash-install-words-en-HASH.js",
    "/embed/mcuflash-install.js",
    "/firmware/acme-1.1.0.bin",
    "/keys/acme-release.pem",
    "/manifest.json",
    "/page.html",
  ]);
  expect(other).toEqual([]);
  expect(errors).toEqual([]);
  await page.context().close();
});

test("after one install the page installs offline: manifest, key and firmware come from its own cache", async () => {
  const { page, errors } = await open("/page.html");
  const install = async () => {
    const element = page.locator("mcuflash-install");
    await element.getByRole("button", { name: "Update Acme Sensor" }).click();
    await element.getByRole("button", { name: "Install 1.1.0" }).click({ timeout: 30_000 });
    await element.getByText("✓ Done: your Acme Sensor now runs 1.1.0").waitFor({ timeout: 90_000 });
  };
  await install();

  await page.context().setOffline(true);
  server.requests.length = 0;
  // A fresh element, as on the next visit: it has nothing in memory and no network.
  await page.evaluate(() => {
    const old = document.querySelector("mcuflash-install");
    old?.replaceWith(old.cloneNode(false));
  });
  await install();
  expect(server.requests).toEqual([]);
  expect(errors.filter((e) => !/ERR_INTERNET_DISCONNECTED|Failed to fetch/.test(e))).toEqual([]);
  await page.context().close();
});

test("over Web Serial, behind the page's own button, with the manifest's USB filter", async () => {
  const device = await fastSimulatedDevice("serial");
  let fakes: Awaited<ReturnType<typeof installFakeWebApis>> | undefined;
  const { page, errors } = await open("/page-serial.html", async (p) => {
    fakes = await installFakeWebApis(p, { device });
  });
  const element = page.locator("mcuflash-install");
  await page.getByRole("button", { name: "Update my sensor" }).click();
  // Bluetooth and USB serial both allowed by the manifest and (faked) present: the element asks which.
  await element.getByRole("button", { name: "USB serial" }).waitFor();
  await expect(element.getByRole("button", { name: "Demo device" }).count()).resolves.toBe(0);
  fakes?.hub.chooseNext(FAKE_SERIAL_ID);
  await element.getByRole("button", { name: "USB serial" }).click();
  await element.getByRole("button", { name: "Install 1.1.0" }).click({ timeout: 30_000 });
  await element.getByText("✓ Done: your Acme Sensor now runs 1.1.0").waitFor({ timeout: 60_000 });
  const slots = device.slots();
  expect(slots.find((s) => s.active)?.version).toBe("1.1.0");
  expect(errors).toEqual([]);
  await page.context().close();
});

test("without Web Serial or Web Bluetooth, the page's `unsupported` slot is shown", async () => {
  const { page } = await open("/page-serial.html", async (p) => {
    await p.addInitScript(() => {
      for (const name of ["serial", "bluetooth"])
        Object.defineProperty(Navigator.prototype, name, { get: () => undefined, configurable: true });
    });
  });
  writeVendorPage(
    vendor.dir,
    "page-plain.html",
    SCRIPT,
    `<mcuflash-install manifest="/manifest.json"></mcuflash-install>`,
  );
  await page.getByText("This browser cannot reach the Acme Sensor", { exact: false }).waitFor();
  await expect(page.evaluate(() => document.querySelector("mcuflash-install")?.state)).resolves.toBe(
    "unsupported",
  );
  await expect(page.getByRole("button", { name: "Update my sensor" }).isVisible()).resolves.toBe(false);
  await page.goto(`${server.origin}/page.html`.replace("page.html", "page-plain.html"));
  await page.getByText("This browser cannot reach the Acme Sensor", { exact: false }).waitFor();
  await page.context().close();
});
