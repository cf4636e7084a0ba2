// The update state machine (issue "the whole update flow", issue 14 "every device layout"): inspect → verify →
// checks → upload every image → test/confirm → one reset → reconnect → check → confirm, following the device's
// MCUboot mode (flow-plan.ts). Every step emits events and an audit record, and the device is only ever asked to
// test or confirm the exact hashes that were verified and that it reports holding.

import { CancelledError, McuFlashError, type Message, nestedWords, words } from "../errors.js";
import type { DeviceConnector } from "./device-session.js";
import { UpdateFlowError } from "./errors.js";
import { FlowContext } from "./flow-context.js";
import type { ImageOutcome, SlotState, UpdateMode, UpdateOutcome } from "./flow-types.js";
import { noticesFor, planUpdate, refuseImpossible, type FlowPlan } from "./flow-plan.js";
import { uploadTarget, type UploadStepOptions } from "./flow-upload.js";
import { SAFE_DEFAULT_BUF_COUNT, SAFE_DEFAULT_BUF_SIZE } from "./chunk-size.js";
import { checkDependencies, checkVersions } from "./package-checks.js";
import { chooseVariants, type PackageTarget, type Target } from "./targets.js";
import type { ReconnectPolicy } from "./reconnect.js";
import { RetransmissionTimer } from "./retransmission-timer.js";
import type { ChunkFailure } from "./upload.js";
import {
  confirmRunning,
  enterBootloader,
  explainPartialUpload,
  markAll,
  resetUntilBooted,
} from "./flow-steps.js";

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
    this.notices = noticesFor(plan, options.mode);
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
    const total = this.targets.reduce((n, t) => n + t.bytes.length, 0);
    let doneBefore = 0;
    let uploadedBytes = 0;
    let uploadMs = 0;
    let singleWords: Message | undefined;
    for (const [index, target] of this.targets.entries()) {
      ctx.enter(
        "upload",
        this.targets.length > 1
          ? words("step.uploading-image", {
              image: target.imageNumber,
              position: index + 1,
              count: this.targets.length,
            })
          : words("step.uploading"),
      );
      const known = ctx.slotsBefore.some((s) => s.image === target.imageNumber && s.hash === target.hashHex);
      let sent = 0;
      if (known) {
        target.skipped = true;
      } else {
        try {
          const place = { index, count: this.targets.length, imageNumber: target.imageNumber, total };
          const result = await uploadTarget(
            ctx,
            target,
            params,
            options,
            place,
            doneBefore,
            this.retransmission,
          );
          sent = result.bytes;
          uploadedBytes += result.bytes;
          uploadMs += result.ms;
        } catch (error) {
          throw explainPartialUpload(this.targets, index, plan, error);
        }
      }
      doneBefore += target.bytes.length;
      // One record per image of a package; a single image gets its record with the slot list below.
      if (this.targets.length > 1) {
        const key = target.skipped ? "audit.image-upload-skipped" : "audit.image-uploaded";
        ctx.record("upload", "ok", words(key, { image: target.imageNumber, bytes: sent }));
      } else singleWords = words(target.skipped ? "audit.upload-skipped" : "audit.uploaded", { bytes: sent });
    }
    const afterUpload = await ctx.readSlots();
    for (const target of this.targets) {
      if (!afterUpload.some((s) => s.image === target.imageNumber && s.hash === target.hashHex)) {
        throw new UpdateFlowError(
          "upload",
          "hash-not-on-device",
          { image: target.imageNumber },
          { hint: "hash-not-on-device" },
        );
      }
    }
    if (singleWords !== undefined) ctx.record("upload", "ok", singleWords, { slotsAfter: afterUpload });
    const skipped = this.targets.every((t) => t.skipped);
    if (options.mode === "upload-only") {
      ctx.record("done", "ok", words("audit.uploaded-not-marked"), { slotsAfter: afterUpload });
      return this.outcome("uploaded", afterUpload, uploadedBytes, uploadMs, skipped);
    }

    // 5. Mark every image by its verified hash (test, or permanent) — where the mode has marks at all.
    const unsupported = await markAll(ctx, this.targets, plan, options, afterUpload);

    // 6. One reset for all; 7. check what runs.
    let after = await resetUntilBooted(ctx, this.targets, plan);
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

  private outcome(
    result: UpdateOutcome["result"],
    after: SlotState[],
    uploadedBytes: number,
    uploadMs: number,
    skippedUpload: boolean,
  ): UpdateOutcome {
    const { ctx } = this;
    const first = this.targets[0];
    const images: ImageOutcome[] = this.targets.map((t) => ({
      imageNumber: t.imageNumber,
      hash: t.hashHex,
      version: t.version,
      previousVersion: activeOf(ctx.slotsBefore, t.imageNumber)?.version,
      running: activeOf(after, t.imageNumber)?.hash === t.hashHex,
      skippedUpload: t.skipped,
    }));
    return {
      result,
      device: ctx.connector.label,
      imageHash: first ? first.hashHex : "",
      imageVersion: first?.version ?? "",
      previousVersion: first ? activeOf(ctx.slotsBefore, first.imageNumber)?.version : undefined,
      slotsBefore: ctx.slotsBefore,
      slotsAfter: after,
      uploadedBytes,
      uploadMs,
      skippedUpload,
      audit: ctx.audit,
      images,
      bootMode: this.plan?.decision ?? {
        number: undefined,
        text: "unknown",
        inferred: true,
        note: words("mode.not-read"),
      },
      notices: this.notices,
    };
  }
}

export function activeOf(slots: readonly SlotState[], imageNumber: number): SlotState | undefined {
  return slots.find((s) => s.image === imageNumber && s.active);
}

/** The audit words for what the user was told (at most two notices: an inferred mode and what it cannot do). */
function noticeWords(notices: readonly Message[]): Message {
  const [first, second] = notices;
  if (first === undefined) return words("audit.nothing-against");
  if (second === undefined) return first;
  return words("audit.notices", {
    ...first.params,
    ...second.params,
    firstKey: first.key,
    secondKey: second.key,
  });
}

function errorWords(error: unknown): Message {
  if (error instanceof McuFlashError) return { key: error.messageKey, params: error.params };
  return words("error.unexpected", { detail: error instanceof Error ? error.message : String(error) });
}
