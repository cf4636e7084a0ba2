// The audit a technician keeps: an attempt is recorded when it starts (so one cut short by a reload still
// appears), each record names the device, the key, McuFlash's version, the mode, the timings and the
// outcome; it exports as JSON and CSV, and prints as a report of the history alone.

import { readFileSync } from "node:fs";
import { afterAll, beforeAll, expect, test } from "vitest";
import type { Browser } from "playwright-core";
import { launchChromium, serveBuiltApp, type ServedApp } from "../support/browser/launch.js";
import { connectDemo, openVectorImage, trustVectorKey } from "../support/browser/app-steps.js";

let browser: Browser;
let app: ServedApp;

beforeAll(async () => {
  [browser, app] = await Promise.all([launchChromium(), serveBuiltApp()]);
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

/** Splits RFC 4180 CSV (quoted cells may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted && ch === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (quoted && ch === '"') {
      quoted = false;
    } else if (quoted) {
      cell += ch;
    } else if (ch === '"') {
      quoted = true;
    } else if (ch === ",") {
      row.push(cell);
      cell = "";
    } else if (ch === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i++;
    } else {
      cell += ch;
    }
  }
  return rows;
}

test("interrupted attempts appear; records are complete; JSON, CSV and a printed report", async () => {
  const context = await browser.newContext({ viewport: { width: 1366, height: 800 }, acceptDownloads: true });
  const page = await context.newPage();
  await page.addInitScript(() => {
    Reflect.set(window, "printed", 0);
    window.print = () => Reflect.set(window, "printed", (Reflect.get(window, "printed") as number) + 1);
  });
  await page.goto(app.url);
  await connectDemo(page);
  await trustVectorKey(page);
  await openVectorImage(page, "ed25519-300k.bin");
  await page.getByRole("button", { name: "Start update" }).click();
  await expect.poll(() => page.getByTestId("update-live").textContent()).toMatch(/^Uploading: [1-9]\d%$/);
  // The page goes away mid-upload (a crash, a closed laptop lid, a reload).
  await page.reload();
  const history = page.getByRole("region", { name: "History" });
  await history.locator("summary .badge", { hasText: "interrupted" }).waitFor();

  await connectDemo(page);
  await page.getByRole("button", { name: "Load demo firmware" }).click();
  await page.getByRole("button", { name: "Start update" }).click();
  await page
    .getByTestId("end-state")
    .getByText(/Now running/)
    .waitFor({ timeout: 90_000 });
  await history.locator("summary .badge", { hasText: "installed" }).waitFor();

  const [csvDownload] = await Promise.all([
    page.waitForEvent("download"),
    history.getByRole("button", { name: "Export CSV" }).click(),
  ]);
  expect(csvDownload.suggestedFilename()).toMatch(/^mcuflash-audit-\d{8}-\d{6}\.csv$/);
  const [header, ...rows] = parseCsv(readFileSync(await csvDownload.path(), "utf8"));
  const records = rows.map((row) => Object.fromEntries(header!.map((name, i) => [name, row[i] ?? ""])));
  expect(records.map((r) => r["result"])).toEqual(["interrupted", "running-new"]);
  const [cut, done] = records;
  expect(cut).toMatchObject({
    finished_at: "",
    signed_by: "Demo key",
    image_version: expect.stringMatching(/^1\.2\.3\+\d+$/),
  });
  expect(done).toMatchObject({
    mode: "test-and-confirm",
    mcuboot_mode: expect.stringMatching(/^[a-z-]+$/),
    hardware_id: "nrf52840dk/nrf52840 · cortex-m4 · arm",
    link: "demo",
    device: expect.stringMatching(/^Demo device/),
    os_info: expect.stringMatching(/Zephyr/),
    bootloader: expect.stringMatching(/MCUboot/),
    ran_before: "1.0.0",
    image_version: "1.1.0",
    signed_by: "McuFlash demo key (demo, this visit only)",
    mcuflash_version: JSON.parse(readFileSync("package.json", "utf8")).version,
    image_sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
  });
  expect(Number(done!["duration_s"])).toBeGreaterThan(0);

  const [jsonDownload] = await Promise.all([
    page.waitForEvent("download"),
    history.getByRole("button", { name: "Export JSON" }).click(),
  ]);
  const exported = JSON.parse(readFileSync(await jsonDownload.path(), "utf8")) as {
    updates: { result: string; context?: { link: string; appVersion: string } }[];
  };
  expect(exported.updates.map((u) => [u.result, u.context?.link])).toEqual([
    ["interrupted", "demo"],
    ["running-new", "demo"],
  ]);

  // The printed report: every attempt opened, only the history on paper.
  await history.getByRole("button", { name: "Print report" }).click();
  await expect(page.evaluate(() => Reflect.get(window, "printed"))).resolves.toBe(1);
  await expect(history.locator("details[open]").count()).resolves.toBe(2);
  await page.emulateMedia({ media: "print" });
  await expect(page.locator("#connect").isVisible()).resolves.toBe(false);
  await expect(page.locator("#update").isVisible()).resolves.toBe(false);
  await expect(
    history.getByText("McuFlash demo key (demo, this visit only) (ED25519)").isVisible(),
  ).resolves.toBe(true);
  await expect(history.getByRole("button", { name: "Export CSV" }).isVisible()).resolves.toBe(false);

  // On paper each attempt names how it installed and the MCUboot mode in words (never their ids), the hardware
  // the device reported, and both hashes in full, in a monospace block that fits the page.
  const printed = history
    .locator(".history-item")
    .filter({ has: page.locator("summary .badge", { hasText: /^installed$/ }) });
  const text = await printed.innerText();
  expect(text).toContain("How installed\nTest, then confirm");
  expect(text).not.toContain("test-and-confirm");
  expect(text).toMatch(/Bootloader\nMCUboot · (swap using (scratch|move|offset)|overwrite only|direct-XIP)/);
  expect(text).toContain("Hardware\nnrf52840dk/nrf52840 · cortex-m4 · arm");
  const blocks = printed.locator(".hash-block");
  await expect(blocks.allInnerTexts()).resolves.toEqual([
    expect.stringMatching(/^[0-9a-f]{64}$/),
    done!["image_sha256"],
  ]);
  expect((await blocks.allInnerTexts())[0]).toBe(done!["image_hash"]);
  expect(text).not.toContain("…");
  const fits = await blocks.evaluateAll((nodes) =>
    nodes.map((n) => {
      const box = n.getBoundingClientRect();
      const fontFamily = getComputedStyle(n).fontFamily;
      return { inside: box.right <= document.documentElement.clientWidth, mono: /mono/i.test(fontFamily) };
    }),
  );
  expect(fits).toEqual([
    { inside: true, mono: true },
    { inside: true, mono: true },
  ]);

  // On screen the hashes read short, with the whole one a click (Copy) away.
  await page.emulateMedia({ media: "screen" });
  await expect(blocks.first().isVisible()).resolves.toBe(false);
  await expect(
    printed.getByRole("button", { name: new RegExp(`Copy .* ${done!["image_sha256"]}`) }).count(),
  ).resolves.toBe(1);
  await context.close();
});
