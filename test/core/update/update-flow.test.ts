import { describe, expect, test } from "vitest";
import { toHex } from "../../../src/core/bytes.js";
import { McuFlashError } from "../../../src/core/errors.js";
import type { UpdateEvent } from "../../../src/core/update/flow-types.js";
import { smpConnector } from "../../../src/core/update/smp-device-session.js";
import { runUpdate } from "../../../src/core/update/update-flow.js";
import { buildImage } from "../../../src/sim/mcuboot/image-builder.js";
import { bleLink, serialLink } from "../../../src/sim/link-model.js";
import { simFlowOptions, startSim } from "../../support/sim/harness.js";
import { mcubootImageHash } from "../../support/sim/mcuboot-hash.js";

const LINKS = {
  serial: { transport: "serial" as const, linkModel: serialLink({ baudRate: 115200 }) },
  ble: { transport: "ble" as const, linkModel: bleLink({ attMtu: 498, connectionIntervalMs: 15 }) },
};

async function newImage(version = { major: 2, minor: 0, revision: 0 }, bodySize = 24 * 1024, seed = 7) {
  const bytes = await buildImage({ version, bodySize, seed });
  return { bytes, hash: mcubootImageHash(bytes) };
}

const options = simFlowOptions;

describe.each(Object.entries(LINKS))("update flow over %s", (_name, link) => {
  test.each(["test-and-confirm", "confirm-only", "test-only"] as const)(
    "%s ends with the device running the verified image",
    async (mode) => {
      const sim = await startSim(link);
      const image = await newImage();
      const events: UpdateEvent[] = [];
      const outcome = await sim.clock.run(
        runUpdate(
          smpConnector(sim.factory, sim.clientOptions),
          image.bytes,
          options(sim, mode, { onEvent: (e) => events.push(e) }),
        ),
      );
      expect(outcome.result).toBe("running-new");
      const active = sim.device.slots().find((s) => s.active)!;
      expect(toHex(active.hash!)).toBe(image.hash);
      expect(active.confirmed).toBe(mode !== "test-only");
      expect(sim.markedHashes().every((h) => h === image.hash)).toBe(true);
      const steps = events.filter((e) => e.type === "step").map((e) => e.step);
      expect(steps).toEqual(
        expect.arrayContaining(["inspect", "verify", "upload", "reset", "reconnect", "check"]),
      );
      const progress = events.filter((e) => e.type === "progress");
      expect(progress.at(-1)).toMatchObject({
        progress: { bytes: image.bytes.length, total: image.bytes.length },
      });
      expect(outcome.audit.map((r) => r.step)).toContain("done");
      if (mode === "test-only") {
        // Not confirmed: the next reset goes back to the previous image.
        sim.device.reset("power cycle");
        await sim.clock.runAll({ limitMs: 60_000 });
        expect(toHex(sim.device.slots().find((s) => s.active)!.hash!)).not.toBe(image.hash);
      }
    },
  );

  test("upload-only leaves the image in the secondary slot, unmarked", async () => {
    const sim = await startSim(link);
    const image = await newImage();
    const outcome = await sim.clock.run(
      runUpdate(smpConnector(sim.factory, sim.clientOptions), image.bytes, options(sim, "upload-only")),
    );
    expect(outcome.result).toBe("uploaded");
    const secondary = sim.device.slots()[1]!;
    expect(toHex(secondary.hash!)).toBe(image.hash);
    expect(secondary.pending).toBe(false);
    expect(sim.markedHashes()).toEqual([]);
  });
});

describe("update flow safeguards", () => {
  test("a tampered image is refused before a single upload byte is sent", async () => {
    const sim = await startSim(LINKS.serial);
    const image = await newImage();
    const tampered = image.bytes.slice();
    tampered[0x200 + 100]! ^= 0xff;
    const run = runUpdate(
      smpConnector(sim.factory, sim.clientOptions),
      tampered,
      options(sim, "test-and-confirm"),
    );
    await expect(sim.clock.run(run)).rejects.toMatchObject({ code: "image-refused", step: "verify" });
    expect(sim.sent.filter((r) => r.group === 1 && r.command === 1)).toEqual([]);
  });

  test("the downgrade guard refuses an older version unless forced", async () => {
    const sim = await startSim({
      ...LINKS.serial,
      firmware: { version: { major: 3, minor: 1, revision: 0 } },
    });
    const old = await newImage({ major: 2, minor: 9, revision: 9 });
    const refused = runUpdate(
      smpConnector(sim.factory, sim.clientOptions),
      old.bytes,
      options(sim, "test-and-confirm", { noDowngrade: true }),
    );
    await expect(sim.clock.run(refused)).rejects.toMatchObject({ code: "downgrade-refused" });
    const forced = await sim.clock.run(
      runUpdate(
        smpConnector(sim.factory, sim.clientOptions),
        old.bytes,
        options(sim, "test-and-confirm", { noDowngrade: true, force: true }),
      ),
    );
    expect(forced.result).toBe("running-new");
  });

  test("an image the device already runs is not uploaded again", async () => {
    const sim = await startSim(LINKS.serial);
    const image = await newImage();
    await sim.clock.run(
      runUpdate(smpConnector(sim.factory, sim.clientOptions), image.bytes, options(sim, "test-and-confirm")),
    );
    sim.sent.length = 0;
    const again = await sim.clock.run(
      runUpdate(smpConnector(sim.factory, sim.clientOptions), image.bytes, options(sim, "test-and-confirm")),
    );
    expect(again.result).toBe("already-running");
    expect(sim.sent.filter((r) => r.group === 1 && r.command === 1)).toEqual([]);
  });

  test("a link lost mid-upload is reconnected and the upload resumes from the device's offset", async () => {
    const sim = await startSim({
      ...LINKS.serial,
      faults: (connection) =>
        connection === 0
          ? { seed: 1, script: [{ direction: "request", index: 12, action: { kind: "disconnect" } }] }
          : undefined,
    });
    const image = await newImage(undefined, 48 * 1024);
    const outcome = await sim.clock.run(
      runUpdate(smpConnector(sim.factory, sim.clientOptions), image.bytes, options(sim, "test-and-confirm")),
    );
    expect(outcome.result).toBe("running-new");
    const uploads = sim.sent.filter((r) => r.group === 1 && r.command === 1);
    const resumedFirstChunks = uploads.filter((r) => r.body.off === 0);
    expect(resumedFirstChunks.length).toBe(2);
    // Resumed, not restarted: far fewer upload bytes than two full uploads.
    const sentBytes = uploads.reduce(
      (n, r) => n + (r.body.data instanceof Uint8Array ? r.body.data.length : 0),
      0,
    );
    expect(sentBytes).toBeLessThan(image.bytes.length * 1.5);
  });

  test("cancel stops the flow with a CancelledError and marks nothing", async () => {
    const sim = await startSim(LINKS.serial);
    const image = await newImage(undefined, 64 * 1024);
    const controller = new AbortController();
    const run = runUpdate(
      smpConnector(sim.factory, sim.clientOptions),
      image.bytes,
      options(sim, "test-and-confirm", {
        signal: controller.signal,
        onEvent: (e) => {
          if (e.type === "progress" && e.progress.bytes > 10_000) controller.abort();
        },
      }),
    );
    const error = await sim.clock.run(run).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(McuFlashError);
    expect(error).toMatchObject({ code: "cancelled" });
    expect(sim.markedHashes()).toEqual([]);
  });
});
