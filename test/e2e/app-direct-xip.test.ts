// A direct-XIP device (MCUboot mode 5) in the real app over Web Serial (only navigator.serial is a fake, bridged to
// a simulated device in this process), updated from an nRF Connect SDK style zip that carries one build per slot.
// Each build is linked for its slot (ROM_FIXED + load address): only the build for the slot NOT running can boot.
// The app picks it by itself whichever build the user looked at, says which one it sends, and the other slot runs.

import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { zipSync } from "fflate";
import { afterAll, beforeAll, expect, test } from "vitest";
import type { Browser } from "playwright-core";
import { toHex } from "../../src/core/bytes.js";
import { parseImageHeader } from "../../src/core/mcuboot/index.js";
import { SimulatedDevice, buildImage } from "../../src/sim/index.js";
import { launchChromium, serveBuiltApp, type ServedApp } from "../support/browser/launch.js";
import { FAKE_SERIAL_ID, installFakeWebApis } from "../support/fake-web-apis/install.js";

let browser: Browser;
let app: ServedApp;

beforeAll(async () => {
  [browser, app] = await Promise.all([launchChromium(), serveBuiltApp()]);
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

const SLOT_ADDRESSES = [0x0000c000, 0x0002c000] as const;
const ROM_FIXED = 0x100;

function directXipDevice(): Promise<SimulatedDevice> {
  return SimulatedDevice.create({
    transport: "serial",
    processingMs: 0.2,
    resetMs: 20,
    linkDropsOnReset: false,
    flash: { pageEraseMs: 0.2, writeBytesPerMs: 1_000_000 },
    mcuboot: {
      mode: "direct-xip-revert",
      slotSize: 128 * 1024,
      slotAddresses: SLOT_ADDRESSES,
      bootMs: 30,
      hashBytesPerMs: 1_000_000,
    },
    firmware: { version: { major: 1, minor: 0, revision: 0 }, bodySize: 4096, seed: 1 },
  });
}

/** dfu_application.zip with the same version built for slot 0 and for slot 1, named in the manifest's "slot". */
async function perSlotZip(version: { major: number; minor: number }, seed: number) {
  const builds = await Promise.all(
    SLOT_ADDRESSES.map((loadAddr, slot) =>
      buildImage({
        version: { ...version, revision: 0 },
        bodySize: 16 * 1024,
        seed: seed + slot,
        flags: ROM_FIXED,
        loadAddr,
      }),
    ),
  );
  const name = (slot: number) => `zephyr.signed.slot${slot}.bin`;
  const manifest = {
    "format-version": 0,
    files: builds.map((bytes, slot) => ({
      file: name(slot),
      image_index: "0",
      slot,
      load_address: SLOT_ADDRESSES[slot],
      size: bytes.length,
      type: "application",
      version_MCUBOOT: `${version.major}.${version.minor}.0`,
    })),
  };
  const zip = zipSync({
    "manifest.json": new TextEncoder().encode(JSON.stringify(manifest)),
    [name(0)]: builds[0]!,
    [name(1)]: builds[1]!,
  });
  const file = join(mkdtempSync(join(tmpdir(), "mcuflash-xip-")), "dfu_application.zip");
  writeFileSync(file, zip);
  return { file, hashes: builds.map((b) => parseImageHeader(b).imageHashHex), name };
}

function running(device: SimulatedDevice) {
  const active = device.slots().find((s) => s.image === 0 && s.active)!;
  return { slot: active.slot, hash: toHex(active.hash!), confirmed: active.confirmed };
}

test("the app sends the build for the slot not running, says which, and that slot runs afterwards (twice)", async () => {
  const device = await directXipDevice();
  expect(running(device).slot).toBe(0);
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    const fakes = await installFakeWebApis(page, { device });
    await page.goto(app.url);
    fakes.hub.chooseNext(FAKE_SERIAL_ID);
    await page.getByRole("button", { name: "USB serial" }).click();
    await page.getByText(/^Connected · /).waitFor();
    const panel = page.getByRole("region", { name: "Device" });
    await panel.getByRole("cell", { name: "1.0.0" }).first().waitFor();

    const end = page.getByTestId("end-state");
    const steps = page.getByRole("list", { name: "Update steps" });
    for (const [round, minor, to] of [
      [1, 1, 1],
      [2, 2, 0],
    ] as const) {
      const pkg = await perSlotZip({ major: 1, minor }, 10 * round);
      await page.setInputFiles('[data-testid="firmware-file"]', pkg.file);
      await page.getByTestId("verification-report").getByText("dfu_application.zip").first().waitFor();
      await page.getByRole("checkbox", { name: /send this untrusted image anyway/ }).check();
      await page
        .getByRole("button", { name: /Start update|Start again/ })
        .first()
        .click();
      await end.getByText(`Now running 1.${minor}.0`).waitFor({ timeout: 60_000 });
      await steps
        .getByText(
          new RegExp(
            `sending the one for slot ${to} \\(${pkg.name(to).replace(/\./g, "\\.")}\\), since slot ${1 - to} runs now`,
          ),
        )
        .waitFor();
      expect(running(device)).toEqual({ slot: to, hash: pkg.hashes[to], confirmed: true });
      // The build for the running slot was never sent: the device never held it.
      expect(device.slots().some((s) => s.hash && toHex(s.hash) === pkg.hashes[1 - to])).toBe(false);
    }
  } finally {
    await context.close();
  }
}, 120_000);
