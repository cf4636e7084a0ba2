// What is known about a connected device for matching it against a manifest: how it was reached (Bluetooth
// name, USB ids) and what it reports over SMP (slots, `os info` output, board). Reading them is one short
// conversation: image list (required), then `os info` (optional: many builds leave it out).

import {
  SmpClient,
  SmpDeviceError,
  SmpTimeoutError,
  imageStateRead,
  osInfo,
  type SmpClientOptions,
} from "../smp/index.js";
import type { Transport } from "../transport.js";
import type { SlotState } from "../update/flow-types.js";
import { toSlotState } from "../update/smp-device-session.js";

export const INSTALL_LINK_KINDS = ["bluetooth", "serial", "demo"] as const;
export type InstallLinkKind = (typeof INSTALL_LINK_KINDS)[number];

/** How the device was reached; the chooser already applied the manifest's filters. */
export interface LinkFacts {
  readonly kind: InstallLinkKind;
  /** Bluetooth: the advertised name, when the browser tells it. */
  readonly name?: string;
  readonly usbVendorId?: number;
  readonly usbProductId?: number;
}

export interface DeviceFacts {
  readonly label: string;
  readonly link: LinkFacts;
  readonly slots: readonly SlotState[];
  /** Version of the active image 0, as the device reports it. */
  readonly runningVersion: string | undefined;
  /** `os info -a` output; undefined when the device does not implement it. */
  readonly osInfo: string | undefined;
  /** `os info -i` (hardware platform, e.g. "nrf52840dk/nrf52840"); undefined when not reported. */
  readonly board: string | undefined;
}

const OPTIONAL_TIMEOUT_MS = 2_000;

async function optional<T>(read: () => Promise<T>): Promise<T | undefined> {
  try {
    return await read();
  } catch (error) {
    // A build without the command answers an error or nothing at all: that is "unknown", not a failure.
    if (error instanceof SmpDeviceError || error instanceof SmpTimeoutError) return undefined;
    throw error;
  }
}

/** The running image 0, as the update flow sees it. */
export function runningVersionOf(slots: readonly SlotState[]): string | undefined {
  return slots.find((s) => s.image === 0 && s.active)?.version;
}

/** Reads the facts over an open link. The transport stays open (the install reuses it). */
export async function readDeviceFacts(
  transport: Transport,
  link: LinkFacts,
  options: SmpClientOptions & { readonly signal?: AbortSignal } = {},
): Promise<DeviceFacts> {
  const { signal, ...clientOptions } = options;
  const client = new SmpClient(transport, clientOptions);
  const base = signal ? { signal } : {};
  const quick = { timeoutMs: OPTIONAL_TIMEOUT_MS, ...base };
  try {
    // One request at a time: small devices may have a single SMP buffer.
    const state = await client.request(imageStateRead, {}, base);
    const all = await optional(() => client.request(osInfo, { format: "a" }, quick));
    const board = all ? await optional(() => client.request(osInfo, { format: "i" }, quick)) : undefined;
    const slots = state.images.map(toSlotState);
    return {
      label: transport.label,
      link,
      slots,
      runningVersion: runningVersionOf(slots),
      osInfo: all?.output,
      board: board?.output.trim() || undefined,
    };
  } finally {
    client.dispose();
  }
}
