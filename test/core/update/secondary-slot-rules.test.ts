// Why the other slot is busy, read from the slot list alone, and the exact error each case ends in (code,
// step, variant, hint, parameters, cause): what the CLI's `erase` and the update flow tell a technician.
// secondary-slot.test.ts runs the same rules end to end against the simulator.
import { describe, expect, test } from "vitest";
import { thrownFlowError } from "./support/thrown.js";
import type { Message } from "../../../src/core/errors.js";
import { UpdateFlowError } from "../../../src/core/update/errors.js";
import type { SlotState } from "../../../src/core/update/flow-types.js";
import {
  explainEraseRefusal,
  makeRoomInSecondarySlot,
  type SecondarySlotContext,
} from "../../../src/core/update/secondary-slot.js";

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

const running = slot({ slot: 0, version: "2.1.0", active: true, confirmed: true });
const reverting = slot({ slot: 1, version: "2.0.0", confirmed: true });
const pendingTrial = slot({ slot: 1, version: "3.0.0", pending: true });
const pendingPermanent = slot({ slot: 1, version: "3.1.0", pending: true, confirmed: true, permanent: true });
const refusal = new Error("NO_FREE_SLOT");

async function rejected(promise: Promise<unknown>): Promise<UpdateFlowError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof UpdateFlowError) return error;
    throw error;
  }
  throw new Error("did not reject");
}

/** A context that records what was asked and erased. */
function context(slots: readonly SlotState[], over: Partial<SecondarySlotContext> = {}) {
  const asked: Message[] = [];
  let erased = 0;
  const ctx: SecondarySlotContext = {
    imageNumber: 0,
    slots,
    confirmErase: (question) => {
      asked.push(question);
      return Promise.resolve(true);
    },
    eraseSecondary: () => {
      erased += 1;
      return Promise.resolve();
    },
    isNoFreeSlot: () => true,
    ...over,
  };
  return { ctx, asked, erased: () => erased };
}

describe("explainEraseRefusal (the CLI's erase)", () => {
  test("a confirmed image kept for a revert: never erasable, with both versions", () => {
    const error = thrownFlowError(() => {
      throw explainEraseRefusal([running, reverting], 0, refusal);
    });
    expect(error).toMatchObject({
      step: "erase",
      code: "secondary-slot-reverting",
      params: { runningVersion: "2.1.0", version: "2.0.0", doing: "erase" },
      variant: undefined,
      hint: "secondary-slot-reverting",
    });
    expect(error.cause).toBe(refusal);
  });

  test("a slot set to boot next: the firmware refuses to erase it, for a test or for good", () => {
    const trial = explainEraseRefusal([running, pendingTrial], 0, refusal);
    expect(trial).toMatchObject({
      step: "erase",
      code: "secondary-slot-pending",
      params: { version: "3.0.0", install: "trial", runningVersion: "2.1.0" },
      variant: "erase-refused",
      hint: "secondary-slot-pending.erase-refused",
    });
    expect(trial?.cause).toBe(refusal);
    // Pending and confirmed (`image confirm <hash>`): still pending, installed for good.
    expect(explainEraseRefusal([running, pendingPermanent], 0, refusal)).toMatchObject({
      code: "secondary-slot-pending",
      params: { version: "3.1.0", install: "permanent" },
    });
  });

  test("the running version is '?' when no slot of the image is active", () => {
    expect(explainEraseRefusal([pendingTrial], 0, refusal)?.params.runningVersion).toBe("?");
    expect(explainEraseRefusal([reverting], 0, refusal)?.params.runningVersion).toBe("?");
  });

  test("only the image asked about counts, and only its inactive slot 1", () => {
    const otherImage = [running, slot({ image: 1, slot: 1, pending: true })];
    expect(explainEraseRefusal(otherImage, 0, refusal)).toBeUndefined();
    // Image 1's own slot list explains image 1's refusal, and its running version is its own.
    const second = [running, slot({ image: 1, slot: 0, active: true, version: "0.9.0" }), otherImage[1]!];
    expect(explainEraseRefusal(second, 1, refusal)?.params).toMatchObject({ runningVersion: "0.9.0" });
    // Direct-XIP running from slot 1: that slot is the running image, not a busy secondary.
    const fromSlotOne = [slot({ slot: 0, confirmed: true }), slot({ slot: 1, active: true, pending: true })];
    expect(explainEraseRefusal(fromSlotOne, 0, refusal)).toBeUndefined();
    // A slot 1 neither pending nor confirmed is free to write: the refusal is something else.
    expect(explainEraseRefusal([running, slot({ slot: 1 })], 0, refusal)).toBeUndefined();
    expect(explainEraseRefusal([running], 0, refusal)).toBeUndefined();
  });
});

describe("makeRoomInSecondarySlot (the update flow)", () => {
  test("a revert image: stops at once, asks nothing, erases nothing", async () => {
    const { ctx, asked, erased } = context([running, reverting]);
    const error = await rejected(makeRoomInSecondarySlot(ctx, refusal));
    expect(error).toMatchObject({
      step: "upload",
      code: "secondary-slot-reverting",
      params: { runningVersion: "2.1.0", version: "2.0.0", doing: "upload" },
      hint: "secondary-slot-reverting",
    });
    expect(error.cause).toBe(refusal);
    expect(asked).toEqual([]);
    expect(erased()).toBe(0);
  });

  test("a pending slot with nobody to ask: no erase, and the error says how to free it", async () => {
    const { ctx, erased } = context([running, pendingTrial], { confirmErase: undefined });
    const error = await rejected(makeRoomInSecondarySlot(ctx, refusal));
    expect(error).toMatchObject({
      step: "upload",
      code: "secondary-slot-pending",
      params: { version: "3.0.0", install: "trial", runningVersion: "2.1.0" },
      variant: undefined,
      hint: "secondary-slot-pending",
    });
    expect(error.cause).toBe(refusal);
    expect(erased()).toBe(0);
  });

  test("the user is asked once, with the slot's version, how it installs and what runs now", async () => {
    const { ctx, asked, erased } = context([running, pendingPermanent]);
    const detail = await makeRoomInSecondarySlot(ctx, refusal);
    expect(asked).toEqual([
      {
        key: "question.erase-pending-slot",
        params: { version: "3.1.0", install: "permanent", runningVersion: "2.1.0" },
      },
    ]);
    expect(erased()).toBe(1);
    expect(detail).toEqual({ key: "audit.erased-pending", params: { version: "3.1.0" } });
  });

  test("declined: nothing erased, and the error says the image was kept", async () => {
    const { ctx, erased } = context([running, pendingTrial], { confirmErase: () => Promise.resolve(false) });
    const error = await rejected(makeRoomInSecondarySlot(ctx, refusal));
    expect(error).toMatchObject({
      step: "upload",
      code: "secondary-slot-pending",
      variant: "declined",
      hint: "secondary-slot-pending.declined",
      params: { version: "3.0.0", install: "trial" },
    });
    expect(error.cause).toBe(refusal);
    expect(erased()).toBe(0);
  });

  test("an erase the firmware refuses too: the erase-refused error, caused by the erase's own refusal", async () => {
    const eraseRefusal = new Error("NO_FREE_SLOT on erase");
    const { ctx } = context([running, pendingTrial], {
      eraseSecondary: () => Promise.reject(eraseRefusal),
      isNoFreeSlot: (e) => e === eraseRefusal,
    });
    const error = await rejected(makeRoomInSecondarySlot(ctx, refusal));
    expect(error).toMatchObject({
      step: "upload",
      code: "secondary-slot-pending",
      variant: "erase-refused",
      hint: "secondary-slot-pending.erase-refused",
      params: { version: "3.0.0", install: "trial", runningVersion: "2.1.0" },
    });
    expect(error.cause).toBe(eraseRefusal);
  });
});
