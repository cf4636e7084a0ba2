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

/** One slot as the device reports it (Zephyr field names). Hash is hex. */
export interface SlotState {
  readonly image: number;
  readonly slot: number;
  readonly version: string;
  readonly hash: string;
  readonly bootable: boolean;
  readonly pending: boolean;
  readonly confirmed: boolean;
  readonly active: boolean;
  readonly permanent: boolean;
}

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

export type UpdateEvent =
  | { readonly type: "step"; readonly step: UpdateStep; readonly message: string; readonly text: Message }
  | { readonly type: "progress"; readonly progress: UploadProgress }
  | { readonly type: "audit"; readonly record: AuditRecord };

export type UpdateResult =
  /** The device now runs the verified image (confirmed, or on test in test-only mode). */
  | "running-new"
  /** After the reset the device runs its previous image: MCUboot reverted or refused the new one. */
  | "reverted"
  /** upload-only: the image is in the secondary slot, not marked. */
  | "uploaded"
  /** The slot already held this exact image and the device already runs it: nothing to do. */
  | "already-running";

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
}
