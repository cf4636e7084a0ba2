import { expect, test } from "vitest";
import { slotActions } from "../../src/app/device/slot-actions.js";
import type { SlotState } from "../../src/core/update/flow-types.js";

const slot = (patch: Partial<SlotState>): SlotState => ({
  image: 0,
  slot: 1,
  version: "1.1.0",
  hash: "ab".repeat(32),
  bootable: true,
  pending: false,
  confirmed: false,
  active: false,
  permanent: false,
  ...patch,
});

const names = (s: SlotState) => slotActions(s).map((o) => o.action);

test("the running, confirmed image offers nothing to erase, test or confirm", () => {
  expect(names(slot({ slot: 0, active: true, confirmed: true }))).toEqual([]);
});

test("a running image on trial may be confirmed, never erased", () => {
  expect(names(slot({ slot: 0, active: true }))).toEqual(["confirm"]);
});

test("an uploaded image may be tested, confirmed or erased without a question", () => {
  expect(slotActions(slot({}))).toEqual([{ action: "test" }, { action: "confirm" }, { action: "erase" }]);
});

test("the revert image and a pending image are erased only after a warned question", () => {
  const revert = slotActions(slot({ confirmed: true }));
  expect(revert.map((o) => o.action)).toEqual(["erase"]);
  expect(revert[0]?.warning).toMatch(/goes back to/);
  const pending = slotActions(slot({ pending: true }));
  expect(pending.map((o) => o.action)).toEqual(["confirm", "erase"]);
  expect(pending.at(-1)?.warning).toMatch(/next reset/);
});

test("a slot without a listed hash offers nothing", () => {
  expect(names(slot({ hash: "" }))).toEqual([]);
});
