// `mcuflash upload dfu_application.zip` against a two-image simulated device over UDP: every image of the
// package in one update (one reset), the summary naming each image; `--image N` still sends one.

import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { zipSync } from "fflate";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { COMMANDS } from "../../src/cli/commands/index.js";
import { runCli } from "../../src/cli/run-cli.js";
import { toHex } from "../../src/core/bytes.js";
import { parseImageHeader } from "../../src/core/mcuboot/index.js";
import { buildImage } from "../../src/sim/mcuboot/image-builder.js";
import { memoryIo } from "../support/cli/fake-io-with-files.js";
import { type UdpSim, startUdpSim } from "../support/sim/udp-device.js";

let sim: UdpSim | undefined;
beforeEach(async () => {
  delete process.env.MCUFLASH_PORT;
  // Resumable sessions go to a scratch state directory, not the user's.
  process.env.XDG_STATE_HOME = await mkdtemp(join(tmpdir(), "mcuflash-state-"));
});
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

async function dfuZip() {
  const app = await buildImage({ version: { major: 2 }, seed: 51, bodySize: 8 * 1024 });
  const net = await buildImage({ version: { major: 2, minor: 1 }, seed: 52, bodySize: 6 * 1024 });
  const manifest = {
    format_version: 0,
    files: [
      {
        type: "application",
        image_index: "0",
        slot_index_primary: "1",
        slot_index_secondary: "2",
        file: "app.bin",
      },
      {
        type: "application",
        image_index: "1",
        slot_index_primary: "3",
        slot_index_secondary: "4",
        file: "net.bin",
      },
    ],
  };
  const zip = zipSync({
    "manifest.json": new TextEncoder().encode(JSON.stringify(manifest)),
    "app.bin": app,
    "net.bin": net,
  });
  return { zip, app: parseImageHeader(app).imageHashHex, net: parseImageHeader(net).imageHashHex };
}

async function twoImageSim(): Promise<UdpSim> {
  sim = await startUdpSim({
    bufSize: 1024,
    resetMs: 5,
    flash: { pageEraseMs: 0.05, writeBytesPerMs: 1e6 },
    mcuboot: { images: 2, bootMs: 5, hashBytesPerMs: 1e6 },
  });
  return sim;
}

const activeHash = (target: UdpSim, image: number) => {
  const hash = target.device.slots().find((s) => s.image === image && s.active)?.hash;
  return hash && toHex(hash);
};

describe("mcuflash upload of a multi-image package", () => {
  test("every image in one update: both run, one reset, the summary names each", async () => {
    const target = await twoImageSim();
    const pkg = await dfuZip();
    const io = memoryIo({ files: { "dfu_application.zip": pkg.zip } });
    const code = await runCli(
      ["--udp", target.address, "upload", "dfu_application.zip", "--allow-unsigned"],
      io,
      COMMANDS,
    );
    expect(io.err()).not.toMatch(/error/i);
    expect(code).toBe(0);
    expect(io.out()).toMatch(
      /Done: image 0 runs 2\.0\.0 \(was 1\.0\.0\); image 1 runs 2\.1\.0 \(was 1\.0\.0\)\./,
    );
    expect(io.out()).toMatch(/MCUboot mode: swap using move/);
    expect(activeHash(target, 0)).toBe(pkg.app);
    expect(activeHash(target, 1)).toBe(pkg.net);
    expect(target.device.resetCount).toBe(1);
  });

  test("--image 1 sends only that image", async () => {
    const target = await twoImageSim();
    const pkg = await dfuZip();
    const io = memoryIo({ files: { "dfu_application.zip": pkg.zip } });
    const code = await runCli(
      [
        "--udp",
        target.address,
        "upload",
        "dfu_application.zip",
        "--image",
        "1",
        "--allow-unsigned",
        "--json",
      ],
      io,
      COMMANDS,
    );
    expect(code).toBe(0);
    expect(io.json()).toMatchObject({
      result: "running-new",
      images: [{ imageNumber: 1, hash: pkg.net, running: true }],
    });
    expect(activeHash(target, 1)).toBe(pkg.net);
    expect(activeHash(target, 0)).not.toBe(pkg.app);
  });
});
