// A device that refuses an upload because its other slot is taken (NO_FREE_SLOT): the update flow reads why,
// erases a pending slot only with the user's consent, never marks any image but the verified one, and
// otherwise stops with a typed error that says what to do. Against the simulator's Zephyr img_mgmt rules,
// with and without CONFIG_MCUMGR_GRP_IMG_ALLOW_ERASE_PENDING.

import type { Message } from "../../../src/core/errors.js";
import { inEnglish, questionInEnglish } from "../../support/in-english.js";
import { describe, expect, test } from "vitest";
import { toHex } from "../../../src/core/bytes.js";
import { SmpClient } from "../../../src/core/smp/client.js";
import { imageStateWrite } from "../../../src/core/smp/commands/image.js";
import type { SlotState, UpdateMode } from "../../../src/core/update/flow-types.js";
import { makeRoomInSecondarySlot } from "../../../src/core/update/secondary-slot.js";
import { smpConnector } from "../../../src/core/update/smp-device-session.js";
import { runUpdate, type UpdateOptions } from "../../../src/core/update/update-flow.js";
import { UpdateFlowError } from "../../../src/core/update/errors.js";
import { buildImage } from "../../../src/sim/mcuboot/image-builder.js";
import { serialLink } from "../../../src/sim/link-model.js";
import { simFlowOptions, startSim, type SimHarness } from "../../support/sim/harness.js";
import { mcubootImageHash } from "../../support/sim/mcuboot-hash.js";

async function image(minor: number, seed: number) {
  const bytes = await buildImage({ version: { major: 1, minor, revision: 0 }, bodySize: 16 * 1024, seed });
  return { bytes, hash: mcubootImageHash(bytes) };
}

const options = simFlowOptions;

function update(
  sim: SimHarness,
  bytes: Uint8Array,
  mode: UpdateMode,
  extra: Partial<UpdateOptions> = {},
  smpVersion?: 1 | 2,
) {
  const client = smpVersion
    ? { ...sim.clientOptions, version: smpVersion, autoVersion: false }
    : sim.clientOptions;
  return sim.clock.run(runUpdate(smpConnector(sim.factory, client), bytes, options(sim, mode, extra)));
}

/** Leaves `bytes` in the secondary slot, set to boot next on trial: what `mcumgr image test` does. */
async function stagePending(sim: SimHarness, bytes: Uint8Array, hash: string): Promise<void> {
  await update(sim, bytes, "upload-only");
  const transport = await sim.clock.run(sim.factory.open());
  const client = new SmpClient(transport, sim.clientOptions);
  const hashBytes = Uint8Array.from(hash.match(/../g)!.map((h) => parseInt(h, 16)));
  await sim.clock.run(client.request(imageStateWrite, { hash: hashBytes, confirm: false }));
  client.dispose();
  await sim.clock.run(transport.close());
  expect(sim.device.slots()[1]).toMatchObject({ pending: true, active: false });
}

const erases = (sim: SimHarness) => sim.sent.filter((r) => r.group === 1 && r.command === 5);

describe("a device with no free slot", () => {
  test("a pending slot Zephyr will not erase: consent asked once, then a typed error with what to do", async () => {
    const sim = await startSim({ transport: "serial", linkModel: serialLink({ baudRate: 115200 }) });
    const staged = await image(5, 1);
    const next = await image(6, 2);
    await stagePending(sim, staged.bytes, staged.hash);
    sim.sent.length = 0;
    const asked: Message[] = [];
    const error = await update(sim, next.bytes, "test-and-confirm", {
      confirmErase: (question) => {
        asked.push(question);
        return Promise.resolve(true);
      },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpdateFlowError);
    expect(error).toMatchObject({ code: "secondary-slot-pending", step: "upload" });
    expect(inEnglish(error)).toMatch(/refuses to erase version 1\.5\.0/);
    expect(inEnglish(error)).toMatch(/ALLOW_ERASE_PENDING/);
    expect(asked).toHaveLength(1);
    expect(questionInEnglish(asked[0])).toMatch(/version 1\.5\.0, set to be installed on trial/);
    expect(erases(sim)).toHaveLength(1);
    // Nothing was marked, and the staged image is still there, still pending.
    expect(sim.markedHashes()).toEqual([]);
    expect(toHex(sim.device.slots()[1]!.hash!)).toBe(staged.hash);
    expect(sim.device.slots()[1]!.pending).toBe(true);
  });

  test("declining the erase stops before any erase, and says the image was kept", async () => {
    const sim = await startSim({ transport: "serial", image: { allowErasePending: false } });
    const staged = await image(5, 1);
    await stagePending(sim, staged.bytes, staged.hash);
    sim.sent.length = 0;
    const error = await update(sim, (await image(6, 2)).bytes, "test-and-confirm", {
      confirmErase: () => Promise.resolve(false),
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "secondary-slot-pending" });
    expect(inEnglish(error)).toMatch(/It was kept/);
    expect(erases(sim)).toEqual([]);
    expect(sim.markedHashes()).toEqual([]);
  });

  test("with nobody to ask (a vendor page), nothing is erased and the error says how to free the slot", async () => {
    const sim = await startSim({ transport: "serial" });
    const staged = await image(5, 1);
    await stagePending(sim, staged.bytes, staged.hash);
    sim.sent.length = 0;
    const error = await update(sim, (await image(6, 2)).bytes, "test-and-confirm").catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "secondary-slot-pending" });
    expect(inEnglish(error)).toMatch(/mcuflash erase --slot 1/);
    expect(erases(sim)).toEqual([]);
  });

  test("firmware built with ALLOW_ERASE_PENDING takes the new image over the pending one, no question asked", async () => {
    const sim = await startSim({ transport: "serial", image: { allowErasePending: true } });
    const staged = await image(5, 1);
    const next = await image(6, 2);
    await stagePending(sim, staged.bytes, staged.hash);
    sim.sent.length = 0;
    let asked = 0;
    const outcome = await update(sim, next.bytes, "test-and-confirm", {
      confirmErase: () => {
        asked += 1;
        return Promise.resolve(true);
      },
    });
    expect(outcome.result).toBe("running-new");
    expect(asked).toBe(0);
    expect(toHex(sim.device.slots().find((s) => s.active)!.hash!)).toBe(next.hash);
    expect(sim.markedHashes().every((h) => h === next.hash)).toBe(true);
  });

  test.each([1, 2] as const)(
    "a running image on trial keeps the revert slot: no erase, no confirm, and both ways out explained (SMP v%d)",
    async (smpVersion) => {
      const sim = await startSim({ transport: "serial", image: { allowErasePending: true } });
      const trial = await image(5, 1);
      await update(sim, trial.bytes, "test-only");
      expect(sim.device.slots()[1]).toMatchObject({ confirmed: true, active: false });
      sim.sent.length = 0;
      const error = await update(
        sim,
        (await image(6, 2)).bytes,
        "test-and-confirm",
        { confirmErase: () => Promise.resolve(true) },
        smpVersion,
      ).catch((e: unknown) => e);
      // Over v1 the refusal is the legacy EBADSTATE; the slot list is what explains it.
      expect(error).toMatchObject({ code: "secondary-slot-reverting", step: "upload" });
      expect(inEnglish(error)).toMatch(/trying out version 1\.5\.0/);
      expect(inEnglish(error)).toMatch(/mcuflash confirm.*reset the device/);
      expect(erases(sim)).toEqual([]);
      expect(sim.markedHashes()).toEqual([]);
    },
  );
});

describe("makeRoomInSecondarySlot on its own (servers that refuse the upload but allow the erase)", () => {
  const slot = (over: Partial<SlotState>): SlotState => ({
    image: 0,
    slot: 0,
    version: "1.0.0",
    hash: "aa",
    bootable: true,
    pending: false,
    confirmed: false,
    active: false,
    permanent: false,
    ...over,
  });
  const running = slot({ slot: 0, active: true, confirmed: true });
  const refusal = new Error("NO_FREE_SLOT");

  test("a pending slot is erased after consent and the audit says so", async () => {
    let erased = 0;
    const detail = await makeRoomInSecondarySlot(
      {
        imageNumber: 0,
        slots: [running, slot({ slot: 1, version: "1.4.0", pending: true, permanent: true })],
        confirmErase: (question) => Promise.resolve(question.params.install === "permanent"),
        eraseSecondary: () => {
          erased += 1;
          return Promise.resolve();
        },
        isNoFreeSlot: () => false,
      },
      refusal,
    );
    expect(erased).toBe(1);
    expect(questionInEnglish(detail)).toMatch(/Erased the secondary slot \(version 1\.4\.0/);
  });

  test("a slot list that does not explain the refusal leaves the device's own error to the caller", async () => {
    for (const slots of [
      [running],
      [running, slot({ slot: 1 })],
      [running, slot({ image: 1, slot: 1, pending: true })],
    ]) {
      const detail = await makeRoomInSecondarySlot(
        {
          imageNumber: 0,
          slots,
          confirmErase: () => Promise.reject(new Error("must not ask")),
          eraseSecondary: () => Promise.reject(new Error("must not erase")),
          isNoFreeSlot: () => true,
        },
        refusal,
      );
      expect(detail).toBeUndefined();
    }
  });

  test("an erase that fails for another reason is passed on as is", async () => {
    const linkLost = new Error("link lost");
    await expect(
      makeRoomInSecondarySlot(
        {
          imageNumber: 0,
          slots: [running, slot({ slot: 1, pending: true })],
          confirmErase: () => Promise.resolve(true),
          eraseSecondary: () => Promise.reject(linkLost),
          isNoFreeSlot: (e) => e !== linkLost,
        },
        refusal,
      ),
    ).rejects.toBe(linkLost);
  });
});
