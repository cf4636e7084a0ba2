// The update flow's DeviceSession over a real SMP client and transport, and the failure classification the
// upload engine needs. This is the only place where the flow meets SMP commands.

import { toHex } from "../bytes.js";
import type { LinkKind, Transport, TransportFactory } from "../transport.js";
import {
  ImageRc,
  MgmtRc,
  SmpClient,
  SmpDeviceError,
  SmpGroup,
  SmpTimeoutError,
  imageErase,
  imageStateRead,
  imageStateWrite,
  imageUpload,
  osMcumgrParams,
  osReset,
  requestPacketSize,
  type ImageSlotState,
  type SmpClientOptions,
} from "../smp/index.js";
import type { DeviceConnector, DeviceParams, DeviceSession } from "./device-session.js";
import type { SlotState } from "./flow-types.js";
import { isRetryableFailure, type ChunkFailure, type UploadRpc } from "./upload.js";

export function toSlotState(slot: ImageSlotState): SlotState {
  return {
    image: slot.image ?? 0,
    slot: slot.slot,
    version: slot.version,
    hash: slot.hash ? toHex(slot.hash) : "",
    bootable: slot.bootable ?? false,
    pending: slot.pending ?? false,
    confirmed: slot.confirmed ?? false,
    active: slot.active ?? false,
    permanent: slot.permanent ?? false,
  };
}

/** Control requests (state read, params, marking) are retried this often on a timeout or a busy device. */
const CONTROL_ATTEMPTS = 4;

export class SmpDeviceSession implements DeviceSession {
  readonly upload: UploadRpc;
  readonly lost: Promise<void>;
  readonly shrinkPacketLimit: (() => number) | undefined;
  private readonly schedule: (ms: number, fn: () => void) => () => void;

  constructor(
    readonly client: SmpClient,
    private readonly transport: Transport,
    options: Pick<SmpClientOptions, "schedule"> = {},
  ) {
    this.schedule =
      options.schedule ??
      ((ms, fn) => {
        const timer = setTimeout(fn, ms);
        return () => clearTimeout(timer);
      });
    this.lost = transport.closed.then(() => undefined);
    const lower = transport.lowerMaxPacketSize?.bind(transport);
    this.shrinkPacketLimit = lower;
    this.upload = {
      sendChunk: (request, options) => client.request(imageUpload, request, options),
      encodedSize: (request) => requestPacketSize(imageUpload, request, client.version),
    };
  }

  get label(): string {
    return this.transport.label;
  }

  get maxPacketSize(): number {
    return this.transport.maxPacketSize;
  }

  get linkKind(): LinkKind | undefined {
    return this.transport.kind;
  }

  async readImageState(signal?: AbortSignal): Promise<SlotState[]> {
    const response = await this.retrying(() =>
      this.client.request(imageStateRead, {}, signal ? { signal } : {}),
    );
    return response.images.map(toSlotState);
  }

  async readParams(signal?: AbortSignal): Promise<DeviceParams | undefined> {
    try {
      const params = await this.retrying(() =>
        this.client.request(osMcumgrParams, {}, signal ? { signal } : {}),
      );
      return { bufSize: params.buf_size, bufCount: params.buf_count };
    } catch (error) {
      if (isUnsupported(error)) return undefined;
      throw error;
    }
  }

  async writeImageState(hash: Uint8Array, confirm: boolean, signal?: AbortSignal): Promise<SlotState[]> {
    const hex = toHex(hash);
    // Marking is idempotent in effect, but its answer may be lost: before repeating it, look whether the first
    // attempt already took effect.
    const done = (slots: SlotState[]) =>
      slots.some((s) => s.hash === hex && (confirm ? s.confirmed || s.permanent : s.pending || s.confirmed));
    let first = true;
    const response = await this.retrying(async () => {
      if (!first) {
        const slots = await this.readImageState(signal);
        if (done(slots)) return { images: undefined, slots };
      }
      first = false;
      const answer = await this.client.request(imageStateWrite, { hash, confirm }, signal ? { signal } : {});
      return { images: answer.images, slots: undefined };
    });
    if (response.slots) return response.slots;
    // Some servers answer a state write with an empty map: read the list to see what it did.
    return response.images ? response.images.map(toSlotState) : this.readImageState(signal);
  }

  /** Retries a control request on a timeout or a busy/out-of-memory answer, with a short backoff. */
  private async retrying<T>(request: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await request();
      } catch (error) {
        const kind = classifyFailure(error);
        if (!isRetryableFailure(kind) || attempt >= CONTROL_ATTEMPTS) throw error;
        await new Promise<void>((resolve) => this.schedule(100 * 2 ** attempt, resolve));
      }
    }
  }

  async eraseSlot(slot: number | undefined, signal?: AbortSignal): Promise<void> {
    // Erasing a whole slot takes seconds on real flash.
    await this.client.request(imageErase, slot === undefined ? {} : { slot }, {
      timeoutMs: 30_000,
      ...(signal ? { signal } : {}),
    });
  }

  async reset(signal?: AbortSignal): Promise<void> {
    await this.client.request(osReset, {}, { timeoutMs: 3_000, ...(signal ? { signal } : {}) });
  }

  async close(): Promise<void> {
    this.client.dispose();
    await this.transport.close();
  }
}

/** A DeviceConnector that opens the transport again for each session (e.g. after a reset). */
export function smpConnector(factory: TransportFactory, options: SmpClientOptions = {}): DeviceConnector {
  return {
    label: factory.label,
    async connect(signal?: AbortSignal): Promise<DeviceSession> {
      const transport = await factory.open(signal);
      return new SmpDeviceSession(new SmpClient(transport, options), transport, options);
    },
  };
}

export function classifyFailure(error: unknown): ChunkFailure {
  if (error instanceof SmpTimeoutError) return "timeout";
  if (error instanceof SmpDeviceError) {
    if (error.isMgmtRc(MgmtRc.EBUSY)) return "busy";
    if (error.isMgmtRc(MgmtRc.ENOMEM) || error.isGroupRc(SmpGroup.image, ImageRc.NO_FREE_MEMORY))
      return "no-memory";
    // SMP v2 names it; over SMP v1 Zephyr folds NO_FREE_SLOT into EBADSTATE (as it does "already pending" and
    // "version is newer"), which the update flow only reads as a busy slot when the slot list says so too.
    if (error.isGroupRc(SmpGroup.image, ImageRc.NO_FREE_SLOT) || error.isMgmtRc(MgmtRc.EBADSTATE))
      return "no-free-slot";
  }
  // Everything else, a dropped link included, ends the attempt: the flow reconnects and resumes from the
  // device's offset.
  return "fatal";
}

export function isUnsupported(error: unknown): boolean {
  return error instanceof SmpDeviceError && error.rc === MgmtRc.ENOTSUP && error.style === "rc";
}
