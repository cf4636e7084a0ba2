// Reconnecting after a reset: the bootloader may take seconds to swap images, so we retry with exponential
// backoff until the device answers, or give up with a clear message.

import { CancelledError } from "../errors.js";
import type { DeviceConnector, DeviceSession } from "./device-session.js";
import { UpdateFlowError } from "./errors.js";

export interface ReconnectPolicy {
  readonly attempts: number;
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
  readonly signal?: AbortSignal;
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

const DEFAULT_POLICY = { attempts: 12, initialDelayMs: 500, maxDelayMs: 8000 };

export async function reconnectWithBackoff(
  connector: DeviceConnector,
  policy: Partial<ReconnectPolicy> = {},
): Promise<DeviceSession> {
  const { attempts, initialDelayMs, maxDelayMs } = { ...DEFAULT_POLICY, ...policy };
  const sleep = policy.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  let delay = initialDelayMs;
  let lastError: unknown;
  for (let attempt = 0; attempt < attempts; attempt++) {
    await sleep(delay, policy.signal);
    if (policy.signal?.aborted) throw new CancelledError("reconnect", policy.signal.reason);
    try {
      const session = await connector.connect(policy.signal);
      try {
        await session.readImageState(policy.signal);
        return session;
      } catch (error) {
        await session.close().catch(() => undefined);
        throw error;
      }
    } catch (error) {
      lastError = error;
      delay = Math.min(maxDelayMs, delay * 2);
    }
  }
  throw new UpdateFlowError(
    "reconnect",
    "reconnect-failed",
    {},
    { hint: "reconnect-failed", cause: lastError },
  );
}
