// The update flow's DeviceSession over the DeviceClient (core/device) and a transport, and the failure
// classification the upload engine needs.

import { DeviceClient } from "../device/device-client.js";
import type { LinkKind, Transport, TransportFactory } from "../transport.js";
import {
  ImageRc,
  MgmtRc,
  SmpClient,
  SmpDeviceError,
  SmpGroup,
  SmpTimeoutError,
  imageUpload,
  requestPacketSize,
  type SmpClientOptions,
} from "../smp/index.js";
import type { DeviceConnector, DeviceParams, DeviceSession } from "./device-session.js";
import type { SlotState } from "./flow-types.js";
import type { BootloaderInfo } from "../device/device-client.js";
import type { ChunkFailure, UploadRpc } from "./upload.js";

export { toSlotState } from "../device/slot-state.js";
export { isUnsupported } from "../device/device-client.js";

export class SmpDeviceSession implements DeviceSession {
  readonly upload: UploadRpc;
  readonly lost: Promise<void>;
  readonly shrinkPacketLimit: (() => number) | undefined;
  readonly device: DeviceClient;

  constructor(
    readonly client: SmpClient,
    private readonly transport: Transport,
    options: Pick<SmpClientOptions, "schedule"> = {},
  ) {
    this.device = new DeviceClient(client, options.schedule ? { schedule: options.schedule } : {});
    this.lost = transport.closed.then(() => undefined);
    this.shrinkPacketLimit = transport.lowerMaxPacketSize?.bind(transport);
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

  readImageState(signal?: AbortSignal): Promise<SlotState[]> {
    return this.device.readSlots({ signal });
  }

  readParams(signal?: AbortSignal): Promise<DeviceParams | undefined> {
    return this.device.readParams({ signal });
  }

  readBootloader(signal?: AbortSignal): Promise<BootloaderInfo | undefined> {
    return this.device.readBootloader({ signal });
  }

  writeImageState(hash: Uint8Array, confirm: boolean, signal?: AbortSignal): Promise<SlotState[]> {
    return this.device.writeState(hash, confirm, { signal });
  }

  eraseSlot(slot: number | undefined, signal?: AbortSignal): Promise<void> {
    return this.device.erase(slot, { signal });
  }

  reset(signal?: AbortSignal, bootMode?: number): Promise<void> {
    return this.device.reset({ signal, ...(bootMode !== undefined ? { bootMode } : {}) });
  }

  async close(): Promise<void> {
    this.client.dispose();
    await this.transport.close();
  }
}

/** The update connector: opens the transport again for each session (e.g. after a reset). */
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
