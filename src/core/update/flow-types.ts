// The public shape of the update flow (the state machine in update-flow.ts): modes, steps, events, audit
// records and the outcome. The app and the CLI subscribe to these; they hold no protocol logic themselves.

import type { Message } from "../errors.js";
import type { UploadProgress } from "./progress.js";

export const UPDATE_MODES = ["test-and-confirm", "confirm-only", "test-only", "upload-only"] as const;
export type UpdateMode = (typeof UPDATE_MODES)[number];

export const UPDATE_STEPS = [
  "inspect",
  "verify",
  "downgrade-check",
  "upload",
  "test",
  "confirm",
  "reset",
  "reconnect",
  "check",
  "done",
] as const;
export type UpdateStep = (typeof UPDATE_STEPS)[number];

export type { SlotState } from "../device/slot-state.js";
import type { SlotState } from "../device/slot-state.js";

export interface AuditRecord {
  readonly time: string;
  readonly device: string;
  readonly step: UpdateStep;
  readonly result: "ok" | "failed" | "skipped" | "cancelled";
  /** Language-neutral (key and parameters), for logs and exports; `text` is what the edges word. */
  readonly message: string;
  /** What happened, as a catalog key and parameters (absent in records stored before there was one). */
  readonly text?: Message;
  readonly imageHash?: string;
  readonly imageVersion?: string;
  readonly slotsBefore?: readonly SlotState[];
  readonly slotsAfter?: readonly SlotState[];
  readonly errorCode?: string;
}

/** Which image of a package an upload progress event is about, and the package's bytes overall. */
export interface PackageProgress {
  /** Position in the package (0-based) and how many images it sends. */
  readonly index: number;
  readonly count: number;
  readonly imageNumber: number;
  /** Bytes of all images the device holds so far, and their total. */
  readonly bytes: number;
  readonly total: number;
}

export type UpdateEvent =
  | { readonly type: "step"; readonly step: UpdateStep; readonly message: string; readonly text: Message }
  | {
      readonly type: "progress";
      readonly progress: UploadProgress;
      /** Present for every upload: which image, and the whole package's progress. */
      readonly package?: PackageProgress;
    }
  | { readonly type: "audit"; readonly record: AuditRecord };

export type UpdateResult =
  /** The device now runs the verified image (confirmed, or on test in test-only mode). */
  | "running-new"
  /**
   * After the reset the device runs its previous image: MCUboot reverted or refused the new one. For a package:
   * not every image runs the new version (`images` says which); nothing was confirmed.
   */
  | "reverted"
  /** upload-only: the image is in the secondary slot, not marked. */
  | "uploaded"
  /** The slot already held this exact image and the device already runs it: nothing to do. */
  | "already-running";

/** One image of the update and how it ended. */
export interface ImageOutcome {
  readonly imageNumber: number;
  readonly hash: string;
  readonly version: string;
  readonly previousVersion: string | undefined;
  /** True when, at the end, the device runs this exact hash for this image number. */
  readonly running: boolean;
  readonly skippedUpload: boolean;
}

/** The MCUboot mode the flow followed, and whether the device said so or the flow inferred it. */
export interface ModeDecision {
  /** The reported (or inferred) mode number; undefined when no mode could be named. */
  readonly number: number | undefined;
  readonly text: string;
  /** The catalog key of the mode's words ("boot-mode.swap-scratch"), for messages: the `modeKey` parameter
   * next to `mode` lets each language word it (DESIGN.md's `<name>Key` parameters). */
  readonly key?: string;
  readonly inferred: boolean;
  /** Why, in words: what was reported or what the slot list showed. */
  readonly note: Message;
}

export interface UpdateOutcome {
  readonly result: UpdateResult;
  readonly device: string;
  readonly imageHash: string;
  readonly imageVersion: string;
  readonly previousVersion: string | undefined;
  readonly slotsBefore: readonly SlotState[];
  readonly slotsAfter: readonly SlotState[];
  readonly uploadedBytes: number;
  readonly uploadMs: number;
  readonly skippedUpload: boolean;
  readonly audit: readonly AuditRecord[];
  /** Every image of the update (one for a single image). */
  readonly images?: readonly ImageOutcome[];
  readonly bootMode?: ModeDecision;
  /** What the user was told before anything was sent (e.g. that a test cannot be undone). */
  readonly notices?: readonly Message[];
}
