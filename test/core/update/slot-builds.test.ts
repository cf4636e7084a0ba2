// The one chooser of a package's per-slot builds (direct-XIP zips from nRF Connect SDK carry one build per slot):
// the CLI and the update flow go through it with the slot list they read, the app with the device panel's.

import { describe, expect, test } from "vitest";
import type { SlotState } from "../../../src/core/update/flow-types.js";
import {
  chooseSlotBuilds,
  chooseSlotBuildsForDevice,
  destinationSlot,
} from "../../../src/core/update/slot-builds.js";

function slot(image: number, n: number, active: boolean): SlotState {
  return {
    image,
    slot: n,
    version: "1.0.0",
    hash: `${image}${n}`.padEnd(64, "0"),
    bootable: true,
    pending: false,
    confirmed: active,
    active,
    permanent: false,
  };
}

const builds = [
  { imageNumber: 0, slot: 0, name: "app.slot0.bin" },
  { imageNumber: 0, slot: 1, name: "app.slot1.bin" },
];
const runsSlot0 = [slot(0, 0, true), slot(0, 1, false)];
const runsSlot1 = [slot(0, 0, false), slot(0, 1, true)];

describe("a direct-XIP device gets the build for the slot that is not running", () => {
  test.each([
    ["slot 0 runs", runsSlot0, 1, 0],
    ["slot 1 runs", runsSlot1, 0, 1],
  ])("%s", (_, slots, to, running) => {
    const [choice] = chooseSlotBuilds(builds, "other-slot", slots);
    expect(choice).toMatchObject({ imageNumber: 0, slot: to, runningSlot: running, picked: true });
    expect(choice!.build.name).toBe(`app.slot${to}.bin`);
  });

  test("from what the device panel knows: the reported mode 4 or 5, or the slot list when none is reported", () => {
    for (const mode of [4, 5, undefined]) {
      const [choice] = chooseSlotBuildsForDevice(builds, runsSlot1, mode);
      expect(choice!.build.name).toBe("app.slot0.bin");
    }
    expect(chooseSlotBuildsForDevice(builds, runsSlot0, 5)[0]!.build.name).toBe("app.slot1.bin");
    expect(chooseSlotBuildsForDevice(builds, runsSlot0, 4)[0]!.build.name).toBe("app.slot1.bin");
  });

  test("swap modes always write the image that will run from slot 0", () => {
    expect(chooseSlotBuildsForDevice(builds, runsSlot0, 3)[0]!.build.name).toBe("app.slot0.bin");
    expect(destinationSlot("swap", runsSlot1, 0)).toBe(0);
  });

  test("each image of a multi-image package by its own running slot", () => {
    const both = [
      ...builds,
      { imageNumber: 1, slot: 0, name: "net.slot0.bin" },
      { imageNumber: 1, slot: 1, name: "net.slot1.bin" },
    ];
    const slots = [slot(0, 0, true), slot(0, 1, false), slot(1, 0, false), slot(1, 1, true)];
    const choices = chooseSlotBuilds(both, "other-slot", slots);
    expect(choices.map((c) => c.build.name)).toEqual(["app.slot1.bin", "net.slot0.bin"]);
  });

  test("a single untagged build is taken as it is, and not reported as picked", () => {
    const [choice] = chooseSlotBuilds([{ imageNumber: 0, name: "app.bin" }], "other-slot", runsSlot0);
    expect(choice).toMatchObject({ slot: 1, picked: false });
  });
});

describe("a package that has no build for the slot is refused with a typed error", () => {
  test("its only build is linked for the running slot", () => {
    expect(() => chooseSlotBuilds([builds[0]!], "other-slot", runsSlot0)).toThrow(
      expect.objectContaining({ code: "variant-wrong-slot", params: { image: 0, builtFor: 0, slot: 1 } }),
    );
  });

  test("two builds, neither marked for the slot", () => {
    const untagged = [{ imageNumber: 0 }, { imageNumber: 0 }];
    expect(() => chooseSlotBuilds(untagged, "other-slot", runsSlot0)).toThrow(
      expect.objectContaining({ code: "package-duplicate-image" }),
    );
  });
});
