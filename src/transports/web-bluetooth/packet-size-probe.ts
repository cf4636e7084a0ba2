// Asks the device how big an SMP packet it can take (os mcumgr_params buf_size), so a Bluetooth transport can
// send packets spanning several writes. Only devices that reassemble writes report it in practice (smpclient and
// the Nordic mobile libraries make the same inference), so no answer means "one write per packet".

import { SmpClient, osMcumgrParams } from "../../core/smp/index.js";
import type { Transport } from "../../core/transport.js";
import { systemClock, type TransportClock } from "../transport-clock.js";

/** The device's buf_size, or undefined when it does not answer in time or does not support the command. */
export async function probeDeviceBufSize(
  transport: Transport,
  timeoutMs: number,
  signal?: AbortSignal,
  clock: TransportClock = systemClock,
): Promise<number | undefined> {
  // A throwaway client: its sequence numbers do not matter, and disposing it leaves the transport open.
  const client = new SmpClient(transport, {
    defaultTimeoutMs: timeoutMs,
    schedule: (ms, fn) => clock.schedule(ms, fn),
  });
  try {
    const params = await client.request(osMcumgrParams, {}, signal ? { signal } : {});
    return Number.isSafeInteger(params.buf_size) && params.buf_size > 0 ? params.buf_size : undefined;
  } catch {
    return undefined;
  } finally {
    client.dispose();
  }
}
