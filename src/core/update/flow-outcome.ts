// What an update run hands back: its result, the slot lists before and after, each image's end, the bytes and
// time of the upload, the audit trail, the mode it followed and what the user was told.

import { type Message, words } from "../errors.js";
import type { FlowContext } from "./flow-context.js";
import type { FlowPlan } from "./flow-plan.js";
import type { ImageOutcome, SlotState, UpdateOutcome } from "./flow-types.js";
import type { Target } from "./targets.js";

export function activeOf(slots: readonly SlotState[], imageNumber: number): SlotState | undefined {
  return slots.find((s) => s.image === imageNumber && s.active);
}

export interface OutcomeParts {
  readonly ctx: FlowContext;
  readonly targets: readonly Target[];
  readonly plan: FlowPlan | undefined;
  readonly notices: readonly Message[];
}

export function buildOutcome(
  { ctx, targets, plan, notices }: OutcomeParts,
  result: UpdateOutcome["result"],
  after: SlotState[],
  uploadedBytes: number,
  uploadMs: number,
  skippedUpload: boolean,
): UpdateOutcome {
  const first = targets[0];
  const images: ImageOutcome[] = targets.map((t) => ({
    imageNumber: t.imageNumber,
    hash: t.hashHex,
    version: t.version,
    previousVersion: activeOf(ctx.slotsBefore, t.imageNumber)?.version,
    running: activeOf(after, t.imageNumber)?.hash === t.hashHex,
    // A run that sent nothing (every image already ran) skipped each image's upload too.
    skippedUpload: t.skipped || skippedUpload,
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
    bootMode: plan?.decision ?? {
      number: undefined,
      text: "unknown",
      inferred: true,
      note: words("mode.not-read"),
    },
    notices: [...notices],
  };
}
