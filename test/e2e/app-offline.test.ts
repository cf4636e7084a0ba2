// Offline: after one visit the service worker has cached the app shell and every lazy chunk, so the app
// loads, verifies firmware and runs the demo device with no network at all. A new version is installed in
// the background and only activated when the user says so.

import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, expect, test } from "vitest";
import type { Browser } from "playwright-core";
import { preview } from "vite";
import { launchChromium, serveBuiltApp, type ServedApp } from "../support/browser/launch.js";
import { vectorPath } from "../support/vectors.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** Serves a private copy of dist/, so a test can put a "new build" in place without touching dist/. */
async function serveCopy(): Promise<ServedApp & { readonly dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), "mcuflash-dist-"));
  cpSync(join(ROOT, "dist"), dir, { recursive: true });
  const server = await preview({
    configFile: join(ROOT, "vite.config.ts"),
    logLevel: "warn",
    build: { outDir: dir },
    preview: { host: "127.0.0.1", port: 0, strictPort: false, open: false },
  });
  const address = server.httpServer.address();
  if (address === null || typeof address === "string")
    throw new Error("vite preview did not bind a TCP port");
  return {
    dir,
    url: `http://127.0.0.1:${address.port}/`,
    close: async () => {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

let browser: Browser;
let app: ServedApp;

beforeAll(async () => {
  [browser, app] = await Promise.all([launchChromium(), serveBuiltApp()]);
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

test("after the first visit the app loads and works offline", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  await page.goto(app.url);
  await page.getByTestId("offline-ready").waitFor({ timeout: 30_000 });
  await expect(page.getByTestId("offline-ready").textContent()).resolves.toBe("Ready to work offline");

  await context.setOffline(true);
  await page.reload();
  await page.getByRole("heading", { level: 1, name: "McuFlash" }).waitFor();
  await page.getByText("Offline", { exact: true }).waitFor();

  // The verifier is a lazy chunk: it must come from the cache too.
  const keys = page.getByRole("region", { name: "Trusted keys" });
  await keys
    .getByLabel("Add a public key")
    .fill(readFileSync(vectorPath("mcuboot", "keys", "ed25519.pub.pem"), "utf8"));
  await keys.getByLabel("Name (optional)").fill("Field key");
  await keys.getByRole("button", { name: "Add key" }).click();
  await keys.getByText("Added “Field key”").waitFor();
  await page.setInputFiles(
    '[data-testid="firmware-file"]',
    vectorPath("mcuboot", "images", "signed", "ed25519-64k.bin"),
  );
  await expect(page.getByTestId("signer").textContent()).resolves.toBe("Field key");

  // So is the demo device (the simulator chunk).
  await page.getByRole("button", { name: "Demo device" }).click();
  await page.getByRole("region", { name: "Device" }).getByRole("table").waitFor();
  expect(errors).toEqual([]);
  await context.close();
});

test("a new version waits for the user's go-ahead", async () => {
  const served = await serveCopy();
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(served.url);
    await page.getByTestId("offline-ready").waitFor({ timeout: 30_000 });
    // From the second load on, the service worker serves the page (a first visit is never controlled, and an
    // uncontrolled page has nothing to protect: a new worker simply takes over for the next load).
    await page.reload();
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    const before = await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL);

    // The server now has a new build: a service worker that differs by one byte.
    const swPath = join(served.dir, "sw.js");
    writeFileSync(swPath, `${readFileSync(swPath, "utf8")}\n// next build\n`);
    // Every state the new worker passes through, and every change of controller, as the browser reports them.
    await page.evaluate(async () => {
      const seen: string[] = [];
      (window as unknown as { swSeen: string[] }).swSeen = seen;
      navigator.serviceWorker.addEventListener("controllerchange", () => seen.push("controllerchange"));
      const registration = await navigator.serviceWorker.getRegistration();
      registration?.addEventListener("updatefound", () => {
        const worker = registration.installing;
        worker?.addEventListener("statechange", () => seen.push(worker.state));
      });
      await registration?.update();
    });
    const banner = page.getByRole("region", { name: "New version" });
    await banner.getByText("A new version of McuFlash is ready.").waitFor({ timeout: 30_000 });
    // It waits: installed, not activated, and the old worker still controls the page. A worker that skipped
    // waiting would go straight on to "activating" (the browser does not pause an installed worker that called
    // skipWaiting), so the state it stopped in is the signal, not the passing of time.
    await expect(
      page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r?.waiting?.state)),
    ).resolves.toBe("installed");
    expect(await page.evaluate(() => (window as unknown as { swSeen: string[] }).swSeen)).toEqual([
      "installed",
    ]);
    expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toBe(before);

    // Never during an update: while one runs, the banner only says it will ask afterwards.
    await page.getByRole("button", { name: "Demo device" }).click();
    await page.getByRole("region", { name: "Device" }).getByRole("table").waitFor();
    await page.setInputFiles(
      '[data-testid="firmware-file"]',
      vectorPath("mcuboot", "images", "signed", "ed25519-300k.bin"),
    );
    await page.getByRole("checkbox", { name: /send this untrusted image anyway/ }).check();
    await page.getByRole("button", { name: "Start update" }).click();
    await banner.getByText("you will be asked once this update has finished").waitFor();
    await expect(banner.getByRole("button").count()).resolves.toBe(0);
    await page.getByTestId("end-state").waitFor({ timeout: 90_000 });

    const reloaded = page.waitForEvent("load", { timeout: 30_000 });
    await banner.getByRole("button", { name: "Reload to update" }).click();
    await reloaded;
    await page.getByRole("heading", { level: 1, name: "McuFlash" }).waitFor();
    await expect(
      page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r?.waiting ?? null)),
    ).resolves.toBeNull();
    await expect(page.getByRole("region", { name: "New version" }).count()).resolves.toBe(0);
  } finally {
    await context.close();
    await served.close();
  }
});
