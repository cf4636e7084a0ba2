// Steps of the update flow that act on every image at once: mark them all by their verified hashes, reset once
// (again if the device did not restart), and explain exactly what is on the device when a package stops half-way.

import { McuFlashError, CancelledError } from "../errors.js";
import { UpdateFlowError } from "./errors.js";
import type { FlowContext } from "./flow-context.js";
import type { FlowPlan } from "./flow-plan.js";
import type { SlotState, UpdateMode } from "./flow-types.js";
import type { Target } from "./targets.js";

/** Resets asked for when the device does not restart. */
const MAX_RESETS = 3;

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
    ctx.record(
      "test",
      "skipped",
      `Nothing to mark in ${plan.decision.text} mode: the reset boots the new image`,
    );
    return false;
  }
  // Overwrite-only has no revert: what is marked is installed for good, so it is marked as such.
  const permanent = options.mode === "confirm-only" || plan.strategy === "overwrite";
  const step = permanent ? "confirm" : "test";
  const done: Target[] = [];
  for (const target of targets) {
    const holder = slots.find((s) => s.image === target.imageNumber && s.hash === target.hashHex);
    if (holder?.active) continue;
    ctx.enter(step, `${permanent ? "Marking permanent" : "Marking for test"}: image ${target.imageNumber}`);
    let marked: SlotState[];
    try {
      marked = await ctx.onDevice((s) => s.writeImageState(target.hash, permanent, ctx.signal));
    } catch (error) {
      if (done.length === 0 && options.isUnsupported(error)) {
        ctx.record(step, "ok", "Bootloader without test/confirm: a reset boots what the slots hold");
        return true;
      }
      throw (
        (await restartedWhileMarking(ctx, targets, permanent)) ??
        explainPartialMark(done, target, permanent, error)
      );
    }
    const slot = marked.find((s) => s.image === target.imageNumber && s.hash === target.hashHex);
    if (!slot?.pending && !slot?.confirmed) {
      const error = new UpdateFlowError(
        step,
        "not-marked",
        `The device did not mark image ${target.imageNumber}.`,
        {
          hint: "Read the image list and try again.",
        },
      );
      throw done.length === 0 ? error : explainPartialMark(done, target, permanent, error);
    }
    done.push(target);
  }
  const names = targets.map((t) => `image ${t.imageNumber}`).join(", ");
  ctx.record(step, "ok", targets.length > 1 ? `Marked ${names}` : "Marked");
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
  const signal = ctx.signal;
  for (let attempt = 1; ; attempt++) {
    ctx.enter(
      "reset",
      attempt === 1 ? "Resetting the device" : "The device did not restart; resetting again",
    );
    const session = ctx.session ?? (await ctx.reconnect());
    await session.reset(signal).catch((error: unknown) => {
      if (signal?.aborted) throw error;
      // A device may reset before its answer gets out: the reconnect below tells whether it did.
    });
    await ctx.dropSession();
    ctx.record("reset", "ok", "Reset requested");
    ctx.enter("reconnect", "Waiting for the device to restart");
    await ctx.reconnect();
    ctx.record("reconnect", "ok", "Reconnected");
    const slots = await ctx.readSlots();
    const waiting = targets.some((t) =>
      slots.some((s) => s.image === t.imageNumber && s.hash === t.hashHex && s.pending && !s.active),
    );
    // The bootloader still answering after a plain reset means the device did not restart either.
    const stillInBootloader = plan.strategy === "single-slot" && !slots.some((s) => s.active);
    if ((!waiting && !stillInBootloader) || attempt >= MAX_RESETS) return slots;
  }
}

function list(targets: readonly Target[]): string {
  return targets.map((t) => `image ${t.imageNumber} (${t.version})`).join(" and ");
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
  const where = plan.strategy === "single-slot" ? "in its slot" : "in their update slots, not marked";
  const hint =
    plan.strategy === "single-slot"
      ? "The bootloader still answers; run the same update again: finished images are not sent again and the failed one resumes."
      : "Nothing was marked, so the device still runs its previous firmware and boots it after any reset. Run the same update again: finished images are not sent again and the failed one resumes.";
  return new UpdateFlowError(
    "upload",
    "package-partly-uploaded",
    `${list(uploaded)} ${uploaded.length > 1 ? "are" : "is"} on the device (${where}); image ${failed.imageNumber} failed: ${error.message}`,
    { hint, cause: error },
  );
}

/**
 * The device restarted on its own while images were being marked (a watchdog, a brown-out): a marked image may
 * now run next to an old one. Nothing more is marked or confirmed; the error says what runs and the way back.
 */
async function restartedWhileMarking(
  ctx: FlowContext,
  targets: readonly Target[],
  permanent: boolean,
): Promise<UpdateFlowError | undefined> {
  const slots = await ctx.readSlots().catch(() => undefined);
  if (!slots) return undefined;
  const runs = targets.filter((t) =>
    slots.some((s) => s.image === t.imageNumber && s.hash === t.hashHex && s.active),
  );
  const before = targets.filter((t) =>
    ctx.slotsBefore.some((s) => s.image === t.imageNumber && s.hash === t.hashHex && s.active),
  );
  const started = runs.filter((t) => !before.includes(t));
  if (started.length === 0) return undefined;
  const waiting = targets.filter((t) => !runs.includes(t));
  const now = `It now runs ${list(started)}${permanent ? "" : " on trial"}${waiting.length ? `, while ${list(waiting)} ${waiting.length > 1 ? "wait" : "waits"} in ${waiting.length > 1 ? "their" : "its"} update slot` : ""}.`;
  return new UpdateFlowError(
    permanent ? "confirm" : "test",
    "device-restarted",
    `The device restarted by itself while the images were being marked. ${now}`,
    {
      hint: permanent
        ? "Run the same update again to finish: images already in place are not sent again."
        : "Nothing was confirmed: reset the device once to go back to the previous firmware, then run the same update again.",
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
  const message = error instanceof Error ? error.message : String(error);
  const code = error instanceof McuFlashError ? error.code : "unexpected";
  const hint = permanent
    ? `Do not reset yet: a reset would install ${list(done)} for good next to the old image ${failed.imageNumber}. Run the same update again to mark image ${failed.imageNumber} too.`
    : `Run the same update again to mark image ${failed.imageNumber} too. A reset now would boot ${list(done)} once next to the old image ${failed.imageNumber}, and go back to the previous firmware at the reset after.`;
  return new UpdateFlowError(
    permanent ? "confirm" : "test",
    "package-partly-marked",
    `${list(done)} ${done.length > 1 ? "are" : "is"} marked ${permanent ? "permanent" : "for test"}; marking image ${failed.imageNumber} failed (${code}): ${message}`,
    { hint, cause: error },
  );
}

function activeOf(slots: readonly SlotState[], imageNumber: number): SlotState | undefined {
  return slots.find((s) => s.image === imageNumber && s.active);
}

/** Zephyr's reset with boot_mode 1: MCUboot's serial recovery (or the firmware loader) answers afterwards. */
export async function enterBootloader(ctx: FlowContext): Promise<void> {
  ctx.enter("reset", "Restarting into the bootloader, which writes the application slot");
  await ctx
    .onDevice((s) => s.reset(ctx.signal, 1))
    .catch((error: unknown) => {
      if (ctx.signal?.aborted) throw error;
    });
  await ctx.dropSession();
  ctx.enter("reconnect", "Waiting for the bootloader");
  await ctx.reconnect();
  const slots = await ctx.readSlots();
  if (activeOf(slots, 0)?.slot === 0) {
    throw new UpdateFlowError(
      "reset",
      "bootloader-not-entered",
      "The device restarted its application instead of staying in the bootloader, and the application cannot overwrite the slot it runs from.",
      {
        hint: "Nothing was sent. Start the bootloader by hand (e.g. hold the button while resetting), then run the update again. (Zephyr firmware built with CONFIG_MCUMGR_GRP_OS_RESET_BOOT_MODE lets McuFlash do it.)",
      },
    );
  }
  ctx.record("reconnect", "ok", "The bootloader answers");
}

/** Confirms the running image by its verified hash, and checks that the device did. */
export async function confirmRunning(ctx: FlowContext, target: Target): Promise<SlotState[]> {
  const slots = await ctx.onDevice((s) => s.writeImageState(target.hash, true, ctx.signal));
  const active = activeOf(slots, target.imageNumber);
  if (active?.hash !== target.hashHex || !active.confirmed) {
    throw new UpdateFlowError(
      "confirm",
      "not-confirmed",
      `The device did not confirm image ${target.imageNumber}.`,
      {
        hint: "It will revert at the next reset. Run the update again or confirm it with 'mcuflash confirm'.",
      },
    );
  }
  const which = ctx.slotsBefore.some((s) => s.image !== 0) ? `image ${target.imageNumber} ` : "";
  ctx.record("confirm", "ok", `Confirmed ${which}${active.version}`, { slotsAfter: slots });
  return slots;
}
