// Reconnecting after a reset: wait, try, double the wait up to a cap, and give up after a fixed number of
// tries with a typed error that keeps the last failure; a session that connects but cannot read the slots is
// closed and retried; cancelling stops at once.
import { afterEach, describe, expect, test, vi } from "vitest";
import { CancelledError } from "../../../src/core/errors.js";
import type { DeviceConnector, DeviceSession } from "../../../src/core/update/device-session.js";
import { UpdateFlowError } from "../../../src/core/update/errors.js";
import { reconnectWithBackoff } from "../../../src/core/update/reconnect.js";

interface FakeSession {
  readonly session: DeviceSession;
  closed: number;
}

/** A session whose slot read succeeds or throws `readError`. */
function fakeSession(readError?: Error): FakeSession {
  const fake: FakeSession = {
    closed: 0,
    session: {
      label: "fake",
      maxPacketSize: 256,
      upload: {} as DeviceSession["upload"],
      readImageState: async () => {
        if (readError) throw readError;
        return [];
      },
      readParams: async () => undefined,
      writeImageState: async () => [],
      eraseSlot: async () => undefined,
      reset: async () => undefined,
      lost: new Promise<void>(() => undefined),
      close: async () => {
        fake.closed += 1;
      },
    },
  };
  return fake;
}

/** A connector answering each try with the next outcome (a failure or a session); the last one repeats. */
function connector(outcomes: readonly (Error | FakeSession)[]): DeviceConnector & { calls: number } {
  const c = {
    label: "fake",
    calls: 0,
    connect: async () => {
      const next = outcomes[Math.min(c.calls, outcomes.length - 1)]!;
      c.calls += 1;
      if (next instanceof Error) throw next;
      return next.session;
    },
  };
  return c;
}

function recordingSleep(): { sleep: (ms: number) => Promise<void>; waits: number[] } {
  const waits: number[] = [];
  return { waits, sleep: async (ms) => void waits.push(ms) };
}

afterEach(() => {
  vi.useRealTimers();
});

describe("reconnectWithBackoff", () => {
  test("waits before every try, doubling from 500 ms up to 8 s, and returns the session that answers", async () => {
    const ok = fakeSession();
    const refused = new Error("refused");
    const c = connector([refused, refused, refused, refused, refused, refused, ok]);
    const { sleep, waits } = recordingSleep();
    await expect(reconnectWithBackoff(c, { sleep })).resolves.toBe(ok.session);
    expect(waits).toEqual([500, 1_000, 2_000, 4_000, 8_000, 8_000, 8_000]);
    expect(c.calls).toBe(7);
  });

  test("gives up after 12 tries with reconnect-failed, keeping the last failure as its cause", async () => {
    const last = new Error("still refused");
    const c = connector([...Array.from({ length: 11 }, () => new Error("refused")), last]);
    const { sleep, waits } = recordingSleep();
    const error = await reconnectWithBackoff(c, { sleep }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpdateFlowError);
    expect(error).toMatchObject({ code: "reconnect-failed", step: "reconnect", cause: last });
    expect(c.calls).toBe(12);
    expect(waits).toHaveLength(12);
  });

  test("a policy sets the tries, the first wait and the cap", async () => {
    const c = connector([new Error("refused")]);
    const { sleep, waits } = recordingSleep();
    await expect(
      reconnectWithBackoff(c, { sleep, attempts: 4, initialDelayMs: 100, maxDelayMs: 300 }),
    ).rejects.toMatchObject({ code: "reconnect-failed" });
    expect(waits).toEqual([100, 200, 300, 300]);
  });

  test("a session that connects but cannot read the slots is closed and the next try follows", async () => {
    const mute = fakeSession(new Error("no answer"));
    const ok = fakeSession();
    const c = connector([mute, ok]);
    const { sleep, waits } = recordingSleep();
    await expect(reconnectWithBackoff(c, { sleep })).resolves.toBe(ok.session);
    expect(mute.closed).toBe(1);
    expect(ok.closed).toBe(0);
    expect(waits).toEqual([500, 1_000]);
  });

  test("a session whose close fails too still leads to the next try", async () => {
    const mute = fakeSession(new Error("no answer"));
    mute.session.close = async () => {
      throw new Error("already gone");
    };
    const ok = fakeSession();
    const { sleep } = recordingSleep();
    await expect(reconnectWithBackoff(connector([mute, ok]), { sleep })).resolves.toBe(ok.session);
  });

  test("cancelled while waiting: a CancelledError, and no further try", async () => {
    const controller = new AbortController();
    const c = connector([new Error("refused")]);
    const sleep = async (): Promise<void> => {
      if (c.calls === 2) controller.abort("user");
    };
    const error = await reconnectWithBackoff(c, { sleep, signal: controller.signal }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(CancelledError);
    expect(error).toMatchObject({ code: "cancelled", params: { operation: "reconnect" }, cause: "user" });
    expect(c.calls).toBe(2);
  });

  test("passes the signal to the wait and to connect", async () => {
    const controller = new AbortController();
    const seen: (AbortSignal | undefined)[] = [];
    const ok = fakeSession();
    const c: DeviceConnector = {
      label: "fake",
      connect: async (signal) => {
        seen.push(signal);
        return ok.session;
      },
    };
    await reconnectWithBackoff(c, {
      signal: controller.signal,
      sleep: async (_ms, signal) => void seen.push(signal),
    });
    expect(seen).toEqual([controller.signal, controller.signal]);
  });

  test("without a sleep of its own it waits on the clock: nothing is tried before 500 ms", async () => {
    vi.useFakeTimers();
    const c = connector([fakeSession()]);
    const done = reconnectWithBackoff(c);
    await vi.advanceTimersByTimeAsync(499);
    expect(c.calls).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(c.calls).toBe(1);
    await expect(done).resolves.toBeDefined();
  });
});
