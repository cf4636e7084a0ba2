// A two-image package (nRF5340-like: application and network core, MCUBOOT_IMAGE_NUMBER 2, four slots) in one
// go, over every link model: every image verified, uploaded to its own secondary slot, marked by its verified
// hash, one reset, each checked and confirmed. And what happens when it stops half-way: the device stays
// bootable and the error says what is on it. (With 384-byte buffers, the four-slot image list does not fit: the
// device answers EMSGSIZE, as Zephyr does; such builds raise CONFIG_MCUMGR_TRANSPORT_NETBUF_SIZE.)

import { describe, expect, test } from "vitest";
import { toHex } from "../../../src/core/bytes.js";
import type { UpdateEvent } from "../../../src/core/update/flow-types.js";
import { smpConnector } from "../../../src/core/update/smp-device-session.js";
import { runPackageUpdate } from "../../../src/core/update/update-flow.js";
import { dependencyTlv } from "../../../src/sim/mcuboot/image-builder.js";
import { ImgErr } from "../../../src/sim/smp/mgmt-codes.js";
import { simFlowOptions, startSim, type SimHarness, packageUpdateOnSim } from "../../support/sim/harness.js";
import { FAST_FLASH, LINKS, image } from "./support/mode-scenarios.js";
import { inEnglish } from "../../support/in-english.js";

/** Four slots do not fit an image list into Zephyr's default 384-byte serial buffer: multi-image builds raise it. */
const MULTI_BUFFERS = { bufSize: 1024 };

async function twoImages(appVersion = 2, netVersion = 2, appOptions = {}) {
  const app = await image({ major: appVersion }, { seed: 31, ...appOptions });
  const net = await image({ major: netVersion }, { seed: 32, bodySize: 9 * 1024 });
  return {
    app,
    net,
    pkg: [
      { imageNumber: 0, bytes: app.bytes },
      { imageNumber: 1, bytes: net.bytes },
    ],
  };
}

const running = (sim: SimHarness, imageNumber: number) =>
  sim.device.slots().find((s) => s.image === imageNumber && s.active);
const uploadsOf = (sim: SimHarness, imageNumber: number) =>
  sim.sent.filter(
    (r) => r.group === 1 && r.command === 1 && (r.body.image ?? 0) === imageNumber && r.body.off === 0,
  );

describe.each(Object.entries(LINKS))("a two-image package over %s", (_name, link) => {
  test.each(["swap-using-move", "swap-using-offset", "overwrite-only", "direct-xip-revert"] as const)(
    "%s: both images in one flow, one reset, both running and confirmed",
    async (mode) => {
      const sim = await startSim({ ...link, ...FAST_FLASH, ...MULTI_BUFFERS, mcuboot: { mode, images: 2 } });
      const { app, net, pkg } = await twoImages();
      const events: UpdateEvent[] = [];
      const outcome = await packageUpdateOnSim(sim, pkg, "test-and-confirm", {
        onEvent: (e) => events.push(e),
      });
      expect(outcome.result).toBe("running-new");
      expect(outcome.images?.map((i) => [i.imageNumber, i.running])).toEqual([
        [0, true],
        [1, true],
      ]);
      expect(toHex(running(sim, 0)!.hash!)).toBe(app.hash);
      expect(toHex(running(sim, 1)!.hash!)).toBe(net.hash);
      expect(running(sim, 0)!.confirmed && running(sim, 1)!.confirmed).toBe(true);
      expect(sim.device.resetCount).toBe(1);
      expect(sim.markedHashes().every((h) => h === app.hash || h === net.hash)).toBe(true);
      // Progress per image and over the whole package.
      const last = events.filter((e) => e.type === "progress").at(-1);
      expect(last?.type === "progress" && last.package).toMatchObject({
        index: 1,
        count: 2,
        imageNumber: 1,
        bytes: app.bytes.length + net.bytes.length,
        total: app.bytes.length + net.bytes.length,
      });
    },
  );
});

describe("dependencies are checked before anything is sent", () => {
  test("an application that needs a newer network core than the package brings is refused", async () => {
    const sim = await startSim({ ...LINKS.serial, ...FAST_FLASH, ...MULTI_BUFFERS, mcuboot: { images: 2 } });
    const { pkg } = await twoImages(2, 1, {
      protectedTlvs: [[0x40, dependencyTlv(1, { major: 1, minor: 5 })]],
    });
    const run = runPackageUpdate(
      smpConnector(sim.factory, sim.clientOptions),
      pkg,
      simFlowOptions(sim, "test-and-confirm"),
    );
    const error = await sim.clock.run(run).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "dependency-unmet" });
    expect(inEnglish(error)).toMatch(
      /needs image 1 at version 1\.5\.0\+0 or newer; after this update it would be 1\.0\.0/,
    );
    expect(sim.sent.filter((r) => r.group === 1 && r.command === 1)).toEqual([]);
  });

  test("a met dependency goes through", async () => {
    const sim = await startSim({ ...LINKS.serial, ...FAST_FLASH, ...MULTI_BUFFERS, mcuboot: { images: 2 } });
    const { pkg } = await twoImages(2, 2, {
      protectedTlvs: [[0x40, dependencyTlv(1, { major: 1, minor: 5 })]],
    });
    const outcome = await packageUpdateOnSim(sim, pkg, "test-and-confirm");
    expect(outcome.result).toBe("running-new");
  });
});

describe("faults per image", () => {
  test("a failed second upload: the device keeps running its firmware, the error says what is on it; a rerun finishes without resending image 0", async () => {
    const sim = await startSim({
      ...LINKS.serial,
      ...FAST_FLASH,
      ...MULTI_BUFFERS,
      mcuboot: { images: 2 },
      imageFaults: { failUpload: [{ image: 1, atOffset: 2048, rc: ImgErr.FLASH_WRITE_FAILED }] },
    });
    const { app, net, pkg } = await twoImages();
    const connector = smpConnector(sim.factory, sim.clientOptions);
    const error = await sim.clock
      .run(runPackageUpdate(connector, pkg, simFlowOptions(sim, "test-and-confirm")))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "package-partly-uploaded", step: "upload" });
    expect(inEnglish(error)).toMatch(
      /Image 0 \(2\.0\.0\) is on the device \(in their update slots, not marked\); image 1 failed/,
    );
    expect(inEnglish(error)).toMatch(/still runs its previous firmware/);
    expect(sim.markedHashes()).toEqual([]);
    expect(sim.device.hasBootableImage()).toBe(true);
    expect(running(sim, 0)!.version).toBe("1.0.0");

    sim.device.setImageFaults({});
    sim.sent.length = 0;
    const outcome = await sim.clock.run(
      runPackageUpdate(connector, pkg, simFlowOptions(sim, "test-and-confirm")),
    );
    expect(outcome.result).toBe("running-new");
    expect(outcome.images?.map((i) => i.skippedUpload)).toEqual([true, false]);
    expect(uploadsOf(sim, 0)).toEqual([]);
    expect(toHex(running(sim, 0)!.hash!)).toBe(app.hash);
    expect(toHex(running(sim, 1)!.hash!)).toBe(net.hash);
  });

  test("image 0 of the package already runs: only image 1 is sent, marked, booted and confirmed", async () => {
    const { app, net, pkg } = await twoImages();
    const sim = await startSim({
      ...LINKS.serial,
      ...FAST_FLASH,
      ...MULTI_BUFFERS,
      mcuboot: { images: 2 },
      slots: { primary: app.bytes },
    });
    expect(toHex(running(sim, 0)!.hash!)).toBe(app.hash);
    const outcome = await packageUpdateOnSim(sim, pkg, "test-and-confirm");
    expect(outcome.result).toBe("running-new");
    expect(outcome.images?.map((i) => [i.imageNumber, i.skippedUpload, i.running])).toEqual([
      [0, true, true],
      [1, false, true],
    ]);
    expect(uploadsOf(sim, 0)).toEqual([]);
    expect(uploadsOf(sim, 1)).toHaveLength(1);
    expect(toHex(running(sim, 1)!.hash!)).toBe(net.hash);
    expect(running(sim, 1)!.confirmed).toBe(true);
  });

  test("image 1 refused at boot (MCUboot's downgrade prevention): ends 'reverted', names it, confirms nothing", async () => {
    const sim = await startSim({
      ...LINKS.serial,
      ...FAST_FLASH,
      ...MULTI_BUFFERS,
      mcuboot: { images: 2, downgradePrevention: true },
    });
    const app = await image({ major: 2 }, { seed: 31 });
    const olderNet = await image({ major: 0, minor: 9 }, { seed: 32, bodySize: 9 * 1024 });
    const pkg = [
      { imageNumber: 0, bytes: app.bytes },
      { imageNumber: 1, bytes: olderNet.bytes },
    ];
    const outcome = await packageUpdateOnSim(sim, pkg, "test-and-confirm");
    expect(outcome.result).toBe("reverted");
    expect(outcome.images?.map((i) => [i.imageNumber, i.running])).toEqual([
      [0, true],
      [1, false],
    ]);
    const check = outcome.audit.find((r) => r.step === "check");
    expect(check).toMatchObject({
      result: "failed",
      text: { key: "audit.not-all-booted", params: { images: "1: 1.0.0" } },
    });
    // Image 0 runs on trial only: the next reset takes the device back to the pair it had.
    expect(running(sim, 0)).toMatchObject({ confirmed: false });
    expect(
      sim.sent.filter((r) => r.group === 1 && r.command === 0 && r.op === 2 && r.body.confirm === true),
    ).toEqual([]);
  });

  test("the link lost between the two images: the flow reconnects and goes on", async () => {
    const sim = await startSim({ ...LINKS.ble, ...FAST_FLASH, ...MULTI_BUFFERS, mcuboot: { images: 2 } });
    const { app, pkg } = await twoImages();
    let dropped = false;
    sim.device.onEvent((e) => {
      if (e.type === "upload" && e.image === 0 && e.off === e.size && !dropped) {
        dropped = true;
        sim.clock.schedule(0, () => sim.device.dropLinks("out of range"));
      }
    });
    const outcome = await packageUpdateOnSim(sim, pkg, "test-and-confirm");
    expect(dropped).toBe(true);
    expect(outcome.result).toBe("running-new");
    expect(toHex(running(sim, 0)!.hash!)).toBe(app.hash);
    expect(sim.device.resetCount).toBe(1);
  });

  test("--image N still picks one image of a package", async () => {
    const sim = await startSim({ ...LINKS.serial, ...FAST_FLASH, ...MULTI_BUFFERS, mcuboot: { images: 2 } });
    const { net, pkg } = await twoImages();
    const outcome = await packageUpdateOnSim(
      sim,
      pkg.filter((p) => p.imageNumber === 1),
      "test-and-confirm",
    );
    expect(outcome.result).toBe("running-new");
    expect(toHex(running(sim, 1)!.hash!)).toBe(net.hash);
    expect(running(sim, 0)!.version).toBe("1.0.0");
  });
});
