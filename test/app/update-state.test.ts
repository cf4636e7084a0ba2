import { describe, expect, test } from "vitest";
import type { AuditRecord, UpdateEvent, UpdateOutcome } from "../../src/core/update/flow-types.js";
import {
  initialUpdateState,
  isBusy,
  planFor,
  updateReducer,
  type UpdateAction,
  type UpdateViewState,
} from "../../src/app/update/update-state.js";

function run(actions: readonly UpdateAction[], mode = "test-and-confirm" as const): UpdateViewState {
  return actions.reduce(updateReducer, initialUpdateState(mode));
}

const step = (s: Extract<UpdateEvent, { type: "step" }>["step"], message: string = s): UpdateAction => ({
  type: "event",
  event: { type: "step", step: s, message, text: { key: message, params: {} } },
});

const audit = (
  record: Partial<AuditRecord> & Pick<AuditRecord, "step" | "result" | "message">,
): UpdateAction => ({
  type: "event",
  event: { type: "audit", record: { time: "2025-01-01T00:00:00.000Z", device: "d", ...record } },
});

const outcome: UpdateOutcome = {
  result: "running-new",
  device: "d",
  imageHash: "aa",
  imageVersion: "1.2.3",
  previousVersion: "1.0.0",
  slotsBefore: [],
  slotsAfter: [],
  uploadedBytes: 10,
  uploadMs: 5,
  skippedUpload: false,
  audit: [],
};

describe("update view state", () => {
  test("each mode shows its own plan", () => {
    expect(planFor("test-and-confirm").map((s) => s.step)).toEqual([
      "inspect",
      "verify",
      "upload",
      "test",
      "reset",
      "reconnect",
      "check",
      "confirm",
    ]);
    expect(planFor("upload-only").map((s) => s.step)).toEqual(["inspect", "verify", "upload"]);
    expect(planFor("confirm-only").find((s) => s.step === "confirm")?.label).toBe("Mark permanent");
  });

  test("what the bootloader's mode means is added to the verify row before the upload; other check words are not", () => {
    const start: UpdateAction = { type: "start", mode: "test-and-confirm", at: "t0" };
    const state = run([
      start,
      step("inspect"),
      step("verify", "step.verifying"),
      step("downgrade-check", "step.checking-package"),
      {
        type: "event",
        event: {
          type: "step",
          step: "downgrade-check",
          message: "notice.overwrite",
          text: { key: "notice.overwrite", params: { mode: "overwrite only" } },
        },
      },
    ]);
    expect(state.steps.find((s) => s.step === "verify")?.message).toBe(
      "Verifying the image signature MCUboot runs in overwrite only mode: there is no revert. At the reset the new image replaces the running one for good.",
    );
  });

  test("a package's progress names the image and the whole", () => {
    const start: UpdateAction = { type: "start", mode: "test-and-confirm", at: "t0" };
    const progress = { bytes: 10, total: 20, bytesPerSecond: 1, etaSeconds: 10, elapsedMs: 1 };
    const whole = { index: 1, count: 2, imageNumber: 1, bytes: 40, total: 50 };
    const state = run([start, { type: "event", event: { type: "progress", progress, package: whole } }]);
    expect(state.packageProgress).toEqual(whole);
  });

  test("steps advance, progress is kept and the run ends finished", () => {
    const start: UpdateAction = { type: "start", mode: "test-and-confirm", at: "t0" };
    const mid = run([start, step("inspect"), step("verify"), step("upload")]);
    expect(isBusy(mid)).toBe(true);
    expect(mid.steps.map((s) => s.status).slice(0, 4)).toEqual(["done", "done", "active", "pending"]);
    const progressed = updateReducer(mid, {
      type: "event",
      event: {
        type: "progress",
        progress: { bytes: 5, total: 10, bytesPerSecond: 1, etaSeconds: 5, elapsedMs: 5 },
      },
    });
    expect(progressed.progress?.bytes).toBe(5);
    const done = updateReducer(progressed, { type: "finished", outcome });
    expect(done.phase).toBe("finished");
    expect(isBusy(done)).toBe(false);
    // Steps never entered were not needed.
    expect(done.steps.find((s) => s.step === "upload")?.status).toBe("done");
    expect(done.steps.find((s) => s.step === "confirm")?.status).toBe("skipped");
  });

  test("a jump over steps marks them skipped (the device already ran the image)", () => {
    const state = run([
      { type: "start", mode: "test-and-confirm", at: "t0" },
      step("inspect"),
      step("verify"),
      step("confirm"),
    ]);
    expect(state.steps.find((s) => s.step === "upload")?.status).toBe("skipped");
    expect(state.steps.find((s) => s.step === "confirm")?.status).toBe("active");
  });

  test("audit messages annotate the active row; the downgrade check keeps the verification's words", () => {
    const state = run([
      { type: "start", mode: "test-and-confirm", at: "t0" },
      step("verify", "Verifying"),
      audit({ step: "verify", result: "ok", message: "hash matches and the signature verifies" }),
      step("downgrade-check", "Comparing versions"),
    ]);
    const verify = state.steps.find((s) => s.step === "verify");
    expect(verify?.message).toBe("hash matches and the signature verifies");
    expect(state.audit).toHaveLength(1);
  });

  test("a link lost mid-upload shows on the upload row, and the upload resumes without skipping ahead", () => {
    const start: UpdateAction = { type: "start", mode: "test-and-confirm", at: "t0" };
    const lost = run([
      start,
      step("inspect"),
      step("verify"),
      step("upload"),
      step("reconnect", "Link lost: reconnecting"),
    ]);
    const upload = lost.steps.find((s) => s.step === "upload");
    expect(upload).toMatchObject({ status: "active", troubled: true, message: "Link lost: reconnecting" });
    expect(lost.steps.filter((s) => s.status === "skipped")).toEqual([]);
    const resumed = updateReducer(lost, step("upload", "Resuming the upload"));
    expect(resumed.steps.find((s) => s.step === "upload")).toMatchObject({
      status: "active",
      troubled: false,
    });
  });

  test("a repeated reset takes the rows after it back to pending", () => {
    const state = run([
      { type: "start", mode: "test-and-confirm", at: "t0" },
      step("upload"),
      step("test"),
      step("reset"),
      step("reconnect"),
      step("reset", "The device did not restart; resetting again"),
    ]);
    expect(state.steps.find((s) => s.step === "reset")).toMatchObject({ status: "active" });
    expect(state.steps.find((s) => s.step === "reconnect")).toMatchObject({
      status: "pending",
      message: undefined,
    });
    // After the reset a reconnect is the real step, not a hiccup of the previous one.
    const next = updateReducer(state, step("reconnect", "Waiting for the device to restart"));
    expect(next.steps.find((s) => s.step === "reconnect")).toMatchObject({
      status: "active",
      troubled: false,
    });
    expect(next.steps.find((s) => s.step === "reset")?.status).toBe("done");
  });

  test("a failure marks the active step failed and keeps the error code; cancel is its own phase", () => {
    const failed = run([
      { type: "start", mode: "test-and-confirm", at: "t0" },
      step("upload"),
      { type: "failed", message: "lost", code: "link-lost", cancelled: false },
    ]);
    expect(failed.phase).toBe("failed");
    expect(failed.error).toEqual({ message: "lost", code: "link-lost" });
    expect(failed.steps.find((s) => s.step === "upload")?.status).toBe("failed");
    const cancelled = run([
      { type: "start", mode: "test-and-confirm", at: "t0" },
      step("upload"),
      { type: "failed", message: "x", code: "cancelled", cancelled: true },
    ]);
    expect(cancelled.phase).toBe("cancelled");
  });

  test("events outside a run are ignored, and clear resets to the chosen mode", () => {
    const idle = updateReducer(initialUpdateState("test-only"), step("upload"));
    expect(idle.steps.every((s) => s.status === "pending")).toBe(true);
    const cleared = updateReducer(idle, { type: "clear", mode: "upload-only" });
    expect(cleared.steps).toHaveLength(3);
  });
});
