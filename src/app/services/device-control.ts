// Lazy chunk: the device panel's SMP conversation (slots, buffers, OS and bootloader info, echo, reset).
// Loaded on the first connection, so the SMP client and CBOR codec stay out of the initial bundle.
//
// Expects from core: SmpClient(transport), the os/image command definitions, toSlotState (update/
// smp-device-session), and SmpDeviceError for "the device does not implement this".

import { AppError } from "../shared/app-error.js";
import {
  SmpClient,
  SmpDeviceError,
  SmpTimeoutError,
  imageStateRead,
  imageStateWrite,
  osBootloaderInfo,
  osEcho,
  osInfo,
  osMcumgrParams,
  osReset,
} from "../../core/smp/index.js";
import { fromHex } from "../../core/bytes.js";
import type { Transport, TransportCloseReason } from "../../core/transport.js";
import { toSlotState } from "../../core/update/smp-device-session.js";
import type { DeviceControl, DeviceSnapshot } from "./device.js";

const OPTIONAL_TIMEOUT_MS = 2_000;

const BOOT_MODES: Readonly<Record<number, string>> = {
  0: "single slot",
  1: "swap using scratch",
  2: "overwrite only",
  3: "swap using move",
  4: "direct-XIP",
  5: "direct-XIP with revert",
  6: "RAM load",
  8: "swap using offset",
};

/** Optional commands: a device built without them answers an error; that is "unknown", not a failure. */
async function optional<T>(read: () => Promise<T>): Promise<T | undefined> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof SmpDeviceError || error instanceof SmpTimeoutError) return undefined;
    throw error;
  }
}

class SmpDeviceControl implements DeviceControl {
  readonly client: SmpClient;
  readonly closed: Promise<TransportCloseReason>;

  constructor(private readonly transport: Transport) {
    this.client = new SmpClient(transport);
    this.closed = transport.closed;
  }

  get label(): string {
    return this.transport.label;
  }

  async read(signal?: AbortSignal): Promise<DeviceSnapshot> {
    const options = signal ? { signal } : {};
    const quick = { timeoutMs: OPTIONAL_TIMEOUT_MS, ...options };
    // One request at a time: small devices may have a single SMP buffer.
    const state = await this.client.request(imageStateRead, {}, options);
    const params = await optional(() => this.client.request(osMcumgrParams, {}, quick));
    const os = await optional(() => this.client.request(osInfo, { format: "a" }, quick));
    const boot = await optional(() => this.client.request(osBootloaderInfo, {}, quick));
    const mode = boot
      ? await optional(() => this.client.request(osBootloaderInfo, { query: "mode" }, quick))
      : undefined;
    return {
      slots: state.images.map(toSlotState),
      params: params ? { bufSize: params.buf_size, bufCount: params.buf_count } : undefined,
      osInfo: os?.output,
      bootloader: boot
        ? {
            name: boot.bootloader,
            mode: mode?.mode === undefined ? undefined : (BOOT_MODES[mode.mode] ?? `mode ${mode.mode}`),
            noDowngrade: mode?.no_downgrade,
          }
        : undefined,
      readAt: new Date().toISOString(),
    };
  }

  async echo(text: string): Promise<{ reply: string; ms: number }> {
    const started = performance.now();
    const { r } = await this.client.request(osEcho, { d: text });
    return { reply: r, ms: performance.now() - started };
  }

  async reset(): Promise<void> {
    await this.client.request(osReset, {}, { timeoutMs: 3_000 });
  }

  async confirmRunning(hash: string): Promise<void> {
    const bytes = fromHex(hash);
    if (!bytes) throw new AppError("unreadable-running-hash");
    // By hash, not "whatever runs": if the device changed since the panel read it, it refuses instead.
    await this.client.request(imageStateWrite, { hash: bytes, confirm: true });
  }

  async close(): Promise<void> {
    this.client.dispose();
    await this.transport.close();
  }
}

export function createDeviceControl(transport: Transport): DeviceControl {
  return new SmpDeviceControl(transport);
}
