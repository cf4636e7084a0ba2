// The upload step of a whole package: every image in turn (one already on the device is not sent again), the
// progress over all of them, and at the end the check that the device lists every verified hash. Nothing is
// marked until all are there; a later image failing says what the earlier ones left on the device.

import { type Message, words } from "../errors.js";
import type { DeviceParams } from "./device-session.js";
import { UpdateFlowError } from "./errors.js";
import type { FlowContext } from "./flow-context.js";
import type { FlowPlan } from "./flow-plan.js";
import { explainPartialUpload } from "./flow-steps.js";
import type { SlotState } from "./flow-types.js";
import { uploadTarget, type UploadStepOptions } from "./flow-upload.js";
import type { RetransmissionTimer } from "./retransmission-timer.js";
import type { Target } from "./targets.js";

export interface PackageUploadResult {
  readonly uploadedBytes: number;
  readonly uploadMs: number;
  /** The slot list once every image is there. */
  readonly afterUpload: SlotState[];
}

export async function uploadAll(
  ctx: FlowContext,
  targets: Target[],
  params: DeviceParams,
  options: UploadStepOptions,
  plan: FlowPlan,
  /** The link's round-trip estimate, kept across reconnects to the same device. */
  retransmission: RetransmissionTimer,
): Promise<PackageUploadResult> {
  const total = targets.reduce((n, t) => n + t.bytes.length, 0);
  let doneBefore = 0;
  let uploadedBytes = 0;
  let uploadMs = 0;
  let singleWords: Message | undefined;
  for (const [index, target] of targets.entries()) {
    ctx.enter(
      "upload",
      targets.length > 1
        ? words("step.uploading-image", {
            image: target.imageNumber,
            position: index + 1,
            count: targets.length,
          })
        : words("step.uploading"),
    );
    const known = ctx.slotsBefore.some((s) => s.image === target.imageNumber && s.hash === target.hashHex);
    let sent = 0;
    if (known) {
      target.skipped = true;
    } else {
      try {
        const place = { index, count: targets.length, imageNumber: target.imageNumber, total };
        const result = await uploadTarget(ctx, target, params, options, place, doneBefore, retransmission);
        sent = result.bytes;
        uploadedBytes += result.bytes;
        uploadMs += result.ms;
      } catch (error) {
        throw explainPartialUpload(targets, index, plan, error);
      }
    }
    doneBefore += target.bytes.length;
    // One record per image of a package; a single image gets its record with the slot list below.
    if (targets.length > 1) {
      const key = target.skipped ? "audit.image-upload-skipped" : "audit.image-uploaded";
      ctx.record("upload", "ok", words(key, { image: target.imageNumber, bytes: sent }));
    } else singleWords = words(target.skipped ? "audit.upload-skipped" : "audit.uploaded", { bytes: sent });
  }
  const afterUpload = await ctx.readSlots();
  for (const target of targets) {
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
  return { uploadedBytes, uploadMs, afterUpload };
}
