// Which way an update goes, as a table: from the mode a device reports in its bootloader info, or (stock Zephyr
// builds leave bootloader info out) from its slot list alone. Expected plans are written out here, not read from
// the mode table they are made from.

import { describe, expect, test } from "vitest";
import { bootMode } from "../../../src/core/device/boot-modes.js";
import type { BootloaderInfo } from "../../../src/core/device/device-client.js";
import { planUpdate } from "../../../src/core/update/flow-plan.js";
import { slotState, type Slot } from "./support/scripted-device.js";

const H0 = "a0".repeat(32);
const H1 = "a1".repeat(32);
const runsSlot0: Slot[] = [
  { image: 0, slot: 0, hash: H0, version: "1.0.0", active: true, confirmed: true },
  { image: 0, slot: 1, hash: H1, version: "0.9.0" },
];
const runsSlot1: Slot[] = [
  { image: 0, slot: 0, hash: H0, version: "0.9.0" },
  { image: 0, slot: 1, hash: H1, version: "1.0.0", active: true, confirmed: true },
];
// Serial recovery lists what is in the slot, but nothing runs.
const nothingRuns: Slot[] = [{ image: 0, slot: 0, hash: H0, version: "1.0.0" }];

const reported = (modeNumber: number): BootloaderInfo => {
  const mode = bootMode(modeNumber);
  return { name: "MCUboot", modeNumber, ...(mode ? { mode } : {}) };
};

type Row = [
  string,
  BootloaderInfo | undefined,
  Slot[],
  { strategy: string; reverts: boolean; marks: boolean; recovery: boolean },
  {
    number: number | undefined;
    key: string;
    inferred: boolean;
    note: string;
    params?: Record<string, unknown>;
  },
];

const rows: Row[] = [
  [
    "reported swap using move",
    reported(3),
    runsSlot0,
    { strategy: "swap", reverts: true, marks: true, recovery: false },
    { number: 3, key: "boot-mode.swap-move", inferred: false, note: "mode.reported" },
  ],
  [
    "reported overwrite only: marks, but nothing to go back to",
    reported(2),
    runsSlot0,
    { strategy: "overwrite", reverts: false, marks: true, recovery: false },
    { number: 2, key: "boot-mode.overwrite-only", inferred: false, note: "mode.reported" },
  ],
  [
    "reported direct-XIP without revert: no marks",
    reported(4),
    runsSlot1,
    { strategy: "other-slot", reverts: false, marks: false, recovery: false },
    { number: 4, key: "boot-mode.direct-xip", inferred: false, note: "mode.reported" },
  ],
  [
    "reported direct-XIP with revert",
    reported(5),
    runsSlot0,
    { strategy: "other-slot", reverts: true, marks: true, recovery: false },
    { number: 5, key: "boot-mode.direct-xip-revert", inferred: false, note: "mode.reported" },
  ],
  [
    "a reported mode while the bootloader answers: its recovery writes the one slot, no marks",
    reported(3),
    nothingRuns,
    { strategy: "single-slot", reverts: true, marks: false, recovery: true },
    { number: 3, key: "boot-mode.swap-move", inferred: false, note: "mode.reported-recovery" },
  ],
  [
    "no bootloader info, slot 0 runs: swap inferred",
    undefined,
    runsSlot0,
    { strategy: "swap", reverts: true, marks: true, recovery: false },
    {
      number: undefined,
      key: "boot-mode.swap",
      inferred: true,
      note: "mode.inferred-swap",
      params: { unknown: "no" },
    },
  ],
  [
    "no bootloader info, slot 1 runs: only in-place modes do that, direct-XIP with revert inferred",
    undefined,
    runsSlot1,
    { strategy: "other-slot", reverts: true, marks: true, recovery: false },
    {
      number: undefined,
      key: "boot-mode.direct-xip",
      inferred: true,
      note: "mode.inferred-direct-xip",
      params: { unknown: "no" },
    },
  ],
  [
    "no bootloader info, nothing runs: serial recovery",
    undefined,
    nothingRuns,
    { strategy: "single-slot", reverts: false, marks: false, recovery: true },
    {
      number: undefined,
      key: "boot-mode.serial-recovery",
      inferred: true,
      note: "mode.inferred-recovery",
      params: { unknown: "no" },
    },
  ],
  [
    "MCUboot's 'unknown' mode (-1): inferred, and the note says which number came",
    reported(-1),
    runsSlot0,
    { strategy: "swap", reverts: true, marks: true, recovery: false },
    {
      number: undefined,
      key: "boot-mode.swap",
      inferred: true,
      note: "mode.inferred-swap",
      params: { unknown: "yes", number: -1, modeKey: "boot-mode.unknown" },
    },
  ],
  [
    "a mode number MCUboot does not define (42)",
    reported(42),
    runsSlot1,
    { strategy: "other-slot", reverts: true, marks: true, recovery: false },
    {
      number: undefined,
      key: "boot-mode.direct-xip",
      inferred: true,
      note: "mode.inferred-direct-xip",
      params: { unknown: "yes", number: 42, modeKey: "boot-mode.other" },
    },
  ],
];

describe("planUpdate", () => {
  test.each(rows)("%s", (_name, boot, slots, plan, decision) => {
    const result = planUpdate(boot, slots.map(slotState));
    expect({
      strategy: result.strategy,
      reverts: result.reverts,
      marks: result.marks,
      recovery: result.recovery,
    }).toEqual(plan);
    expect(result.decision).toMatchObject({
      number: decision.number,
      key: decision.key,
      inferred: decision.inferred,
    });
    expect(result.decision.note.key).toBe(decision.note);
    if (decision.params) expect(result.decision.note.params).toMatchObject(decision.params);
  });

  test("an image 1 running from its slot 1 does not make image 0 direct-XIP", () => {
    const slots = [
      ...runsSlot0,
      { image: 1, slot: 1, hash: "b1".repeat(32), version: "1.0.0", active: true },
    ];
    expect(planUpdate(undefined, slots.map(slotState)).decision.key).toBe("boot-mode.swap");
  });
});
