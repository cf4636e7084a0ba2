// The upload step's bookkeeping around the engine: the session store remembers the device's offset while an
// upload runs and forgets it once done (serial-window.test.ts covers the link profiles); a dropped link is
// recorded, reconnected and resumed, up to five times.

import { describe, expect, test } from "vitest";
import { TransportError } from "../../../src/core/transport.js";
import type { AuditRecord, UpdateEvent } from "../../../src/core/update/flow-types.js";
import { MemorySessionStore, type UploadSession } from "../../../src/core/update/session-store.js";
import { startSim, updateOnSim } from "../../support/sim/harness.js";
import { FAST_FLASH, LINKS, image } from "./support/mode-scenarios.js";

const AT = new Date("2026-12-05T10:00:00.000Z");

class RecordingStore extends MemorySessionStore {
  readonly saved: UploadSession[] = [];
  override async save(session: UploadSession): Promise<void> {
    this.saved.push(session);
    await super.save(session);
  }
}

describe("the session store around an upload", () => {
  test("offsets are remembered as the device acknowledges them, and forgotten when the upload is done", async () => {
    const sim = await startSim({ ...LINKS.serial, ...FAST_FLASH });
    const next = await image({ major: 2 }, { bodySize: 24 * 1024 });
    const store = new RecordingStore();
    await updateOnSim(sim, next.bytes, "upload-only", { sessionStore: store, clock: () => AT });
    expect(store.saved.length).toBeGreaterThan(3);
    const offsets = store.saved.map((s) => s.offset);
    expect(offsets).toEqual([...offsets].sort((a, b) => a - b));
    expect(store.saved.at(-1)).toMatchObject({
      imageHash: next.hash,
      imageNumber: 0,
      size: next.bytes.length,
      device: sim.factory.label,
      updatedAt: AT.toISOString(),
    });
    expect(store.saved.every((s) => /^[0-9a-f]{64}$/.test(s.sha256))).toBe(true);
    expect(await store.list()).toEqual([]);
  });
});

describe("a dropped link during the upload", () => {
  const dropAt = (indexes: readonly number[]) => (connection: number) =>
    connection < indexes.length
      ? {
          seed: 1,
          script: [
            {
              direction: "request" as const,
              index: indexes[connection]!,
              action: { kind: "disconnect" as const },
            },
          ],
        }
      : undefined;

  test("is recorded, reconnected and resumed, and the user is told each step", async () => {
    const sim = await startSim({ ...LINKS.serial, faults: dropAt([12]) });
    const next = await image({ major: 2 }, { bodySize: 48 * 1024 });
    const audit: AuditRecord[] = [];
    const steps: string[] = [];
    const outcome = await updateOnSim(sim, next.bytes, "test-and-confirm", {
      onEvent: (e: UpdateEvent) => {
        if (e.type === "audit") audit.push(e.record);
        if (e.type === "step") steps.push(e.text.key);
      },
    });
    expect(outcome.result).toBe("running-new");
    expect(audit.filter((r) => r.step === "upload").map((r) => [r.result, r.text?.key])).toEqual([
      ["failed", "audit.link-lost-resume"],
      ["ok", "audit.uploaded"],
    ]);
    const drop = steps.indexOf("step.reconnecting-resume");
    expect(drop).toBeGreaterThan(0);
    expect(steps[drop + 1]).toBe("step.resuming");
    // The bytes this run sent count once: the outcome is the image's size, not more.
    expect(outcome.uploadedBytes).toBeLessThanOrEqual(next.bytes.length);
  });

  test("five drops are survived; the sixth ends the update with the link's error", async () => {
    const next = await image({ major: 2 }, { bodySize: 48 * 1024 });
    const five = await startSim({ ...LINKS.serial, faults: dropAt([8, 8, 8, 8, 8]) });
    const survived = await updateOnSim(five, next.bytes, "upload-only");
    expect(survived.result).toBe("uploaded");
    const six = await startSim({ ...LINKS.serial, faults: dropAt([8, 8, 8, 8, 8, 8]) });
    const error = await updateOnSim(six, next.bytes, "upload-only").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransportError);
  });
});
