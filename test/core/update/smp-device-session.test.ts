// The update flow's device session over SMP: every device operation hears the flow's cancel at once (a device
// that has stopped answering must not hold a Cancel for the length of a timeout), and the session tells the
// flow what kind of link it runs on.

import { describe, expect, test } from "vitest";
import { CancelledError } from "../../../src/core/errors.js";
import type { LinkKind, Transport } from "../../../src/core/transport.js";
import type { DeviceSession } from "../../../src/core/update/device-session.js";
import { smpConnector } from "../../../src/core/update/smp-device-session.js";

/** A link to a device that takes every request and never answers; its timers never fire either. */
function silentLink(kind: LinkKind): Transport {
  return {
    label: "silent",
    kind,
    maxPacketSize: 512,
    closed: new Promise(() => undefined),
    onPacket: () => () => undefined,
    send: async () => undefined,
    close: async () => undefined,
  };
}

async function session(kind: LinkKind = "serial"): Promise<DeviceSession> {
  const factory = { label: "silent", open: async () => silentLink(kind) };
  return smpConnector(factory, { schedule: () => () => undefined }).connect();
}

/** Lets every pending promise job run (an abort is handled in jobs, not timers). */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe("a device session over SMP", () => {
  const operations: [string, (s: DeviceSession, signal: AbortSignal) => Promise<unknown>][] = [
    ["reading the slot list", (s, signal) => s.readImageState(signal)],
    ["reading the buffer sizes", (s, signal) => s.readParams(signal)],
    ["reading the bootloader", (s, signal) => s.readBootloader!(signal)],
    ["marking an image", (s, signal) => s.writeImageState(new Uint8Array(32), false, signal)],
    ["erasing a slot", (s, signal) => s.eraseSlot(1, signal)],
    ["resetting", (s, signal) => s.reset(signal)],
  ];
  test.each(operations)(
    "%s stops when the flow is cancelled, without waiting for an answer",
    async (_name, run) => {
      const controller = new AbortController();
      let outcome: unknown = "pending";
      void run(await session(), controller.signal).then(
        () => (outcome = "resolved"),
        (error: unknown) => (outcome = error),
      );
      await settle();
      expect(outcome).toBe("pending");
      controller.abort();
      await settle();
      expect(outcome).toBeInstanceOf(CancelledError);
    },
  );

  test("the link's kind and limits are the transport's", async () => {
    const serial = await session("serial");
    expect([serial.linkKind, serial.maxPacketSize, serial.label]).toEqual(["serial", 512, "silent"]);
    expect((await session("ble")).linkKind).toBe("ble");
  });
});
