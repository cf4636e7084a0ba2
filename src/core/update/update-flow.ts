// The update state machine (issue "the whole update flow", issue 14 "every device layout"): inspect → verify →
// checks → upload every image → test/confirm → one reset → reconnect → check → confirm, following the device's
// MCUboot mode (flow-plan.ts). Every step emits events and an audit record, and the device is only ever asked to
// test or confirm the exact hashes that were verified and that it reports holding.

import { CancelledError, McuFlashError, type Message, nestedWords, words } from "../errors.js";
import { SAFE_DEFAULT_BUF_COUNT, SAFE_DEFAULT_BUF_SIZE } from "./chunk-size.js";
import type { DeviceConnector } from "./device-session.js";
import { UpdateFlowError } from "./errors.js";
import { FlowContext } from "./flow-context.js";
import { noticeWords, noticesBeforeSending } from "./flow-notices.js";
import { activeOf, buildOutcome } from "./flow-outcome.js";
import { planUpdate, refuseImpossible, type FlowPlan } from "./flow-plan.js";
import {
  confirmRunning,
  enterBootloader,
  markAll,
  marksPermanently,
  resetUntilBooted,
} from "./flow-steps.js";
import type { SlotState, UpdateMode, UpdateOutcome } from "./flow-types.js";
import { uploadAll } from "./flow-upload-all.js";
import type { UploadStepOptions } from "./flow-upload.js";
import { checkDependencies, checkVersions } from "./package-checks.js";
import type { ReconnectPolicy } from "./reconnect.js";
import { recoverAfterRestart } from "./restart-recovery.js";
import { RetransmissionTimer } from "./retransmission-timer.js";
import { chooseVariants, type PackageTarget, type Target } from "./targets.js";
import type { ChunkFailure } from "./upload.js";

export { activeOf } from "./flow-outcome.js";
export type { PackageTarget } from "./targets.js";

/** What the verification step concluded (core/mcuboot produces it; the flow only reads it). */
export interface VerifiedImage {
  /** True when the image may be sent: valid and trusted, or valid with an explicit unsigned override. */
  readonly accepted: boolean;
  /** Why the image may (or may not) be sent, in catalog words. */
  readonly reason: Message;
  /** MCUboot image hash (the hash TLV), as the device will report it. */
  readonly hash: Uint8Array;
  readonly version: string;
}

export interface UpdateOptions extends UploadStepOptions {
  readonly mode: UpdateMode;
  readonly imageNumber?: number;
  /** Refuse an image older than the one running, unless `force`. */
  readonly noDowngrade?: boolean;
  readonly force?: boolean;
  readonly verify: (image: Uint8Array) => Promise<VerifiedImage>;
  /** True when the error says the device does not support the command (MCUboot serial recovery has no test/confirm). */
  readonly isUnsupported: (error: unknown) => boolean;
  readonly classifyFailure: (error: unknown) => ChunkFailure;
  readonly onEvent?: FlowContext["options"]["onEvent"];
  readonly signal?: AbortSignal;
  readonly reconnect?: Partial<ReconnectPolicy>;
}

/** One image, as before: image number from the options (0 by default). */
export function runUpdate(
  connector: DeviceConnector,
  image: Uint8Array,
  options: UpdateOptions,
): Promise<UpdateOutcome> {
  return runPackageUpdate(connector, [{ imageNumber: options.imageNumber ?? 0, bytes: image }], options);
}

/**
 * Every image of a package in one go: verify all, check dependencies, upload each to its image number, mark all,
 * reset once, check each runs, confirm all.
 */
export function runPackageUpdate(
  connector: DeviceConnector,
  images: readonly PackageTarget[],
  options: UpdateOptions,
): Promise<UpdateOutcome> {
  return new UpdateRun(connector, images, options).run();
}

class UpdateRun {
  private readonly ctx: FlowContext;
  private targets: Target[] = [];
  private plan: FlowPlan | undefined;
  private notices: Message[] = [];
  /** The link's round-trip estimate, kept across reconnects to the same device. */
  private readonly retransmission: RetransmissionTimer;

  constructor(
    connector: DeviceConnector,
    private readonly images: readonly PackageTarget[],
    private readonly options: UpdateOptions,
  ) {
    this.ctx = new FlowContext(connector, options);
    this.retransmission = new RetransmissionTimer(
      options.timeouts?.chunkMs !== undefined ? { ceilingMs: options.timeouts.chunkMs } : {},
    );
  }

  async run(): Promise<UpdateOutcome> {
    const { ctx } = this;
    try {
      return await this.steps();
    } catch (error) {
      const cancelled = ctx.signal?.aborted === true;
      ctx.record(ctx.step, cancelled ? "cancelled" : "failed", errorWords(error), {
        errorCode: error instanceof McuFlashError ? error.code : "unexpected",
      });
      if (cancelled && !(error instanceof CancelledError)) throw new CancelledError("update", error);
      throw error;
    } finally {
      await ctx.dropSession();
    }
  }

  private async steps(): Promise<UpdateOutcome> {
    const { ctx, options } = this;
    const signal = ctx.signal;
    if (this.images.length === 0) {
      throw new UpdateFlowError("inspect", "package-empty", {}, { variant: "no-image" });
    }
    // 1. Inspect the device: slots, buffers, bootloader mode.
    ctx.enter("inspect", words("step.connecting", { device: ctx.connector.label }));
    ctx.session = await ctx.connector.connect(signal);
    ctx.slotsBefore = await ctx.readSlots();
    const params = (await ctx.onDevice((s) => s.readParams(signal)).catch(() => undefined)) ?? {
      bufSize: SAFE_DEFAULT_BUF_SIZE,
      bufCount: SAFE_DEFAULT_BUF_COUNT,
    };
    const boot = await ctx.onDevice(async (s) => s.readBootloader?.(signal)).catch(() => undefined);
    const plan = planUpdate(boot, ctx.slotsBefore);
    this.plan = plan;
    const running = activeOf(ctx.slotsBefore, 0);
    ctx.record(
      "inspect",
      "ok",
      words("audit.device-runs-mode", {
        version: running?.version ?? "",
        listed: running ? "yes" : "no",
        noteKey: plan.decision.note.key,
        ...plan.decision.note.params,
      }),
    );

    // 2. Verify every image before a byte leaves the machine; pick the variant built for the slot it goes to.
    ctx.enter(
      "verify",
      this.images.length > 1
        ? words("step.verifying-images", { count: this.images.length })
        : words("step.verifying"),
    );
    this.targets = await chooseVariants(this.images, plan, ctx.slotsBefore, options.verify);
    // One audit record per image, each naming its own hash.
    for (const target of this.targets) {
      ctx.subject = target;
      const reason = nestedWords("reason", target.reason);
      ctx.record(
        "verify",
        "ok",
        this.targets.length > 1
          ? words("audit.verified-image", { ...reason, image: target.imageNumber })
          : words("audit.verified", reason),
      );
    }
    ctx.subject = this.targets[0];

    // 3. What the mode cannot do, dependencies, versions — and what the user must know before anything is sent.
    ctx.enter("downgrade-check", words("step.checking-package"));
    refuseImpossible(plan, options.mode);
    checkDependencies(this.targets, ctx.slotsBefore);
    for (const target of this.targets) checkVersions(target, plan, ctx.slotsBefore, options);
    this.notices = noticesBeforeSending(plan, options.mode, this.targets, this.images);
    for (const notice of this.notices) ctx.enter("downgrade-check", notice);
    ctx.record("downgrade-check", "ok", noticeWords(this.notices));

    if (
      options.mode !== "upload-only" &&
      this.targets.every((t) => activeOf(ctx.slotsBefore, t.imageNumber)?.hash === t.hashHex)
    ) {
      return this.alreadyRunning();
    }

    // Single-slot modes: the application cannot write its own slot; the bootloader must answer.
    if (plan.strategy === "single-slot" && !plan.recovery) await enterBootloader(ctx);

    // 4. Upload every image (skipped when a slot already holds it). Nothing is marked until all are there.
    const { uploadedBytes, uploadMs, afterUpload } = await uploadAll(
      ctx,
      this.targets,
      params,
      options,
      plan,
      this.retransmission,
    );
    const skipped = this.targets.every((t) => t.skipped);
    if (options.mode === "upload-only") {
      ctx.record("done", "ok", words("audit.uploaded-not-marked"), { slotsAfter: afterUpload });
      return this.outcome("uploaded", afterUpload, uploadedBytes, uploadMs, skipped);
    }

    // 5. Mark every image by its verified hash (test, or permanent) — where the mode has marks at all.
    const { unsupported, booted } = await this.markRecovering(afterUpload);

    // 6. One reset for all; 7. check what runs.
    let after = booted ?? (await resetUntilBooted(ctx, this.targets, plan));
    ctx.enter("check", words("step.checking"));
    const runningNew = this.targets.filter((t) => activeOf(after, t.imageNumber)?.hash === t.hashHex);
    if (runningNew.length < this.targets.length) {
      const stale = this.targets.filter((t) => !runningNew.includes(t));
      const which = stale
        .map((t) => `${t.imageNumber}: ${activeOf(after, t.imageNumber)?.version ?? "-"}`)
        .join(", ");
      const single = this.targets.length === 1;
      ctx.record(
        "check",
        "failed",
        single
          ? words("audit.reverted", { version: activeOf(after, this.targets[0]!.imageNumber)?.version ?? "" })
          : words("audit.not-all-booted", { images: which }),
        { slotsAfter: after },
      );
      return this.outcome("reverted", after, uploadedBytes, uploadMs, skipped);
    }
    ctx.record(
      "check",
      "ok",
      words("audit.runs", { version: this.targets.map((t) => t.version).join(" + ") }),
      {
        slotsAfter: after,
      },
    );

    // 8. Confirm every image that runs on trial (never in test-only, never where the mode has no confirm).
    if (options.mode === "test-and-confirm" && !unsupported && plan.strategy !== "single-slot") {
      for (const target of this.targets) {
        if (activeOf(after, target.imageNumber)?.confirmed) continue;
        ctx.enter("confirm", words("step.confirming-image", { image: target.imageNumber }));
        after = await confirmRunning(ctx, target);
      }
    }
    const versions = this.targets.map((t) => t.version).join(" + ");
    ctx.record("done", "ok", words("audit.now-running", { version: versions }), {
      slotsAfter: after,
    });
    return this.outcome("running-new", after, uploadedBytes, uploadMs, skipped);
  }

  /**
   * Marks every image; when the device restarts by itself half-way, gets it back on track once (see
   * restart-recovery.ts) and marks again. A second restart stops the flow.
   */
  private async markRecovering(
    slots: SlotState[],
  ): Promise<{ unsupported: boolean; booted?: SlotState[] | undefined }> {
    const { ctx, options, targets } = this;
    const plan = this.plan!;
    try {
      return { unsupported: await markAll(ctx, targets, plan, options, slots) };
    } catch (error) {
      if (!(error instanceof UpdateFlowError) || error.code !== "device-restarted") throw error;
      const permanent = marksPermanently(plan, options.mode);
      const back = await recoverAfterRestart(ctx, targets, permanent, error);
      if (back.booted) return { unsupported: false, booted: back.slots };
      return { unsupported: await markAll(ctx, targets, plan, options, back.slots) };
    }
  }

  private outcome(
    result: UpdateOutcome["result"],
    after: SlotState[],
    uploadedBytes: number,
    uploadMs: number,
    skippedUpload: boolean,
  ): UpdateOutcome {
    const parts = { ctx: this.ctx, targets: this.targets, plan: this.plan, notices: this.notices };
    return buildOutcome(parts, result, after, uploadedBytes, uploadMs, skippedUpload);
  }

  private async alreadyRunning(): Promise<UpdateOutcome> {
    const { ctx, options } = this;
    for (const target of this.targets) {
      const active = activeOf(ctx.slotsBefore, target.imageNumber);
      if (options.mode !== "test-only" && active && !active.confirmed && this.plan?.marks) {
        ctx.enter("confirm", words("step.confirming-running-image", { image: target.imageNumber }));
        await confirmRunning(ctx, target);
      }
    }
    ctx.record("done", "ok", words("audit.already-running"));
    return this.outcome("already-running", await ctx.readSlots(), 0, 0, true);
  }
}

function errorWords(error: unknown): Message {
  if (error instanceof McuFlashError) return { key: error.messageKey, params: error.params };
  return words("error.unexpected", { detail: error instanceof Error ? error.message : String(error) });
}
