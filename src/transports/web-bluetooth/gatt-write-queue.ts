// Writes to the SMP characteristic, one GATT operation at a time: Chrome rejects a write issued while another
// is still pending ("GATT operation already in progress"), and the device reassembles a packet from writes in
// order, so the writes of two packets must never interleave. Write Without Response is what Zephyr declares
// and what is fastest; where the browser lacks it or refuses it (NotSupportedError) the queue falls back to
// writes with response, then to the legacy writeValue(), and stays there.

import { CancelledError } from "../../core/errors.js";
import { TransportError } from "../../core/transport.js";
import { errorName } from "../browser/dom-error.js";
import type { GattCharacteristicLike } from "./web-bluetooth-types.js";

export type GattWriteMode = "without-response" | "with-response" | "legacy";

export class GattWriteQueue {
  private tail: Promise<void> = Promise.resolve();
  private failure: Error | undefined;
  private readonly failed: Promise<never>;
  private rejectFailed: (error: Error) => void = () => undefined;
  private currentMode: GattWriteMode;

  constructor(private readonly characteristic: GattCharacteristicLike) {
    this.failed = new Promise<never>((_, reject) => (this.rejectFailed = reject));
    // Nobody may be waiting when the queue fails; that is not an unhandled error.
    this.failed.catch(() => undefined);
    this.currentMode = initialMode(characteristic);
  }

  get mode(): GattWriteMode {
    return this.currentMode;
  }

  /**
   * Queues the writes of one packet; resolves once all are accepted. A signal that aborts before the first write
   * cancels the packet; once it has started it is finished, since half a packet would garble the device's
   * reassembly. Rejects with the failure given to fail() when the link goes.
   */
  enqueue(pieces: readonly Uint8Array[], signal?: AbortSignal): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    const run = this.tail.then(async () => {
      if (this.failure) throw this.failure;
      if (signal?.aborted) throw new CancelledError("send", signal.reason);
      for (const piece of pieces) {
        await Promise.race([this.write(piece), this.failed]);
      }
    });
    this.tail = run.catch(() => undefined);
    return run;
  }

  /** Resolves when everything queued so far has been written or has failed. */
  idle(): Promise<void> {
    return this.tail;
  }

  /** Rejects the write in progress and everything queued or queued later with `error`. */
  fail(error: Error): void {
    if (this.failure) return;
    this.failure = error;
    this.rejectFailed(error);
  }

  private async write(piece: Uint8Array): Promise<void> {
    const c = this.characteristic;
    if (this.currentMode === "without-response" && c.writeValueWithoutResponse) {
      try {
        await c.writeValueWithoutResponse(piece);
        return;
      } catch (error) {
        if (errorName(error) !== "NotSupportedError") throw error;
        this.currentMode = c.writeValueWithResponse ? "with-response" : "legacy";
      }
    }
    if (this.currentMode === "with-response" && c.writeValueWithResponse) {
      await c.writeValueWithResponse(piece);
      return;
    }
    if (!c.writeValue)
      throw new TransportError("bluetooth-not-writable", {}, { hint: "bluetooth-unsupported" });
    this.currentMode = "legacy";
    await c.writeValue(piece);
  }
}

function initialMode(c: GattCharacteristicLike): GattWriteMode {
  if (c.writeValueWithoutResponse) return "without-response";
  if (c.writeValueWithResponse) return "with-response";
  return "legacy";
}
