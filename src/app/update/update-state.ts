// The update panel's view of a run, folded from the engine's events (step, progress, audit) plus its end.
// The plan of visible steps depends on the mode, so the user sees from the start what will happen.
// Pure reducer: unit-tested in Node with synthetic event streams.

import { i18n } from "../../i18n/browser-i18n.js";
import { say } from "../../i18n/describe-error.js";
import type {
  AuditRecord,
  UpdateEvent,
  UpdateMode,
  UpdateOutcome,
  UpdateStep,
  PackageProgress,
} from "../../core/update/flow-types.js";
import type { UploadProgress } from "../../core/update/progress.js";

export type PlanStep = Exclude<UpdateStep, "downgrade-check" | "done">;
export type StepStatus = "pending" | "active" | "done" | "failed" | "skipped";

export interface StepView {
  readonly step: PlanStep;
  readonly label: string;
  readonly status: StepStatus;
  readonly message: string | undefined;
  /** The step is held up (the link dropped and the engine is reconnecting to carry on with it). */
  readonly troubled: boolean;
}

export type RunPhase = "idle" | "running" | "finished" | "failed" | "cancelled";

export interface UpdateViewState {
  readonly phase: RunPhase;
  readonly mode: UpdateMode;
  readonly steps: readonly StepView[];
  readonly progress: UploadProgress | undefined;
  /** For a package: which image is uploading and the bytes over all images. */
  readonly packageProgress?: PackageProgress | undefined;
  readonly audit: readonly AuditRecord[];
  readonly outcome: UpdateOutcome | undefined;
  readonly error: { readonly message: string; readonly code: string | undefined } | undefined;
  readonly startedAt: string | undefined;
}

export type UpdateAction =
  | { readonly type: "start"; readonly mode: UpdateMode; readonly at: string }
  | { readonly type: "event"; readonly event: UpdateEvent }
  | { readonly type: "finished"; readonly outcome: UpdateOutcome }
  | {
      readonly type: "failed";
      readonly message: string;
      readonly code: string | undefined;
      readonly cancelled: boolean;
    }
  | { readonly type: "clear"; readonly mode: UpdateMode };

const PLANS: Readonly<Record<UpdateMode, readonly PlanStep[]>> = {
  "test-and-confirm": ["inspect", "verify", "upload", "test", "reset", "reconnect", "check", "confirm"],
  "confirm-only": ["inspect", "verify", "upload", "confirm", "reset", "reconnect", "check"],
  "test-only": ["inspect", "verify", "upload", "test", "reset", "reconnect", "check"],
  "upload-only": ["inspect", "verify", "upload"],
};

function labelOf(step: PlanStep, mode: UpdateMode): string {
  switch (step) {
    case "inspect":
      return i18n._("app.update-state.read-device");
    case "verify":
      return i18n._("app.update-state.verify-image");
    case "upload":
      return i18n._("app.update-state.upload");
    case "test":
      return i18n._("app.update-state.mark-test");
    case "confirm":
      return mode === "confirm-only"
        ? i18n._("app.update-state.mark-permanent")
        : i18n._("app.update-state.confirm-new-image");
    case "reset":
      return i18n._("app.update-state.reset-device");
    case "reconnect":
      return i18n._("app.update-state.reconnect-mcuboot-swaps-images");
    case "check":
      return i18n._("app.update-state.check-which-image-runs");
  }
}

export function planFor(mode: UpdateMode): StepView[] {
  return PLANS[mode].map((step) => ({
    step,
    label: labelOf(step, mode),
    status: "pending",
    message: undefined,
    troubled: false,
  }));
}

export function initialUpdateState(mode: UpdateMode): UpdateViewState {
  return {
    phase: "idle",
    mode,
    steps: planFor(mode),
    progress: undefined,
    audit: [],
    outcome: undefined,
    error: undefined,
    startedAt: undefined,
  };
}

function planStepOf(step: UpdateStep): PlanStep | undefined {
  if (step === "downgrade-check") return "verify";
  if (step === "done") return undefined;
  return step;
}

/**
 * Marks `step` active; rows before it that ran are done, rows it jumped over are skipped, and rows after it
 * go back to pending (the engine repeats a reset that did not take, for instance).
 */
function enter(steps: readonly StepView[], step: PlanStep, message: string): StepView[] {
  const index = steps.findIndex((s) => s.step === step);
  const active = steps.findIndex((s) => s.status === "active");
  const resetReached = steps.some(
    (s) => s.step === "reset" && (s.status === "active" || s.status === "done"),
  );
  // A link lost before the reset: the engine reconnects and carries on with the same step (an upload resumes
  // from the device's offset). Show that on the step it interrupts instead of jumping ahead.
  if (step === "reconnect" && active >= 0 && (index < 0 || (active < index && !resetReached))) {
    return steps.map((s, i): StepView => (i === active ? { ...s, message, troubled: true } : s));
  }
  if (index < 0) return [...steps];
  return steps.map((s, i): StepView => {
    if (i < index && s.status === "active") return { ...s, status: "done", troubled: false };
    if (i < index && s.status === "pending") return { ...s, status: "skipped" };
    if (i === index) return { ...s, status: "active", message, troubled: false };
    if (i > index && s.status !== "pending")
      return { ...s, status: "pending", message: undefined, troubled: false };
    return s;
  });
}

function settle(steps: readonly StepView[], active: StepStatus, rest: StepStatus | undefined): StepView[] {
  return steps.map((s): StepView => {
    if (s.status === "active") return { ...s, status: active };
    if (s.status === "pending" && rest) return { ...s, status: rest };
    return s;
  });
}

function onEvent(state: UpdateViewState, event: UpdateEvent): UpdateViewState {
  switch (event.type) {
    case "step": {
      const step = planStepOf(event.step);
      if (!step) return state;
      // The downgrade check is part of the verify row: keep the verification's own words there.
      const row = state.steps.find((s) => s.step === step);
      // What the bootloader's mode means for this update (a notice) is added to it, said before any upload.
      const note = event.step === "downgrade-check" && isNotice(event.text.key);
      const message =
        event.step === "downgrade-check" && row?.message
          ? note
            ? `${row.message} ${say(i18n, event.text)}`
            : row.message
          : say(i18n, event.text);
      return { ...state, steps: enter(state.steps, step, message) };
    }
    case "progress":
      return { ...state, progress: event.progress, packageProgress: event.package };
    case "audit": {
      const step = planStepOf(event.record.step);
      const steps =
        step && event.record.result === "skipped"
          ? state.steps.map((s): StepView =>
              s.step === step ? { ...s, status: "skipped", message: recordText(event.record) } : s,
            )
          : state.steps.map((s): StepView =>
              s.step === step && s.status === "active" ? { ...s, message: recordText(event.record) } : s,
            );
      return { ...state, steps, audit: [...state.audit, event.record] };
    }
  }
}

/** What an audit record says, in the active language (older stored records carry only neutral text). */
export function recordText(record: AuditRecord): string {
  return record.text ? say(i18n, record.text) : record.message;
}

export function updateReducer(state: UpdateViewState, action: UpdateAction): UpdateViewState {
  switch (action.type) {
    case "start":
      return { ...initialUpdateState(action.mode), phase: "running", startedAt: action.at };
    case "clear":
      return initialUpdateState(action.mode);
    case "event":
      return state.phase === "running" ? onEvent(state, action.event) : state;
    case "finished":
      // Steps never entered were not needed (e.g. the slot already held the image): say so, don't leave them grey.
      return {
        ...state,
        phase: "finished",
        outcome: action.outcome,
        steps: settle(state.steps, "done", "skipped"),
      };
    case "failed":
      return {
        ...state,
        phase: action.cancelled ? "cancelled" : "failed",
        error: { message: action.message, code: action.code },
        steps: settle(state.steps, "failed", undefined),
      };
  }
}

/** True while bytes are moving or the device is mid-swap: the moments a closed tab or a new app version hurts. */
export function isBusy(state: UpdateViewState): boolean {
  return state.phase === "running";
}

/** The flow's notes before an upload: the inferred mode and what the mode cannot undo. */
function isNotice(key: string): boolean {
  return key.startsWith("notice.") || key.startsWith("mode.");
}
