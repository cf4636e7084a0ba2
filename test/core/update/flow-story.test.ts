// What the user is shown while an update runs (each step's words, in order) and how a run that stops is
// recorded: a device refusal, a cancellation, an empty package; a two-image package's words; and an image that
// already runs unconfirmed, which the flow confirms instead of sending again.

import { describe, expect, test } from "vitest";
import { CancelledError, McuFlashError } from "../../../src/core/errors.js";
import { UpdateFlowError } from "../../../src/core/update/errors.js";
import type { AuditRecord, UpdateEvent } from "../../../src/core/update/flow-types.js";
import { ImgErr } from "../../../src/sim/smp/mgmt-codes.js";
import { startSim, updateOnSim, packageUpdateOnSim } from "../../support/sim/harness.js";
import { FAST_FLASH, LINKS, image } from "./support/mode-scenarios.js";

const steps = (events: readonly UpdateEvent[]) =>
  events.flatMap((e) => (e.type === "step" ? [[e.step, e.text.key, e.text.params] as const] : []));

describe("the steps a user sees", () => {
  test("test-and-confirm of one image: every step with its words, in order", async () => {
    const sim = await startSim({ ...LINKS.serial, ...FAST_FLASH });
    const next = await image({ major: 2 });
    const events: UpdateEvent[] = [];
    await updateOnSim(sim, next.bytes, "test-and-confirm", { onEvent: (e) => events.push(e) });
    const seen = steps(events).map(([step, key]) => [step, key]);
    expect(seen[0]).toEqual(["inspect", "step.connecting"]);
    expect(steps(events)[0]![2]).toEqual({ device: sim.factory.label });
    expect(seen).toContainEqual(["verify", "step.verifying"]);
    expect(seen).toContainEqual(["check", "step.checking"]);
    expect(seen.at(-1)).toEqual(["confirm", "step.confirming-image"]);
    const order = seen.map(([step]) => step);
    expect(order.indexOf("verify")).toBeLessThan(order.indexOf("upload"));
    expect(order.indexOf("upload")).toBeLessThan(order.indexOf("test"));
    expect(order.indexOf("test")).toBeLessThan(order.indexOf("reset"));
    expect(order.indexOf("reset")).toBeLessThan(order.indexOf("check"));
  });

  test("a two-image package: verified as a package, each image named in the audit", async () => {
    const sim = await startSim({ ...LINKS.serial, ...FAST_FLASH, bufSize: 1024, mcuboot: { images: 2 } });
    const app = await image({ major: 2 }, { seed: 31 });
    const net = await image({ major: 2 }, { seed: 32, bodySize: 9 * 1024 });
    const events: UpdateEvent[] = [];
    const outcome = await packageUpdateOnSim(
      sim,
      [
        { imageNumber: 0, bytes: app.bytes },
        { imageNumber: 1, bytes: net.bytes },
      ],
      "test-and-confirm",
      { onEvent: (e) => events.push(e) },
    );
    expect(outcome.result).toBe("running-new");
    expect(steps(events)).toContainEqual(["verify", "step.verifying-images", { count: 2 }]);
    expect(steps(events)).toContainEqual(["downgrade-check", "step.checking-package", {}]);
    const verified = outcome.audit.filter((r) => r.step === "verify").map((r) => r.text);
    expect(verified).toEqual([
      expect.objectContaining({ key: "audit.verified-image", params: expect.objectContaining({ image: 0 }) }),
      expect.objectContaining({ key: "audit.verified-image", params: expect.objectContaining({ image: 1 }) }),
    ]);
    expect(outcome.audit.find((r) => r.step === "check")?.text).toEqual({
      key: "audit.runs",
      params: { version: "2.0.0 + 2.0.0" },
    });
    expect(outcome.audit.find((r) => r.step === "test")?.text).toEqual({
      key: "audit.marked-images",
      params: { images: "0, 1" },
    });
    expect(
      steps(events)
        .filter(([step]) => step === "confirm")
        .map(([, key, params]) => [key, params]),
    ).toEqual([
      ["step.confirming-image", { image: 0 }],
      ["step.confirming-image", { image: 1 }],
    ]);
  });

  test("an image that already runs unconfirmed is confirmed by its hash, and nothing is sent", async () => {
    const sim = await startSim({ ...LINKS.serial, ...FAST_FLASH });
    const next = await image({ major: 2 });
    const run = (mode: "test-only" | "test-and-confirm", events: UpdateEvent[] = []) =>
      updateOnSim(sim, next.bytes, mode, { onEvent: (e) => events.push(e) });
    await run("test-only");
    expect(sim.device.slots().find((s) => s.active)?.confirmed).toBe(false);
    const uploadsBefore = sim.sent.filter((r) => r.group === 1 && r.command === 1).length;
    // test-only again: it already runs, and stays on trial (nothing marked).
    const marksBefore = sim.markedHashes().length;
    expect((await run("test-only")).result).toBe("already-running");
    expect(sim.markedHashes()).toHaveLength(marksBefore);
    expect(sim.device.slots().find((s) => s.active)?.confirmed).toBe(false);
    const events: UpdateEvent[] = [];
    const again = await run("test-and-confirm", events);
    expect(again.result).toBe("already-running");
    expect(sim.sent.filter((r) => r.group === 1 && r.command === 1)).toHaveLength(uploadsBefore);
    expect(sim.device.slots().find((s) => s.active)).toMatchObject({ confirmed: true });
    expect(sim.markedHashes().at(-1)).toBe(next.hash);
    expect(steps(events)).toContainEqual(["confirm", "step.confirming-running-image", { image: 0 }]);
  });
});

describe("a run that stops", () => {
  test("a device refusal is the last audit record: failed, at the upload, with the error's code and words", async () => {
    const sim = await startSim({
      ...LINKS.serial,
      ...FAST_FLASH,
      imageFaults: { failUpload: [{ image: 0, atOffset: 1024, rc: ImgErr.FLASH_WRITE_FAILED }] },
    });
    const next = await image({ major: 2 });
    const records: AuditRecord[] = [];
    const error = await updateOnSim(sim, next.bytes, "test-and-confirm", {
      onEvent: (e) => (e.type === "audit" ? records.push(e.record) : undefined),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(McuFlashError);
    const last = records.at(-1)!;
    expect(last).toMatchObject({
      step: "upload",
      result: "failed",
      errorCode: (error as McuFlashError).code,
    });
    expect(last.text).toEqual({
      key: (error as McuFlashError).messageKey,
      params: (error as McuFlashError).params,
    });
    expect(sim.markedHashes()).toEqual([]);
  });

  test("failures are recorded in the audit with their code; a cancellation as cancelled", async () => {
    const sim = await startSim({ ...LINKS.serial, ...FAST_FLASH });
    const next = await image({ major: 2 });
    const controller = new AbortController();
    const audit: { step: string; result: string; errorCode?: string; key?: string }[] = [];
    const error = await updateOnSim(sim, next.bytes, "test-and-confirm", {
      signal: controller.signal,
      onEvent: (e) => {
        if (e.type === "audit") {
          audit.push({
            step: e.record.step,
            result: e.record.result,
            ...(e.record.errorCode ? { errorCode: e.record.errorCode } : {}),
            ...(e.record.text ? { key: e.record.text.key } : {}),
          });
        }
        if (e.type === "step" && e.step === "upload") controller.abort("user");
      },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CancelledError);
    expect(audit.at(-1)).toMatchObject({
      result: "cancelled",
      errorCode: "cancelled",
      key: "error.cancelled",
    });
    expect(sim.markedHashes()).toEqual([]);
  });

  test("an empty package is refused before anything is asked of the device", async () => {
    const sim = await startSim({ ...LINKS.serial, ...FAST_FLASH });
    const error = await packageUpdateOnSim(sim, [], "test-and-confirm").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpdateFlowError);
    expect(error).toMatchObject({ code: "package-empty", step: "inspect", variant: "no-image" });
    expect(sim.sent).toEqual([]);
  });
});
