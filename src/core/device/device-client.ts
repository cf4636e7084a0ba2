// DeviceClient (DESIGN "Interfaces worth getting right"): the one place that reads and drives a device over SMP —
// bootloader name and mode, params, slots, OS info, test / confirm / erase by hash, reset (optionally into the
// bootloader). The app, the CLI, the embed and the update flow use it instead of sending these commands.

import { toHex } from "../bytes.js";
import {
  ImageRc,
  MgmtRc,
  SmpDeviceError,
  SmpGroup,
  SmpTimeoutError,
  imageErase,
  imageStateRead,
  imageStateWrite,
  osBootloaderInfo,
  osEcho,
  osInfo,
  osMcumgrParams,
  osReset,
  type SmpClient,
} from "../smp/index.js";
import { bootMode, type BootMode } from "./boot-modes.js";
import { hashNotOnDevice } from "./errors.js";
import { toSlotState, type SlotState } from "./slot-state.js";

export interface DeviceParams {
  readonly bufSize: number;
  readonly bufCount: number;
}

export interface BootloaderInfo {
  /** E.g. "MCUboot"; "unknown" when the device answers without a name. */
  readonly name: string;
  /** The reported mode number (MCUboot only; -1 is MCUboot's "unknown"). */
  readonly modeNumber?: number;
  /** The table entry for that number, when it is one MCUboot defines. */
  readonly mode?: BootMode;
  /** MCUboot refuses images older than the running one (Zephyr sends "no-downgrade" only when true). */
  readonly noDowngrade?: boolean;
}

export interface RequestOptions {
  readonly signal?: AbortSignal | undefined;
  readonly timeoutMs?: number;
}

export interface ResetOptions extends RequestOptions {
  /** Reset even if the application's reset hook objects. */
  readonly force?: boolean;
  /** Zephyr's retention boot mode: 1 stays in the bootloader (serial recovery or firmware loader). */
  readonly bootMode?: number;
}

export interface DeviceClientOptions {
  /** Timer used for the backoff between retries (a virtual clock in tests). */
  readonly schedule?: (ms: number, fn: () => void) => () => void;
}

/** Control requests (reads, marking) are retried this often on a timeout or a busy device. */
const CONTROL_ATTEMPTS = 4;
/** Optional reads (os info, bootloader info) give up sooner: a build without them may not answer at all. */
const OPTIONAL_TIMEOUT_MS = 2_000;

export class DeviceClient {
  private readonly schedule: (ms: number, fn: () => void) => () => void;

  constructor(
    readonly smp: SmpClient,
    options: DeviceClientOptions = {},
  ) {
    this.schedule =
      options.schedule ??
      ((ms, fn) => {
        const timer = setTimeout(fn, ms);
        return () => clearTimeout(timer);
      });
  }

  async readSlots(options: RequestOptions = {}): Promise<SlotState[]> {
    const response = await this.retrying(() => this.smp.request(imageStateRead, {}, opts(options)));
    return response.images.map(toSlotState);
  }

  /** undefined when the device does not implement mcumgr params. */
  async readParams(options: RequestOptions = {}): Promise<DeviceParams | undefined> {
    const params = await unlessUnsupported(() =>
      this.retrying(() => this.smp.request(osMcumgrParams, {}, opts(options))),
    );
    return params && { bufSize: params.buf_size, bufCount: params.buf_count };
  }

  /** The bootloader's name and, for MCUboot, its mode; undefined when the device does not say. */
  async readBootloader(options: RequestOptions = {}): Promise<BootloaderInfo | undefined> {
    const quick = { timeoutMs: OPTIONAL_TIMEOUT_MS, ...opts(options) };
    const info = await optional(() => this.smp.request(osBootloaderInfo, {}, quick));
    if (info === undefined) return undefined;
    const name = info.bootloader ?? "unknown";
    if (name !== "MCUboot") return { name };
    const answer = await optional(() => this.smp.request(osBootloaderInfo, { query: "mode" }, quick));
    const mode = answer?.mode === undefined ? undefined : bootMode(answer.mode);
    return {
      name,
      ...(answer?.mode !== undefined ? { modeNumber: answer.mode } : {}),
      ...(mode ? { mode } : {}),
      ...(answer !== undefined ? { noDowngrade: answer.no_downgrade ?? false } : {}),
    };
  }

  /** `os info` with these format letters ("a": all); undefined when the build leaves the command out. */
  async readOsInfo(format = "a", options: RequestOptions = {}): Promise<string | undefined> {
    const quick = { timeoutMs: OPTIONAL_TIMEOUT_MS, ...opts(options) };
    return (await optional(() => this.smp.request(osInfo, { format }, quick)))?.output;
  }

  async echo(text: string, options: RequestOptions = {}): Promise<string> {
    return (await this.smp.request(osEcho, { d: text }, opts(options))).r;
  }

  /** Boots the image with this hash once at the next reset. Sent only when the device lists that hash. */
  async test(hash: Uint8Array, options: RequestOptions = {}): Promise<SlotState[]> {
    await this.requireListed(hash, options);
    return this.writeState(hash, false, options);
  }

  /**
   * Makes the image with this hash permanent; without a hash, the running image. A hash is sent only when the
   * device lists it, so a stale or mistyped hash never confirms something else.
   */
  async confirm(hash: Uint8Array | undefined, options: RequestOptions = {}): Promise<SlotState[]> {
    if (hash) await this.requireListed(hash, options);
    return this.writeState(hash, true, options);
  }

  /**
   * The state write itself, for callers that have just read the slot list (the update flow). Marking is
   * idempotent in effect but its answer may be lost: before repeating it, look whether it already took effect.
   */
  async writeState(
    hash: Uint8Array | undefined,
    confirm: boolean,
    options: RequestOptions = {},
  ): Promise<SlotState[]> {
    const hex = hash && toHex(hash);
    const done = (slots: SlotState[]) =>
      slots.some((s) =>
        hex === undefined
          ? s.active && s.confirmed
          : s.hash === hex && (confirm ? s.confirmed || s.permanent : s.pending || s.confirmed),
      );
    let first = true;
    const body = hash ? { hash, confirm } : { confirm };
    const response = await this.retrying(async () => {
      if (!first) {
        const slots = await this.readSlots(options);
        if (done(slots)) return { images: undefined, slots };
      }
      first = false;
      const answer = await this.smp.request(imageStateWrite, body, opts(options));
      return { images: answer.images, slots: undefined };
    });
    if (response.slots) return response.slots;
    // Some servers answer a state write with an empty map: read the list to see what it did.
    return response.images ? response.images.map(toSlotState) : this.readSlots(options);
  }

  /** Erases a slot (Zephyr's flat number: image N's secondary is 2N + 1); without one, the slot not running. */
  async erase(slot: number | undefined, options: RequestOptions = {}): Promise<void> {
    // Erasing a whole slot takes seconds on real flash.
    await this.smp.request(imageErase, slot === undefined ? {} : { slot }, {
      timeoutMs: Math.max(options.timeoutMs ?? 0, 30_000),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  }

  async reset(options: ResetOptions = {}): Promise<void> {
    await this.smp.request(
      osReset,
      {
        ...(options.force ? { force: true } : {}),
        ...(options.bootMode !== undefined ? { boot_mode: options.bootMode } : {}),
      },
      { timeoutMs: options.timeoutMs ?? 3_000, ...(options.signal ? { signal: options.signal } : {}) },
    );
  }

  private async requireListed(hash: Uint8Array, options: RequestOptions): Promise<void> {
    const hex = toHex(hash);
    const slots = await this.readSlots(options);
    if (!slots.some((s) => s.hash === hex)) throw hashNotOnDevice(hex);
  }

  /** Retries a control request on a timeout or a busy/out-of-memory answer, with a short backoff. */
  private async retrying<T>(request: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await request();
      } catch (error) {
        if (!isTransient(error) || attempt >= CONTROL_ATTEMPTS) throw error;
        await new Promise<void>((resolve) => this.schedule(100 * 2 ** attempt, resolve));
      }
    }
  }
}

function opts(options: RequestOptions): { signal?: AbortSignal; timeoutMs?: number } {
  return {
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
  };
}

function isTransient(error: unknown): boolean {
  if (error instanceof SmpTimeoutError) return true;
  return (
    error instanceof SmpDeviceError &&
    (error.isMgmtRc(MgmtRc.EBUSY) ||
      error.isMgmtRc(MgmtRc.ENOMEM) ||
      error.isGroupRc(SmpGroup.image, ImageRc.NO_FREE_MEMORY))
  );
}

/** The device says it does not have this command (v1 `rc` MGMT_ERR_ENOTSUP). */
export function isUnsupported(error: unknown): boolean {
  return error instanceof SmpDeviceError && error.rc === MgmtRc.ENOTSUP && error.style === "rc";
}

async function unlessUnsupported<T>(request: () => Promise<T>): Promise<T | undefined> {
  try {
    return await request();
  } catch (error) {
    if (isUnsupported(error)) return undefined;
    throw error;
  }
}

/** Reads many builds leave out: any device error or a timeout means "not reported", not a failure. */
async function optional<T>(request: () => Promise<T>): Promise<T | undefined> {
  try {
    return await request();
  } catch (error) {
    if (error instanceof SmpDeviceError || error instanceof SmpTimeoutError) return undefined;
    throw error;
  }
}
