// checkLinkAddress as a table: for each MCUboot mode family and each thing the package tells about where the
// slots lie, whether the build is refused (and with which facts), what the user is told, or nothing.
// link-address.test.ts runs the same rules end to end on the simulator.

import { beforeAll, describe, expect, test } from "vitest";
import { bootMode } from "../../../src/core/device/boot-modes.js";
import type { SlotState } from "../../../src/core/device/slot-state.js";
import { planUpdate, type FlowPlan } from "../../../src/core/update/flow-plan.js";
import {
  checkLinkAddress,
  packageSlotAddresses,
  romFixedAddress,
  type LinkedBuild,
} from "../../../src/core/update/link-address.js";
import { buildImage } from "../../../src/sim/mcuboot/image-builder.js";
import { slotState } from "./support/scripted-device.js";
import { thrownFlowError } from "./support/thrown.js";

const ROM_FIXED = 0x100;
const SLOT0 = 0x0000c000;
const SLOT1 = 0x0008c000;

const RUNNING: SlotState[] = [
  slotState({ image: 0, slot: 0, hash: "aa", version: "1.0.0", active: true, confirmed: true }),
];

function plan(mode: number, slots: SlotState[] = RUNNING): FlowPlan {
  return planUpdate({ name: "MCUboot", modeNumber: mode, mode: bootMode(mode)! }, slots);
}

let linkedFor0: Uint8Array;
let linkedFor1: Uint8Array;
let linkedElsewhere: Uint8Array;
let bare: Uint8Array;

beforeAll(async () => {
  const rom = (loadAddr: number, seed: number) =>
    buildImage({ version: { major: 2 }, bodySize: 512, seed, flags: ROM_FIXED, loadAddr });
  linkedFor0 = await rom(SLOT0, 1);
  linkedFor1 = await rom(SLOT1, 2);
  linkedElsewhere = await rom(0x00100000, 3);
  bare = await buildImage({ version: { major: 2 }, bodySize: 512, seed: 4, loadAddr: SLOT1 });
});

const build = (bytes: Uint8Array, slot?: number, imageNumber = 0): LinkedBuild => ({
  imageNumber,
  bytes,
  ...(slot !== undefined ? { slot } : {}),
});

describe("romFixedAddress and packageSlotAddresses", () => {
  test("only a ROM_FIXED header has an address; a plain load address is not one", () => {
    expect(romFixedAddress(linkedFor1)).toBe(SLOT1);
    expect(romFixedAddress(bare)).toBeUndefined();
    expect(romFixedAddress(new Uint8Array(8))).toBeUndefined();
  });

  test("a package's slot map counts only this image number's ROM_FIXED builds that name a slot", () => {
    const map = packageSlotAddresses(
      [
        build(linkedFor0, 0),
        build(linkedFor1, 1),
        build(linkedElsewhere),
        build(bare, 1),
        build(linkedElsewhere, 0, 1),
      ],
      0,
    );
    expect([...map]).toEqual([
      [0, SLOT0],
      [1, SLOT1],
    ]);
    expect([...packageSlotAddresses([build(linkedElsewhere, 0, 1)], 1)]).toEqual([[0, 0x00100000]]);
  });
});

describe("checkLinkAddress", () => {
  test("swap, overwrite and single-slot modes run every image from one place: nothing to check", () => {
    for (const mode of [0, 1, 2, 3, 7, 8, 9]) {
      expect(checkLinkAddress(build(linkedFor0), 1, plan(mode), [build(linkedFor1, 1)])).toBeUndefined();
    }
  });

  test("in serial recovery (nothing runs) the bootloader writes where it is told: nothing to check", () => {
    const recovery = plan(5, []);
    expect(recovery.recovery).toBe(true);
    expect(checkLinkAddress(build(linkedFor0), 1, recovery, [build(linkedFor1, 1)])).toBeUndefined();
  });

  test("a build another build names for the other slot is refused, with both addresses and the slot it is for", () => {
    // The package's slot-0 build carries 0x0000c000; a build with that address sent to slot 1.
    const error = thrownFlowError(() =>
      checkLinkAddress(build(linkedFor0), 1, plan(5), [build(linkedFor0.slice(), 0), build(linkedFor1, 1)]),
    );
    expect(error).toMatchObject({ code: "link-address-mismatch", step: "downgrade-check" });
    expect(error.params).toEqual({
      image: 0,
      address: "0x0000c000",
      slot: 1,
      slotAddress: "0x0008c000",
      linkedFor: 0,
    });
  });

  test("a build whose address is not the one the package gives its slot is refused, its own slot unknown", () => {
    const error = thrownFlowError(() =>
      checkLinkAddress(build(linkedElsewhere), 1, plan(4), [build(linkedFor1, 1)]),
    );
    expect(error.params).toEqual({
      image: 0,
      address: "0x00100000",
      slot: 1,
      slotAddress: "0x0008c000",
      linkedFor: "unknown",
    });
  });

  test("the address of another slot is refused even when nothing gives this slot's address", () => {
    const error = thrownFlowError(() =>
      checkLinkAddress(build(linkedFor0), 1, plan(6), [build(linkedFor0.slice(), 0)]),
    );
    expect(error.params).toMatchObject({ slotAddress: "unknown", linkedFor: 0 });
  });

  test("the build's own claim is never its witness: a package of one build says the address cannot be checked", () => {
    // The package lists the very build being sent (the same bytes): its slot name proves nothing.
    expect(checkLinkAddress(build(linkedFor0), 1, plan(5), [build(linkedFor0, 0)])).toEqual({
      key: "notice.link-address-unchecked",
      params: { image: 0, address: "0x0000c000", slot: 1 },
    });
  });

  test("an address the package confirms for this slot, or a build named for it: nothing to say", () => {
    expect(
      checkLinkAddress(build(linkedFor1, 1), 1, plan(5), [build(linkedFor0, 0), build(linkedFor1, 1)]),
    ).toBeUndefined();
    expect(checkLinkAddress(build(linkedFor1), 1, plan(5), [build(linkedFor1.slice(), 1)])).toBeUndefined();
    expect(checkLinkAddress(build(linkedFor1, 1), 1, plan(5), [])).toBeUndefined();
  });

  test("another image number's builds say nothing about this one's slots", () => {
    expect(
      checkLinkAddress(build(linkedFor0), 1, plan(5), [build(linkedFor0, 0, 1), build(linkedFor1, 1, 1)]),
    ).toEqual({ key: "notice.link-address-unchecked", params: { image: 0, address: "0x0000c000", slot: 1 } });
  });

  test("a bare image: a build named for the slot says nothing, any other is warned about per mode", () => {
    expect(checkLinkAddress(build(bare, 1), 1, plan(5), [])).toBeUndefined();
    expect(checkLinkAddress(build(bare), 1, plan(5), [])).toEqual({
      key: "notice.link-unknown",
      params: {
        image: 0,
        slot: 1,
        mode: "direct-XIP with revert",
        modeKey: "boot-mode.direct-xip-revert",
        reverts: "yes",
      },
    });
    expect(checkLinkAddress(build(bare, 0), 1, plan(4), [])).toMatchObject({
      key: "notice.link-unknown",
      params: { slot: 1, modeKey: "boot-mode.direct-xip", reverts: "no" },
    });
  });
});
