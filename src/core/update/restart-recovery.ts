// The device restarted by itself while a package's images were being marked (a watchdog, a brown-out): some
// marked images may now run next to old ones. Where it is safe the flow gets back on track by itself: after a
// test mark, one reset more lets MCUboot revert what runs on trial; after a permanent mark what was installed
// stays. It carries on only when the device lists every verified hash exactly where that state puts it, so
// nothing but a verified hash is ever marked; where the restart booted every verified image it checks and
// confirms them as after its own reset; otherwise it stops and says what is on the device.

import { words } from "../errors.js";
import { resetAndReconnect } from "./device-reset.js";
import { UpdateFlowError } from "./errors.js";
import type { FlowContext } from "./flow-context.js";
import type { SlotState } from "./flow-types.js";
import { targetList, type Target } from "./targets.js";

/** Resets allowed to take a device back to its previous firmware (a pending image boots once, then reverts). */
const MAX_RESETS_BACK = 3;

function holder(slots: readonly SlotState[], target: Target): SlotState | undefined {
  return slots.find((s) => s.image === target.imageNumber && s.hash === target.hashHex);
}

function activeHash(slots: readonly SlotState[], imageNumber: number): string | undefined {
  return slots.find((s) => s.image === imageNumber && s.active)?.hash;
}

/** The error for a restart while marking, or undefined when no marked image started (then it was not one). */
export async function restartedWhileMarking(
  ctx: FlowContext,
  targets: readonly Target[],
  permanent: boolean,
): Promise<UpdateFlowError | undefined> {
  const slots = await ctx.readSlots().catch(() => undefined);
  if (!slots) return undefined;
  const runs = targets.filter((t) => holder(slots, t)?.active === true);
  const before = targets.filter((t) => holder(ctx.slotsBefore, t)?.active === true);
  const started = runs.filter((t) => !before.includes(t));
  if (started.length === 0) return undefined;
  const waiting = targets.filter((t) => !runs.includes(t));
  return new UpdateFlowError(
    permanent ? "confirm" : "test",
    "device-restarted",
    {
      runs: targetList(started),
      runsCount: started.length,
      trial: permanent ? "no" : "yes",
      waiting: targetList(waiting),
      waitingCount: waiting.length,
    },
    { hint: permanent ? "device-restarted.permanent" : "device-restarted" },
  );
}

/** A test mark reverts: nothing of the package may run or wait marked, and each image runs what it ran before. */
function backToBefore(slots: readonly SlotState[], targets: readonly Target[], before: readonly SlotState[]) {
  return targets.every((t) => {
    const slot = holder(slots, t);
    if (holder(before, t)?.active) return slot?.active === true;
    return (
      slot !== undefined &&
      !slot.active &&
      !slot.pending &&
      activeHash(slots, t.imageNumber) === activeHash(before, t.imageNumber)
    );
  });
}

/**
 * A permanent mark stays: an image that started runs confirmed; any other still lies in its update slot, with
 * the image it ran before still running.
 */
function installedOrWaiting(
  slots: readonly SlotState[],
  targets: readonly Target[],
  before: readonly SlotState[],
): boolean {
  return targets.every((t) => {
    const slot = holder(slots, t);
    if (slot?.active) return slot.confirmed;
    return slot !== undefined && activeHash(slots, t.imageNumber) === activeHash(before, t.imageNumber);
  });
}

/**
 * Brings the device back to a state the flow can carry on from, and returns its slot list; or throws
 * `restart-not-recovered`, saying what runs and which verified images are no longer where they were.
 */
export async function recoverAfterRestart(
  ctx: FlowContext,
  targets: readonly Target[],
  permanent: boolean,
  restarted: UpdateFlowError,
): Promise<{ readonly slots: SlotState[]; readonly booted: boolean }> {
  const step = permanent ? "confirm" : "test";
  const failure = { key: restarted.messageKey, params: restarted.params };
  ctx.record(step, "failed", failure, { errorCode: restarted.code });
  let slots = await ctx.readSlots();
  // Every image was marked before the restart and the device booted them all: that is where the flow's own
  // reset would have brought it. Check and confirm them as after that reset.
  if (targets.every((t) => holder(slots, t)?.active === true)) {
    ctx.record(step, "ok", words("audit.restart-booted-all"), { slotsAfter: slots });
    return { slots, booted: true };
  }
  if (!permanent) {
    // What runs on trial (or waits marked for test) goes back at the next reset: reset until nothing of the
    // package runs or waits, as before anything was marked.
    for (let reset = 1; reset <= MAX_RESETS_BACK; reset++) {
      const marked = targets.some((t) => {
        const slot = holder(slots, t);
        return slot?.pending || (slot?.active && !holder(ctx.slotsBefore, t)?.active);
      });
      if (!marked) break;
      slots = await resetAndReconnect(ctx, words("step.resetting-back"));
    }
  }
  const fits = permanent
    ? installedOrWaiting(slots, targets, ctx.slotsBefore)
    : backToBefore(slots, targets, ctx.slotsBefore);
  if (!fits) throw notRecovered(slots, targets, permanent);
  ctx.record(step, "ok", words("audit.restart-recovered", { permanent: permanent ? "yes" : "no" }), {
    slotsAfter: slots,
  });
  return { slots, booted: false };
}

function notRecovered(slots: readonly SlotState[], targets: readonly Target[], permanent: boolean) {
  const numbers = [...new Set(slots.map((s) => s.image))].sort((a, b) => a - b);
  const runs = numbers
    .map((n) => slots.find((s) => s.image === n && s.active))
    .filter((s): s is SlotState => s !== undefined)
    .map((s) => ({ imageNumber: s.image, version: s.version }));
  const missing = targets.filter((t) => holder(slots, t) === undefined);
  const trial = targets.filter((t) => {
    const slot = holder(slots, t);
    return slot !== undefined && (slot.pending || (slot.active && !slot.confirmed));
  });
  return new UpdateFlowError(
    permanent ? "confirm" : "test",
    "restart-not-recovered",
    {
      runs: targetList(runs),
      missing: targetList(missing),
      missingCount: missing.length,
      trial: targetList(trial),
      trialCount: trial.length,
      permanent: permanent ? "yes" : "no",
    },
    { hint: trial.length > 0 ? "restart-not-recovered.trial" : "restart-not-recovered" },
  );
}
