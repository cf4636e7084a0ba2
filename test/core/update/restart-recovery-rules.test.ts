// The restart-while-marking rules one by one, on a scripted device whose slot list and reset behaviour each
// test writes out: when a restart counts as one, which slot lists let the flow carry on after a test mark and
// after a permanent mark, how many resets it spends going back, and what the error says when it cannot.
// restart-recovery.test.ts runs the same rules end to end on the simulator.

import { describe, expect, test } from "vitest";
import { UpdateFlowError } from "../../../src/core/update/errors.js";
import type { FlowContext } from "../../../src/core/update/flow-context.js";
import { recoverAfterRestart, restartedWhileMarking } from "../../../src/core/update/restart-recovery.js";
import { scriptedDevice, slotState as state, target, type Slot } from "./support/scripted-device.js";

const OLD_APP = "a0";
const OLD_NET = "b0";
const NEW_APP = "a1";
const NEW_NET = "b1";

const TARGETS = [target(0, NEW_APP, "2.0.0"), target(1, NEW_NET, "2.0.0")];

/** Before any mark: old firmware runs confirmed in slot 0 of both images, the new ones lie in slot 1. */
const BEFORE: Slot[] = [
  { image: 0, slot: 0, hash: OLD_APP, version: "1.0.0", active: true, confirmed: true },
  { image: 0, slot: 1, hash: NEW_APP, version: "2.0.0" },
  { image: 1, slot: 0, hash: OLD_NET, version: "1.0.0", active: true, confirmed: true },
  { image: 1, slot: 1, hash: NEW_NET, version: "2.0.0" },
];
/** The restart booted the new application on trial; the network image still waits unmarked. */
const APP_ON_TRIAL: Slot[] = [
  { image: 0, slot: 0, hash: NEW_APP, version: "2.0.0", active: true },
  { image: 0, slot: 1, hash: OLD_APP, version: "1.0.0", confirmed: true },
  { image: 1, slot: 0, hash: OLD_NET, version: "1.0.0", active: true, confirmed: true },
  { image: 1, slot: 1, hash: NEW_NET, version: "2.0.0" },
];

function withBefore(ctx: FlowContext): void {
  ctx.slotsBefore = BEFORE.map(state);
}

const restarted = (permanent: boolean) =>
  new UpdateFlowError(permanent ? "confirm" : "test", "device-restarted", { runs: "0 (2.0.0)" });

describe("restartedWhileMarking", () => {
  test("a marked image that did not run before runs now: a restart, with what runs and what waits", async () => {
    const { ctx } = scriptedDevice([APP_ON_TRIAL]);
    withBefore(ctx);
    const error = await restartedWhileMarking(ctx, TARGETS, false);
    expect(error).toBeInstanceOf(UpdateFlowError);
    expect(error).toMatchObject({
      code: "device-restarted",
      step: "test",
      params: { runs: "0 (2.0.0)", runsCount: 1, trial: "yes", waiting: "1 (2.0.0)", waitingCount: 1 },
      hint: "device-restarted",
    });
    const permanent = await restartedWhileMarking(ctx, TARGETS, true);
    expect(permanent).toMatchObject({ step: "confirm", params: { trial: "no" } });
    expect(permanent?.hint).toBe("device-restarted.permanent");
  });

  test("nothing new runs, or the slot list cannot be read: not a restart", async () => {
    const { ctx, device } = scriptedDevice([BEFORE]);
    withBefore(ctx);
    expect(await restartedWhileMarking(ctx, TARGETS, false)).toBeUndefined();
    device.failReads = true;
    expect(await restartedWhileMarking(ctx, TARGETS, false)).toBeUndefined();
  });

  test("an image of the package that already ran before the marks does not count as started", async () => {
    const { ctx } = scriptedDevice([APP_ON_TRIAL]);
    ctx.slotsBefore = APP_ON_TRIAL.map(state);
    expect(await restartedWhileMarking(ctx, TARGETS, false)).toBeUndefined();
  });
});

describe("recoverAfterRestart after a test mark", () => {
  test("one reset takes the trial back: the flow carries on from the slot list as before the marks", async () => {
    const { ctx, device } = scriptedDevice([APP_ON_TRIAL, BEFORE]);
    withBefore(ctx);
    const result = await recoverAfterRestart(ctx, TARGETS, false, restarted(false));
    expect(device.resets).toBe(1);
    expect(result.booted).toBe(false);
    expect(result.slots.filter((s) => s.active).map((s) => s.hash)).toEqual([OLD_APP, OLD_NET]);
    const trail = ctx.audit.map((r) => [r.step, r.result, r.text?.key, r.errorCode]);
    expect(trail).toEqual([
      ["test", "failed", "error.device-restarted", "device-restarted"],
      ["reset", "ok", "audit.reset-requested", undefined],
      ["reconnect", "ok", "audit.reconnected", undefined],
      ["test", "ok", "audit.restart-recovered", undefined],
    ]);
    expect(ctx.audit.at(-1)!.text?.params).toEqual({ permanent: "no" });
  });

  test("an image still waiting marked for test is taken back by a reset too", async () => {
    const waitingMarked = BEFORE.map((s) => (s.hash === NEW_NET ? { ...s, pending: true } : s));
    const { ctx, device } = scriptedDevice([waitingMarked, BEFORE]);
    withBefore(ctx);
    await recoverAfterRestart(ctx, TARGETS, false, restarted(false));
    expect(device.resets).toBe(1);
  });

  test("a trial that does not go back stops after three resets with restart-not-recovered, naming the trial", async () => {
    const { ctx, device } = scriptedDevice([APP_ON_TRIAL]);
    withBefore(ctx);
    const error = await recoverAfterRestart(ctx, TARGETS, false, restarted(false)).catch((e: unknown) => e);
    expect(device.resets).toBe(3);
    expect(error).toMatchObject({
      code: "restart-not-recovered",
      step: "test",
      params: {
        runs: "0 (2.0.0), 1 (1.0.0)",
        missing: "",
        missingCount: 0,
        trial: "0 (2.0.0)",
        trialCount: 1,
        permanent: "no",
      },
    });
    expect((error as UpdateFlowError).hint).toBe("restart-not-recovered.trial");
  });

  test("back to the old firmware but a verified image gone from its slot: not recovered, the image named missing", async () => {
    const gone = BEFORE.filter((s) => s.hash !== NEW_NET);
    const { ctx } = scriptedDevice([APP_ON_TRIAL, gone]);
    withBefore(ctx);
    const error = await recoverAfterRestart(ctx, TARGETS, false, restarted(false)).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: "restart-not-recovered",
      params: { runs: "0 (1.0.0), 1 (1.0.0)", missing: "1 (2.0.0)", missingCount: 1, trialCount: 0 },
    });
    expect((error as UpdateFlowError).hint).toBe("restart-not-recovered");
  });

  test("back, but another firmware than before runs: not recovered", async () => {
    const other = BEFORE.map((s) =>
      s.image === 1 && s.slot === 0 ? { ...s, hash: "c0", version: "0.9.0" } : s,
    );
    const { ctx } = scriptedDevice([APP_ON_TRIAL, other]);
    withBefore(ctx);
    await expect(recoverAfterRestart(ctx, TARGETS, false, restarted(false))).rejects.toMatchObject({
      code: "restart-not-recovered",
      params: { runs: "0 (1.0.0), 1 (0.9.0)" },
    });
  });

  test("an image of the package that ran before the marks must still run afterwards", async () => {
    // Image 1's new build already ran before this update (only image 0 was new).
    const back = BEFORE.map((s) => (s.image === 1 ? { ...s, hash: s.slot === 0 ? NEW_NET : OLD_NET } : s));
    const { ctx } = scriptedDevice([back]);
    ctx.slotsBefore = back.map(state);
    const result = await recoverAfterRestart(ctx, TARGETS, false, restarted(false));
    expect(result.booted).toBe(false);
    // Image 1's build no longer running is not going back to before.
    const lost = back.map((s) => (s.image === 1 ? { ...s, active: s.slot === 1 } : s));
    const second = scriptedDevice([lost]);
    second.ctx.slotsBefore = back.map(state);
    await expect(recoverAfterRestart(second.ctx, TARGETS, false, restarted(false))).rejects.toMatchObject({
      code: "restart-not-recovered",
    });
  });
});

describe("recoverAfterRestart after a permanent mark", () => {
  const INSTALLED_APP: Slot[] = APP_ON_TRIAL.map((s) =>
    s.hash === NEW_APP ? { ...s, confirmed: true } : s.hash === OLD_APP ? { ...s, confirmed: false } : s,
  );

  test("what was installed stays: no reset, and the flow carries on marking the rest", async () => {
    const { ctx, device } = scriptedDevice([INSTALLED_APP]);
    withBefore(ctx);
    const result = await recoverAfterRestart(ctx, TARGETS, true, restarted(true));
    expect(device.resets).toBe(0);
    expect(result.booted).toBe(false);
    expect(ctx.audit.map((r) => [r.step, r.result, r.text?.key])).toEqual([
      ["confirm", "failed", "error.device-restarted"],
      ["confirm", "ok", "audit.restart-recovered"],
    ]);
    expect(ctx.audit.at(-1)!.text?.params).toEqual({ permanent: "yes" });
  });

  test("a started image that runs unconfirmed after a permanent mark is not what was asked: not recovered", async () => {
    const { ctx } = scriptedDevice([APP_ON_TRIAL]);
    withBefore(ctx);
    const error = await recoverAfterRestart(ctx, TARGETS, true, restarted(true)).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: "restart-not-recovered",
      step: "confirm",
      params: { permanent: "yes" },
    });
  });

  test("the waiting image must lie in its slot with the old firmware of its image still running", async () => {
    const netGone = INSTALLED_APP.filter((s) => s.hash !== NEW_NET);
    const { ctx } = scriptedDevice([netGone]);
    withBefore(ctx);
    await expect(recoverAfterRestart(ctx, TARGETS, true, restarted(true))).rejects.toMatchObject({
      params: { missing: "1 (2.0.0)" },
    });
    const netSwapped = INSTALLED_APP.map((s) => (s.image === 1 && s.slot === 0 ? { ...s, hash: "c0" } : s));
    const other = scriptedDevice([netSwapped]);
    withBefore(other.ctx);
    await expect(recoverAfterRestart(other.ctx, TARGETS, true, restarted(true))).rejects.toMatchObject({
      code: "restart-not-recovered",
    });
  });
});

describe("recoverAfterRestart when the restart booted every verified image", () => {
  test("no reset: the flow checks and confirms them as after its own reset", async () => {
    const allOnTrial: Slot[] = APP_ON_TRIAL.map((s) =>
      s.image === 1 ? { ...s, active: s.slot === 1, confirmed: s.slot === 0 } : s,
    );
    const { ctx, device } = scriptedDevice([allOnTrial]);
    withBefore(ctx);
    const result = await recoverAfterRestart(ctx, TARGETS, false, restarted(false));
    expect(result.booted).toBe(true);
    expect(device.resets).toBe(0);
    expect(ctx.audit.at(-1)!.text?.key).toBe("audit.restart-booted-all");
    expect(
      ctx.audit
        .at(-1)!
        .slotsAfter?.filter((s) => s.active)
        .map((s) => s.hash),
    ).toEqual([NEW_APP, NEW_NET]);
  });
});
