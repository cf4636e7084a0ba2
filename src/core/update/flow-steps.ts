// Steps of the update flow that act on every image at once: mark them all by their verified hashes, reset once
// (again if the device did not restart), and explain exactly what is on the device when a package stops half-way.

import { CancelledError, McuFlashError, words } from "../errors.js";
import { UpdateFlowError } from "./errors.js";
import type { FlowContext } from "./flow-context.js";
import { type FlowPlan, modeParams } from "./flow-plan.js";
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
    ctx.record("test", "skipped", words("audit.nothing-to-mark", modeParams(plan.decision)));
    return false;
  }
  // Overwrite-only has no revert: what is marked is installed for good, so it is marked as such.
  const permanent = options.mode === "confirm-only" || plan.strategy === "overwrite";
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
  const signal = ctx.signal;
  for (let attempt = 1; ; attempt++) {
    ctx.enter("reset", words(attempt === 1 ? "step.resetting" : "step.resetting-again"));
    const session = ctx.session ?? (await ctx.reconnect());
    await session.reset(signal).catch((error: unknown) => {
      if (signal?.aborted) throw error;
      // A device may reset before its answer gets out: the reconnect below tells whether it did.
    });
    await ctx.dropSession();
    ctx.record("reset", "ok", words("audit.reset-requested"));
    ctx.enter("reconnect", words("step.waiting-restart"));
    await ctx.reconnect();
    ctx.record("reconnect", "ok", words("audit.reconnected"));
    const slots = await ctx.readSlots();
    const waiting = targets.some((t) =>
      slots.some((s) => s.image === t.imageNumber && s.hash === t.hashHex && s.pending && !s.active),
    );
    // The bootloader still answering after a plain reset means the device did not restart either.
    const stillInBootloader = plan.strategy === "single-slot" && !slots.some((s) => s.active);
    if ((!waiting && !stillInBootloader) || attempt >= MAX_RESETS) return slots;
  }
}

/** Image numbers and versions, language-neutral ("0 (1.2.0), 1 (1.0.3)"); the catalog words around them. */
function list(targets: readonly Target[]): string {
  return targets.map((t) => `${t.imageNumber} (${t.version})`).join(", ");
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
      images: list(uploaded),
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
  return new UpdateFlowError(
    permanent ? "confirm" : "test",
    "device-restarted",
    {
      runs: list(started),
      runsCount: started.length,
      trial: permanent ? "no" : "yes",
      waiting: list(waiting),
      waitingCount: waiting.length,
    },
    { hint: permanent ? "device-restarted.permanent" : "device-restarted" },
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
      images: list(done),
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
