import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, expect, test } from "vitest";
import type { Browser } from "playwright-core";
import { ROOT, launchChromium, serveBuiltApp, type ServedApp } from "../support/browser/launch.js";

let browser: Browser;
let app: ServedApp;

beforeAll(async () => {
  [browser, app] = await Promise.all([launchChromium(), serveBuiltApp()]);
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

test("the built app loads in Debian's Chromium and shows its title", async () => {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  await page.goto(app.url);
  await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toContain("McuFlash");
  expect(errors).toEqual([]);
  await page.close();
});

test("the initial JS (the entry and what index.html preloads) stays within 100 KiB gzipped", () => {
  // A budget, not a timing. The target is 120 KB; 100 KiB leaves the margin that catches a static import
  // dragging the image verifier (about 22 KB) or the SMP stack, both lazy chunks, into the first screen.
  const html = readFileSync(`${ROOT}dist/index.html`, "utf8");
  // "./assets/..." since the build is relative (deployable under any path); "/assets/..." before.
  const files = [...html.matchAll(/(?:src|href)="\.?\/(assets\/[^"]+\.js)"/g)].map((m) => m[1] ?? "");
  expect(files.length).toBeGreaterThan(0);
  const total = files.reduce(
    (n, file) => n + gzipSync(readFileSync(`${ROOT}dist/${file}`), { level: 9 }).length,
    0,
  );
  console.log(`initial JS: ${(total / 1024).toFixed(1)} KiB gzipped in ${files.length} files`);
  expect(total).toBeLessThanOrEqual(100 * 1024);
});
