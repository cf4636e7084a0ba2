// The flow's package-wide steps one rule at a time, on a scripted device (support/scripted-device.ts): marking
// every image by its verified hash, resetting until the device restarted, going into the bootloader, confirming
// what runs, and the errors that say what is on the device when a package stops half-way.

import { describe, expect, test } from "vitest";
import { bootMode } from "../../../src/core/device/boot-modes.js";
import { CancelledError } from "../../../src/core/errors.js";
import { UpdateFlowError } from "../../../src/core/update/errors.js";
import { planUpdate, type FlowPlan } from "../../../src/core/update/flow-plan.js";
import {
  confirmRunning,
  enterBootloader,
  explainPartialUpload,
  markAll,
  marksPermanently,
  resetUntilBooted,
} from "../../../src/core/update/flow-steps.js";
import type { UpdateMode } from "../../../src/core/update/flow-types.js";
import { scriptedDevice, slotState, target, type Slot } from "./support/scripted-device.js";
import { rejectedFlowError } from "./support/thrown.js";

const OLD_APP = "a0";
const NEW_APP = "a1";
const OLD_NET = "b0";
const NEW_NET = "b1";
const APP = target(0, NEW_APP, "2.0.0");
const NET = target(1, NEW_NET, "2.1.0");

const BEFORE: Slot[] = [
  { image: 0, slot: 0, hash: OLD_APP, version: "1.0.0", active: true, confirmed: true },
  { image: 0, slot: 1, hash: NEW_APP, version: "2.0.0" },
  { image: 1, slot: 0, hash: OLD_NET, version: "1.0.0", active: true, confirmed: true },
  { image: 1, slot: 1, hash: NEW_NET, version: "2.1.0" },
];

const plan = (mode: number, slots: readonly Slot[] = BEFORE): FlowPlan =>
  planUpdate({ name: "MCUboot", modeNumber: mode, mode: bootMode(mode)! }, slots.map(slotState));

/** The slot list after marking `hashes` (pending, or confirmed for a permanent mark). */
const marked = (hashes: readonly string[], confirm = false): Slot[] =>
  BEFORE.map((s) =>
    hashes.includes(s.hash) ? { ...s, pending: true, confirmed: confirm || s.confirmed === true } : s,
  );

const never = () => false;
const options = (mode: UpdateMode, isUnsupported: (e: unknown) => boolean = never) => ({
  mode,
  isUnsupported,
});
const trail = (ctx: { audit: readonly { step: string; result: string; text?: { key: string } }[] }) =>
  ctx.audit.map((r) => [r.step, r.result, r.text?.key]);

describe("marksPermanently", () => {
  test("confirm-only, and any overwrite-only device, mark for good; the rest for test", () => {
    expect(marksPermanently(plan(3), "confirm-only")).toBe(true);
    expect(marksPermanently(plan(2), "test-and-confirm")).toBe(true);
    expect(marksPermanently(plan(3), "test-and-confirm")).toBe(false);
    expect(marksPermanently(plan(5), "test-only")).toBe(false);
  });
});

describe("markAll", () => {
  test("marks each image by its verified hash, in order, for test, and records one line for the package", async () => {
    const { ctx, device } = scriptedDevice([BEFORE], {
      write: (hash) => marked([NEW_APP, NEW_NET].slice(0, hash === NEW_APP ? 1 : 2)),
    });
    const unsupported = await markAll(
      ctx,
      [APP, NET],
      plan(3),
      options("test-and-confirm"),
      BEFORE.map(slotState),
    );
    expect(unsupported).toBe(false);
    expect(device.writes).toEqual([
      { hash: NEW_APP, confirm: false },
      { hash: NEW_NET, confirm: false },
    ]);
    expect(trail(ctx)).toEqual([["test", "ok", "audit.marked-images"]]);
    expect(ctx.audit[0]!.text).toEqual({ key: "audit.marked-images", params: { images: "0, 1" } });
  });

  test("one image: 'marked'; a permanent mark writes confirm and records under confirm", async () => {
    const { ctx, device } = scriptedDevice([BEFORE], { write: () => marked([NEW_APP], true) });
    await markAll(ctx, [APP], plan(3), options("confirm-only"), BEFORE.map(slotState));
    expect(device.writes).toEqual([{ hash: NEW_APP, confirm: true }]);
    expect(trail(ctx)).toEqual([["confirm", "ok", "audit.marked"]]);
  });

  test("an image that already runs is not marked again", async () => {
    const running: Slot[] = BEFORE.map((s) =>
      s.image === 0 ? { ...s, hash: s.slot === 0 ? NEW_APP : OLD_APP } : s,
    );
    const { ctx, device } = scriptedDevice([running], { write: () => marked([NEW_NET]) });
    await markAll(ctx, [APP, NET], plan(3), options("test-and-confirm"), running.map(slotState));
    expect(device.writes.map((w) => w.hash)).toEqual([NEW_NET]);
  });

  test("a mode without marks marks nothing and says why", async () => {
    const { ctx, device } = scriptedDevice([BEFORE]);
    expect(await markAll(ctx, [APP], plan(4), options("test-and-confirm"), BEFORE.map(slotState))).toBe(
      false,
    );
    expect(device.writes).toEqual([]);
    expect(ctx.audit[0]!.text).toEqual({
      key: "audit.nothing-to-mark",
      params: { mode: "direct-XIP", modeKey: "boot-mode.direct-xip" },
    });
    expect(trail(ctx)).toEqual([["test", "skipped", "audit.nothing-to-mark"]]);
  });

  test("no test/confirm command at all (serial recovery): true, before anything was marked", async () => {
    const unsupported = new Error("not supported");
    const { ctx } = scriptedDevice([BEFORE], { write: () => unsupported });
    const result = await markAll(
      ctx,
      [APP, NET],
      plan(3),
      options("test-and-confirm", (e) => e === unsupported),
      BEFORE.map(slotState),
    );
    expect(result).toBe(true);
    expect(trail(ctx)).toEqual([["test", "ok", "audit.no-test-confirm"]]);
  });

  test("an answer that does not show the image marked: not-marked, naming the image", async () => {
    const { ctx } = scriptedDevice([BEFORE], { write: () => BEFORE });
    const error = await rejectedFlowError(
      markAll(ctx, [APP], plan(3), options("test-and-confirm"), BEFORE.map(slotState)),
    );
    expect(error).toMatchObject({ code: "not-marked", step: "test", params: { image: 0 }, variant: "image" });
    expect(error.hint).toBe("not-marked");
  });

  test("the second image not marked after the first was: package-partly-marked, with what a reset would do", async () => {
    const { ctx } = scriptedDevice([BEFORE], {
      write: (hash) => (hash === NEW_APP ? marked([NEW_APP]) : marked([NEW_APP])),
    });
    const error = await rejectedFlowError(
      markAll(ctx, [APP, NET], plan(3), options("test-and-confirm"), BEFORE.map(slotState)),
    );
    expect(error).toMatchObject({
      code: "package-partly-marked",
      step: "test",
      params: { images: "0 (2.0.0)", count: 1, failed: 1, permanent: "no", failureCode: "not-marked" },
    });
    expect(error.hint).toBe("package-partly-marked");
    expect(error.cause).toMatchObject({ code: "not-marked" });
  });

  test("a permanent mark failing half-way says so, and keeps the device's error code", async () => {
    const refused = new UpdateFlowError("confirm", "smp-device-error");
    const { ctx } = scriptedDevice([BEFORE], {
      write: (hash) => (hash === NEW_APP ? marked([NEW_APP], true) : refused),
    });
    const error = await rejectedFlowError(
      markAll(ctx, [APP, NET], plan(3), options("confirm-only"), BEFORE.map(slotState)),
    );
    expect(error).toMatchObject({
      code: "package-partly-marked",
      step: "confirm",
      params: { permanent: "yes", failureCode: "smp-device-error" },
      cause: refused,
    });
    expect(error.hint).toBe("package-partly-marked.permanent");
  });

  test("an unsupported answer after an image was marked is a half-way stop, not 'no marks here'", async () => {
    const unsupported = new Error("not supported");
    const { ctx } = scriptedDevice([BEFORE], {
      write: (hash) => (hash === NEW_APP ? marked([NEW_APP]) : unsupported),
    });
    const error = await rejectedFlowError(
      markAll(
        ctx,
        [APP, NET],
        plan(3),
        options("test-and-confirm", (e) => e === unsupported),
        BEFORE.map(slotState),
      ),
    );
    expect(error).toMatchObject({ code: "package-partly-marked", params: { failureCode: "unexpected" } });
  });

  test("cancelled half-way: the cancellation, not a package error", async () => {
    const cancelled = new CancelledError("update");
    const { ctx } = scriptedDevice([BEFORE], {
      write: (hash) => (hash === NEW_APP ? marked([NEW_APP]) : cancelled),
    });
    const error = await markAll(
      ctx,
      [APP, NET],
      plan(3),
      options("test-and-confirm"),
      BEFORE.map(slotState),
    ).catch((e: unknown) => e);
    expect(error).toBe(cancelled);
  });

  test("the first image runs in the second answer: the device restarted in between, and the error says so", async () => {
    const appRuns: Slot[] = [
      { image: 0, slot: 0, hash: NEW_APP, version: "2.0.0", active: true },
      { image: 0, slot: 1, hash: OLD_APP, version: "1.0.0", confirmed: true },
      ...BEFORE.filter((s) => s.image === 1),
    ];
    const { ctx } = scriptedDevice([appRuns], {
      write: (hash) => (hash === NEW_APP ? marked([NEW_APP]) : appRuns),
    });
    ctx.slotsBefore = BEFORE.map(slotState);
    const error = await rejectedFlowError(
      markAll(ctx, [APP, NET], plan(3), options("test-and-confirm"), BEFORE.map(slotState)),
    );
    expect(error).toMatchObject({
      code: "device-restarted",
      params: { runs: "0 (2.0.0)", waiting: "1 (2.1.0)" },
    });
  });
});

describe("resetUntilBooted", () => {
  const running: Slot[] = [
    { image: 0, slot: 0, hash: NEW_APP, version: "2.0.0", active: true },
    { image: 0, slot: 1, hash: OLD_APP, version: "1.0.0", confirmed: true },
    { image: 1, slot: 0, hash: NEW_NET, version: "2.1.0", active: true },
    { image: 1, slot: 1, hash: OLD_NET, version: "1.0.0", confirmed: true },
  ];

  test("every image already runs (the device restarted by itself): no reset, which would revert them", async () => {
    const { ctx, device } = scriptedDevice([running]);
    const slots = await resetUntilBooted(ctx, [APP, NET], plan(3));
    expect(device.resets).toBe(0);
    expect(slots.filter((s) => s.active).map((s) => s.hash)).toEqual([NEW_APP, NEW_NET]);
    expect(trail(ctx)).toEqual([["reset", "skipped", "audit.already-booted"]]);
  });

  test("one reset when the device restarts, even if the reset's answer never came", async () => {
    const { ctx, device } = scriptedDevice([marked([NEW_APP, NEW_NET]), running], { resetAnswerLost: true });
    await resetUntilBooted(ctx, [APP, NET], plan(3));
    expect(device.resets).toBe(1);
    expect(trail(ctx)).toEqual([
      ["reset", "ok", "audit.reset-requested"],
      ["reconnect", "ok", "audit.reconnected"],
    ]);
  });

  test("an image still waiting marked after a reset means no restart: asked again, three times at most", async () => {
    const waiting = marked([NEW_APP, NEW_NET]);
    const twice = scriptedDevice([waiting, waiting, running]);
    await resetUntilBooted(twice.ctx, [APP, NET], plan(3));
    expect(twice.device.resets).toBe(2);
    const stuck = scriptedDevice([waiting]);
    const slots = await resetUntilBooted(stuck.ctx, [APP, NET], plan(3));
    expect(stuck.device.resets).toBe(3);
    expect(slots.some((s) => s.pending)).toBe(true);
  });

  test("single-slot: the bootloader still answering after a reset (nothing runs) is asked again", async () => {
    const inBootloader: Slot[] = [{ image: 0, slot: 0, hash: NEW_APP, version: "2.0.0" }];
    const booted: Slot[] = [
      { image: 0, slot: 0, hash: NEW_APP, version: "2.0.0", active: true, confirmed: true },
    ];
    const { ctx, device } = scriptedDevice([inBootloader, inBootloader, booted]);
    await resetUntilBooted(ctx, [APP], plan(0, booted));
    expect(device.resets).toBe(2);
  });
});

describe("explainPartialUpload", () => {
  const cause = new UpdateFlowError("upload", "upload-stalled");

  test("the first image failing, a cancellation, or a non-error: passed on as it is", () => {
    expect(explainPartialUpload([APP, NET], 0, plan(3), cause)).toBe(cause);
    const cancelled = new CancelledError("upload");
    expect(explainPartialUpload([APP, NET], 1, plan(3), cancelled)).toBe(cancelled);
    expect(explainPartialUpload([APP, NET], 1, plan(3), "gone")).toBe("gone");
  });

  test("a later image failing: which images are on the device, and where", () => {
    const error = explainPartialUpload([APP, NET], 1, plan(3), cause);
    expect(error).toMatchObject({
      code: "package-partly-uploaded",
      step: "upload",
      params: { images: "0 (2.0.0)", count: 1, failed: 1, where: "update-slots" },
      hint: "package-partly-uploaded",
      cause,
    });
    const single = explainPartialUpload([APP, NET], 1, plan(0), cause);
    expect(single).toMatchObject({ params: { where: "slot" }, hint: "package-partly-uploaded.single-slot" });
  });
});

describe("enterBootloader", () => {
  test("resets with boot mode 1 and goes on once the bootloader answers (nothing runs from slot 0)", async () => {
    const recovery: Slot[] = [{ image: 0, slot: 0, hash: OLD_APP, version: "1.0.0" }];
    const { ctx, device } = scriptedDevice([BEFORE, recovery], { resetAnswerLost: true });
    await enterBootloader(ctx);
    expect(device.resetModes).toEqual([1]);
    expect(trail(ctx)).toEqual([["reconnect", "ok", "audit.bootloader-answers"]]);
  });

  test("the application still running from slot 0 afterwards: bootloader-not-entered", async () => {
    const { ctx } = scriptedDevice([BEFORE]);
    const error = await rejectedFlowError(enterBootloader(ctx));
    expect(error).toMatchObject({ code: "bootloader-not-entered", step: "reset", variant: "update" });
    expect(error.hint).toBe("bootloader-not-entered.update");
  });

  test("a firmware loader running from slot 1 counts as the bootloader", async () => {
    const loader: Slot[] = [{ image: 0, slot: 1, hash: "f0", version: "1.0.0", active: true }];
    const { ctx } = scriptedDevice([BEFORE, loader]);
    await expect(enterBootloader(ctx)).resolves.toBeUndefined();
  });
});

describe("confirmRunning", () => {
  const confirmed: Slot[] = [
    { image: 0, slot: 0, hash: NEW_APP, version: "2.0.0", active: true, confirmed: true },
    { image: 0, slot: 1, hash: OLD_APP, version: "1.0.0" },
  ];

  test("the device confirms the running image by its hash: recorded with its version", async () => {
    const { ctx, device } = scriptedDevice([confirmed], { write: () => confirmed });
    ctx.slotsBefore = BEFORE.filter((s) => s.image === 0).map(slotState);
    const slots = await confirmRunning(ctx, APP);
    expect(device.writes).toEqual([{ hash: NEW_APP, confirm: true }]);
    expect(slots.find((s) => s.active)?.confirmed).toBe(true);
    expect(ctx.audit[0]!.text).toEqual({ key: "audit.confirmed", params: { image: 0, version: "2.0.0" } });
  });

  test("in a package with more than image 0 the record names the image", async () => {
    const { ctx } = scriptedDevice([confirmed], { write: () => confirmed });
    ctx.slotsBefore = BEFORE.map(slotState);
    await confirmRunning(ctx, APP);
    expect(ctx.audit[0]!.text?.key).toBe("audit.confirmed-image");
  });

  test("an answer with another image running, or the image not confirmed: not-confirmed", async () => {
    const other = confirmed.map((s) => (s.active ? { ...s, hash: "c0" } : s));
    const notYet = confirmed.map((s) => (s.active ? { ...s, confirmed: false } : s));
    for (const answer of [other, notYet]) {
      const { ctx } = scriptedDevice([answer], { write: () => answer });
      const error = await rejectedFlowError(confirmRunning(ctx, APP));
      expect(error).toMatchObject({ code: "not-confirmed", step: "confirm", params: { image: 0 } });
      expect(error.hint).toBe("not-confirmed");
    }
  });
});
