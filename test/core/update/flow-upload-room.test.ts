// The upload step when the device refuses for want of a free slot: with the user's consent the other slot is
// erased and the upload sent again (once); any other refusal ends the step as it came, without a reconnect.
// Against a device session held in memory, so the refusal and the erase are exactly what the test says.

import { describe, expect, test } from "vitest";
import type { Message } from "../../../src/core/errors.js";
import type { DeviceSession } from "../../../src/core/update/device-session.js";
import { FlowContext } from "../../../src/core/update/flow-context.js";
import type { UpdateEvent } from "../../../src/core/update/flow-types.js";
import { uploadTarget } from "../../../src/core/update/flow-upload.js";
import { RetransmissionTimer } from "../../../src/core/update/retransmission-timer.js";
import type { ChunkFailure } from "../../../src/core/update/upload.js";
import { slotState, type Slot } from "./support/scripted-device.js";

const RUNNING: Slot = {
  image: 0,
  slot: 0,
  hash: "aa".repeat(32),
  version: "1.0.0",
  active: true,
  confirmed: true,
};
const PENDING: Slot = { image: 0, slot: 1, hash: "bb".repeat(32), version: "1.5.0", pending: true };

/** What the device answers an upload with while its other slot is taken, and for a broken flash. */
class NoFreeSlot {}
class FlashBroken {}
const classifyFailure = (error: unknown): ChunkFailure =>
  error instanceof NoFreeSlot ? "no-free-slot" : "fatal";

interface MemoryDeviceOptions {
  /** The erase frees the slot (false: the device says yes but still refuses the upload). */
  readonly eraseFrees?: boolean;
  /** Reading the slot list after the refusal fails (the flow falls back to the list read before). */
  readonly slotReadFails?: boolean;
  /** Every upload request fails with this instead. */
  readonly uploadError?: unknown;
  /** The erase fails with this. */
  readonly eraseError?: unknown;
  /** Slot 1 as the slot list shows it (default: PENDING); undefined shows no slot 1 at all. */
  readonly secondary?: Slot | undefined;
}

/** A device whose slot 1 holds a pending image: it refuses uploads until slot 1 is erased. */
function memoryDevice(options: MemoryDeviceOptions = {}) {
  const shown =
    "secondary" in options
      ? [RUNNING, ...(options.secondary ? [options.secondary] : [])]
      : [RUNNING, PENDING];
  const device = {
    occupied: true,
    erases: [] as (number | undefined)[],
    refusals: 0,
    received: 0,
    connects: 0,
  };
  const session: DeviceSession = {
    label: "memory",
    maxPacketSize: 1024,
    upload: {
      sendChunk: async (request) => {
        if (options.uploadError !== undefined) throw options.uploadError;
        if (device.occupied) {
          device.refusals += 1;
          throw new NoFreeSlot();
        }
        device.received = request.off + request.data.length;
        return { off: device.received };
      },
      encodedSize: (request) => request.data.length + 64,
    },
    readImageState: async () => {
      if (options.slotReadFails) throw new FlashBroken();
      return (device.occupied ? shown : [RUNNING]).map(slotState);
    },
    readParams: async () => undefined,
    writeImageState: async () => [],
    eraseSlot: async (slot) => {
      device.erases.push(slot);
      if (options.eraseError !== undefined) throw options.eraseError;
      if (options.eraseFrees ?? true) device.occupied = false;
    },
    reset: async () => undefined,
    lost: new Promise<void>(() => undefined),
    close: async () => undefined,
  };
  const events: UpdateEvent[] = [];
  const ctx = new FlowContext(
    {
      label: "memory",
      connect: async () => {
        device.connects += 1;
        return session;
      },
    },
    { sleep: async () => undefined, onEvent: (e) => events.push(e) },
  );
  ctx.session = session;
  ctx.slotsBefore = shown.map(slotState);
  return { device, ctx, events };
}

const IMAGE = Uint8Array.from({ length: 5000 }, (_, i) => (i * 7) % 251);
const TARGET = { imageNumber: 0, bytes: IMAGE, hashHex: "cc".repeat(32) };
const PLACE = { index: 0, count: 1, imageNumber: 0, total: IMAGE.length };

function upload(ctx: FlowContext, confirmErase?: (question: Message) => Promise<boolean>) {
  let now = 0;
  return uploadTarget(
    ctx,
    TARGET,
    { bufSize: 1024, bufCount: 4 },
    { classifyFailure, confirmErase, now: () => (now += 1), sleep: async () => undefined },
    PLACE,
    0,
    new RetransmissionTimer(),
  );
}

describe("the upload step on a device with no free slot", () => {
  test("with consent: slot 1 erased once, the whole image sent again, the erase in the audit trail", async () => {
    const { device, ctx, events } = memoryDevice();
    const questions: Message[] = [];
    const result = await upload(ctx, async (question) => {
      questions.push(question);
      return true;
    });

    expect(questions).toHaveLength(1);
    expect(questions[0]!.params).toMatchObject({ version: "1.5.0", runningVersion: "1.0.0" });
    expect(device.erases).toEqual([1]);
    expect(device.refusals).toBe(1);
    expect(device.received).toBe(IMAGE.length);
    expect(result.bytes).toBe(IMAGE.length);
    const audit = events.flatMap((e) => (e.type === "audit" ? [e.record] : []));
    expect(audit.map((r) => [r.step, r.result, r.text?.key])).toEqual([
      ["upload", "ok", "audit.erased-pending"],
    ]);
    expect(audit[0]!.text?.params).toEqual({ version: "1.5.0" });
    expect(device.connects).toBe(0);
  });

  test("the slot list cannot be read after the refusal: the one read before the upload decides", async () => {
    const { device, ctx } = memoryDevice({ slotReadFails: true });
    await upload(ctx, async () => true);
    expect(device.erases).toEqual([1]);
    expect(device.received).toBe(IMAGE.length);
  });

  test("a device still refusing after the erase: the refusal ends the step, with one erase and no loop", async () => {
    const { device, ctx } = memoryDevice({ eraseFrees: false });
    let questions = 0;
    // Yes only the first time: a second question would decline, so a loop shows as the wrong error, not a hang.
    const error = await upload(ctx, async () => ++questions === 1).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NoFreeSlot);
    expect(questions).toBe(1);
    expect(device.erases).toEqual([1]);
    expect(device.refusals).toBe(2);
  });

  test("declined: nothing erased, and the step ends with the flow's explanation", async () => {
    const { device, ctx } = memoryDevice();
    const error = await upload(ctx, async () => false).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "secondary-slot-pending" });
    expect(device.erases).toEqual([]);
  });

  test("a slot list that does not explain the refusal: the device's own error, nothing asked or erased", async () => {
    const { device, ctx, events } = memoryDevice({ secondary: undefined });
    let asked = false;
    const error = await upload(ctx, async () => (asked = true)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NoFreeSlot);
    expect([asked, device.erases, device.refusals]).toEqual([false, [], 1]);
    expect(events.filter((e) => e.type === "audit")).toEqual([]);
  });

  test("an erase the device refuses too says so; an erase that fails otherwise is passed on as it came", async () => {
    const refused = memoryDevice({ eraseError: new NoFreeSlot() });
    await expect(upload(refused.ctx, async () => true)).rejects.toMatchObject({
      code: "secondary-slot-pending",
      variant: "erase-refused",
    });
    const broken = new FlashBroken();
    const failing = memoryDevice({ eraseError: broken });
    await expect(upload(failing.ctx, async () => true)).rejects.toBe(broken);
    expect(failing.device.refusals).toBe(1);
  });

  test("any other refusal ends the step as it came: no erase, no question, no reconnect", async () => {
    const broken = new FlashBroken();
    const { device, ctx, events } = memoryDevice({ uploadError: broken });
    let asked = false;
    const error = await upload(ctx, async () => (asked = true)).catch((e: unknown) => e);
    expect(error).toBe(broken);
    expect(asked).toBe(false);
    expect(device.erases).toEqual([]);
    expect(device.connects).toBe(0);
    expect(events.filter((e) => e.type === "audit")).toEqual([]);
  });
});
