// One reset and the reconnect after it: a reset whose answer never comes (the device restarted before it got
// out) still counts, as the reconnect shows; a cancel during the reset stops there, before any reconnect.

import { describe, expect, test } from "vitest";
import { words } from "../../../src/core/errors.js";
import { resetAndReconnect } from "../../../src/core/update/device-reset.js";
import { FlowContext } from "../../../src/core/update/flow-context.js";
import { scriptedDevice, type Slot } from "./support/scripted-device.js";

const OLD: Slot = {
  image: 0,
  slot: 0,
  hash: "01".repeat(32),
  version: "1.0.0",
  active: true,
  confirmed: true,
};
const NEW: Slot = { image: 0, slot: 0, hash: "02".repeat(32), version: "2.0.0", active: true };
const audit = (ctx: FlowContext) => ctx.audit.map((r) => [r.step, r.result, r.text?.key]);

describe("resetAndReconnect", () => {
  test.each([false, true])(
    "reset answer lost: %s — the slot list read after the restart",
    async (answerLost) => {
      const { device, ctx } = scriptedDevice([[OLD], [NEW]], { resetAnswerLost: answerLost });
      const connects = { n: 0 };
      const connect = ctx.connector.connect.bind(ctx.connector);
      const counted = new FlowContext(
        {
          label: "scripted",
          connect: async (signal) => {
            connects.n += 1;
            return connect(signal);
          },
        },
        { sleep: async () => undefined },
      );
      counted.session = ctx.session;
      const slots = await resetAndReconnect(counted, words("step.resetting"));
      expect(device.resets).toBe(1);
      expect(connects.n).toBe(1);
      expect(slots.map((s) => s.version)).toEqual(["2.0.0"]);
      expect(audit(counted)).toEqual([
        ["reset", "ok", "audit.reset-requested"],
        ["reconnect", "ok", "audit.reconnected"],
      ]);
    },
  );

  test("cancelled while resetting: the reset's failure ends it, nothing reconnected or recorded", async () => {
    const controller = new AbortController();
    const { device, ctx } = scriptedDevice([[OLD], [NEW]]);
    const failing = ctx.session!;
    const cancelledError = new Error("cancelled by the user");
    const cancelling = new FlowContext(ctx.connector, {
      signal: controller.signal,
      sleep: async () => undefined,
    });
    cancelling.session = {
      ...failing,
      reset: async () => {
        controller.abort();
        throw cancelledError;
      },
    };
    await expect(resetAndReconnect(cancelling, words("step.resetting"))).rejects.toBe(cancelledError);
    expect(cancelling.audit).toEqual([]);
    expect(device.reads).toBe(0);
  });

  test("with no open session, it connects first and resets that one", async () => {
    const { device, ctx } = scriptedDevice([[OLD], [NEW]]);
    ctx.session = undefined;
    await resetAndReconnect(ctx, words("step.resetting"));
    expect(device.resets).toBe(1);
  });
});
