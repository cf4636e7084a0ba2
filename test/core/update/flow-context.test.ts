// What every flow step shares: a device operation survives a dropped link (recorded, reconnected, run again) up
// to MAX_LINK_LOSSES times, never after a cancel and never for an error that is not the link's; a step is not
// entered once the update is cancelled.

import { describe, expect, test } from "vitest";
import { CancelledError } from "../../../src/core/errors.js";
import { TransportError } from "../../../src/core/transport.js";
import type { DeviceSession } from "../../../src/core/update/device-session.js";
import { FlowContext, MAX_LINK_LOSSES } from "../../../src/core/update/flow-context.js";
import { words } from "../../../src/core/errors.js";

function context(signal?: AbortSignal) {
  const counts = { connects: 0, closes: 0 };
  const session = {
    label: "link",
    // Reconnecting checks that the device answers by reading its slot list.
    readImageState: async () => [],
    close: async () => {
      counts.closes += 1;
    },
  } as unknown as DeviceSession;
  const ctx = new FlowContext(
    {
      label: "device",
      connect: async () => {
        counts.connects += 1;
        return session;
      },
    },
    { sleep: async () => undefined, ...(signal ? { signal } : {}) },
  );
  return { ctx, counts };
}

describe("FlowContext.onDevice", () => {
  test(`a link that keeps dropping: ${MAX_LINK_LOSSES} reconnects, each loss recorded, then the loss ends the step`, async () => {
    const { ctx, counts } = context();
    ctx.step = "confirm";
    let attempts = 0;
    const lost = new TransportError("link-lost", { link: "link" });
    const error = await ctx
      .onDevice(async () => {
        attempts += 1;
        throw lost;
      })
      .catch((e: unknown) => e);
    expect(error).toBe(lost);
    expect(attempts).toBe(MAX_LINK_LOSSES + 1);
    expect(counts.connects).toBe(MAX_LINK_LOSSES + 1);
    expect(counts.closes).toBe(MAX_LINK_LOSSES);
    expect(ctx.audit.map((r) => [r.step, r.result, r.text?.key])).toEqual(
      Array.from({ length: MAX_LINK_LOSSES }, () => ["confirm", "failed", "audit.link-lost"]),
    );
    expect(ctx.audit[0]!.text?.params).toMatchObject({ errorKey: lost.messageKey, link: "link" });
  });

  test("a link that comes back: the operation's answer, after one recorded loss", async () => {
    const { ctx } = context();
    let attempts = 0;
    const answer = await ctx.onDevice(async () => {
      attempts += 1;
      if (attempts === 1) throw new TransportError("link-lost");
      return "slots";
    });
    expect([answer, attempts, ctx.audit.length]).toEqual(["slots", 2, 1]);
  });

  test("an error that is not the link's is not retried", async () => {
    const { ctx, counts } = context();
    const refusal = new TypeError("device said no");
    await expect(ctx.onDevice(async () => Promise.reject(refusal))).rejects.toBe(refusal);
    expect([counts.connects, ctx.audit.length]).toEqual([1, 0]);
  });

  test("after a cancel, a dropped link is not reconnected, and no step is entered", async () => {
    const controller = new AbortController();
    const { ctx, counts } = context(controller.signal);
    const lost = new TransportError("link-lost");
    await expect(
      ctx.onDevice(async () => {
        controller.abort();
        throw lost;
      }),
    ).rejects.toBe(lost);
    expect(counts.connects).toBe(1);
    expect(() => ctx.enter("reset", words("step.resetting"))).toThrow(CancelledError);
    expect(ctx.step).not.toBe("reset");
  });
});
