// Steps of the update flow that act on every image at once: mark them all by their verified hashes, reset once
// (again if the device did not restart), and explain exactly what is on the device when a package stops half-way.

import { CancelledError, McuFlashError, words } from "../errors.js";
import { UpdateFlowError } from "./errors.js";
import type { FlowContext } from "./flow-context.js";
import { type FlowPlan, modeParams } from "./flow-plan.js";
import type { SlotState, UpdateMode } from "./flow-types.js";
import { targetList, type Target } from "./targets.js";
import { resetAndReconnect } from "./device-reset.js";
import { restartedWhileMarking } from "./restart-recovery.js";

/** Resets asked for when the device does not restart. */
const MAX_RESETS = 3;

/** Overwrite-only has no revert: what is marked is installed for good, so it is marked as such. */
export function marksPermanently(plan: FlowPlan, mode: UpdateMode): boolean {
  return mode === "confirm-only" || plan.strategy === "overwrite";
}

/**
 * Marks every image for test (or permanently) by its verified hash, where the mode has marks. Returns true when
 * the device has no test/confirm command at all (MCUboot serial recovery): a reset boots what it holds.
 */
export async function markAll(
  ctx: FlowContext,
  targets: readonly Target[],
  plan: FlowPlan,
  options: { readonly mode: UpdateMode; readonly isUnsupported: (error: unknown) => boolean },
  slots: readonly SlotState[],
): Promise<boolean> {
  if (!plan.marks) {
    ctx.record("test", "skipped", words("audit.nothing-to-mark", modeParams(plan.decision)));
    return false;
  }
  const permanent = marksPermanently(plan, options.mode);
  const step = permanent ? "confirm" : "test";
  const done: Target[] = [];
  for (const target of targets) {
    const holder = slots.find((s) => s.image === target.imageNumber && s.hash === target.hashHex);
    if (holder?.active) continue;
    ctx.enter(
      step,
      words(permanent ? "step.marking-image-permanent" : "step.marking-image-test", {
        image: target.imageNumber,
      }),
    );
    let marked: SlotState[];
    try {
      marked = await ctx.onDevice((s) => s.writeImageState(target.hash, permanent, ctx.signal));
    } catch (error) {
      if (done.length === 0 && options.isUnsupported(error)) {
        ctx.record(step, "ok", words("audit.no-test-confirm"));
        return true;
      }
      throw (
        (await restartedWhileMarking(ctx, targets, permanent)) ??
        explainPartialMark(done, target, permanent, error)
      );
    }
    // An image marked before this one already runs: the device restarted in between (its answer told nothing).
    if (done.some((d) => marked.some((s) => s.image === d.imageNumber && s.hash === d.hashHex && s.active))) {
      throw (
        (await restartedWhileMarking(ctx, targets, permanent)) ??
        explainPartialMark(done, target, permanent, new UpdateFlowError(step, "not-marked"))
      );
    }
    const slot = marked.find((s) => s.image === target.imageNumber && s.hash === target.hashHex);
    if (!slot?.pending && !slot?.confirmed) {
      const error = new UpdateFlowError(
        step,
        "not-marked",
        { image: target.imageNumber },
        { variant: "image", hint: "not-marked" },
      );
      throw done.length === 0 ? error : explainPartialMark(done, target, permanent, error);
    }
    done.push(target);
  }
  const numbers = targets.map((t) => String(t.imageNumber)).join(", ");
  ctx.record(
    step,
    "ok",
    targets.length > 1 ? words("audit.marked-images", { images: numbers }) : words("audit.marked"),
  );
  return false;
}

/**
 * Resets and reconnects. A reset request can be lost like any packet; if an image is still waiting in its
 * secondary slot afterwards, the device never restarted, so it is asked again.
 */
export async function resetUntilBooted(
  ctx: FlowContext,
  targets: readonly Target[],
  plan: FlowPlan,
): Promise<SlotState[]> {
  // A device that restarted by itself after the last mark may already run every image: a reset now would make
  // MCUboot revert them.
  const now = await ctx.readSlots();
  if (targets.every((t) => now.some((s) => s.image === t.imageNumber && s.hash === t.hashHex && s.active))) {
    ctx.record("reset", "skipped", words("audit.already-booted"), { slotsAfter: now });
    return now;
  }
  for (let attempt = 1; ; attempt++) {
    const slots = await resetAndReconnect(
      ctx,
      words(attempt === 1 ? "step.resetting" : "step.resetting-again"),
    );
    const waiting = targets.some((t) =>
      slots.some((s) => s.image === t.imageNumber && s.hash === t.hashHex && s.pending && !s.active),
    );
    // The bootloader still answering after a plain reset means the device did not restart either.
    const stillInBootloader = plan.strategy === "single-slot" && !slots.some((s) => s.active);
    if ((!waiting && !stillInBootloader) || attempt >= MAX_RESETS) return slots;
  }
}

/** A later image of a package failed to upload: say what is on the device and what to do. */
export function explainPartialUpload(
  targets: readonly Target[],
  index: number,
  plan: FlowPlan,
  error: unknown,
): unknown {
  if (index === 0 || error instanceof CancelledError || !(error instanceof Error)) return error;
  const uploaded = targets.slice(0, index);
  const failed = targets[index]!;
  const singleSlot = plan.strategy === "single-slot";
  return new UpdateFlowError(
    "upload",
    "package-partly-uploaded",
    {
      images: targetList(uploaded),
      count: uploaded.length,
      failed: failed.imageNumber,
      where: singleSlot ? "slot" : "update-slots",
    },
    {
      hint: singleSlot ? "package-partly-uploaded.single-slot" : "package-partly-uploaded",
      cause: error,
    },
  );
}

/** Marking stopped after some images of a package were marked: say what a reset would do now. */
function explainPartialMark(
  done: readonly Target[],
  failed: Target,
  permanent: boolean,
  error: unknown,
): unknown {
  if (done.length === 0 || error instanceof CancelledError) return error;
  const code = error instanceof McuFlashError ? error.code : "unexpected";
  return new UpdateFlowError(
    permanent ? "confirm" : "test",
    "package-partly-marked",
    {
      images: targetList(done),
      count: done.length,
      failed: failed.imageNumber,
      permanent: permanent ? "yes" : "no",
      failureCode: code,
    },
    { hint: permanent ? "package-partly-marked.permanent" : "package-partly-marked", cause: error },
  );
}

function activeOf(slots: readonly SlotState[], imageNumber: number): SlotState | undefined {
  return slots.find((s) => s.image === imageNumber && s.active);
}

/** Zephyr's reset with boot_mode 1: MCUboot's serial recovery (or the firmware loader) answers afterwards. */
export async function enterBootloader(ctx: FlowContext): Promise<void> {
  ctx.enter("reset", words("step.entering-bootloader"));
  await ctx
    .onDevice((s) => s.reset(ctx.signal, 1))
    .catch((error: unknown) => {
      if (ctx.signal?.aborted) throw error;
    });
  await ctx.dropSession();
  ctx.enter("reconnect", words("step.waiting-bootloader"));
  await ctx.reconnect();
  const slots = await ctx.readSlots();
  if (activeOf(slots, 0)?.slot === 0) {
    throw new UpdateFlowError(
      "reset",
      "bootloader-not-entered",
      {},
      { variant: "update", hint: "bootloader-not-entered.update" },
    );
  }
  ctx.record("reconnect", "ok", words("audit.bootloader-answers"));
}

/** Confirms the running image by its verified hash, and checks that the device did. */
export async function confirmRunning(ctx: FlowContext, target: Target): Promise<SlotState[]> {
  const slots = await ctx.onDevice((s) => s.writeImageState(target.hash, true, ctx.signal));
  const active = activeOf(slots, target.imageNumber);
  if (active?.hash !== target.hashHex || !active.confirmed) {
    throw new UpdateFlowError(
      "confirm",
      "not-confirmed",
      { image: target.imageNumber },
      { hint: "not-confirmed" },
    );
  }
  const key = ctx.slotsBefore.some((s) => s.image !== 0) ? "audit.confirmed-image" : "audit.confirmed";
  ctx.record("confirm", "ok", words(key, { image: target.imageNumber, version: active.version }), {
    slotsAfter: slots,
  });
  return slots;
}
