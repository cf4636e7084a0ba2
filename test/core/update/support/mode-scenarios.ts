// Shared pieces of the per-mode and multi-image update scenarios: the link models every flow runs over, the
// simulator's name for each MCUboot mode number, and images newer than the factory firmware.

import { bleLink, serialLink, udpLink } from "../../../../src/sim/link-model.js";
import type { McubootMode } from "../../../../src/sim/mcuboot/bootloader.js";
import { buildImage, type BuildImageOptions } from "../../../../src/sim/mcuboot/image-builder.js";
import { mcubootImageHash } from "../../../support/sim/mcuboot-hash.js";

export const LINKS = {
  serial: { transport: "serial" as const, linkModel: serialLink({ baudRate: 115200 }) },
  ble: { transport: "ble" as const, linkModel: bleLink({ attMtu: 247, connectionIntervalMs: 15 }) },
  udp: { transport: "udp" as const, linkModel: udpLink() },
};

export const MODE_BY_NUMBER: Readonly<Record<number, McubootMode>> = {
  0: "single-slot",
  1: "swap-using-scratch",
  2: "overwrite-only",
  3: "swap-using-move",
  4: "direct-xip",
  5: "direct-xip-revert",
  6: "ram-load",
  7: "firmware-loader",
  8: "single-slot-ram-load",
  9: "swap-using-offset",
};

/** Fast flash and boot, so the scenarios spend their virtual time on the link. */
export const FAST_FLASH = {
  flash: { pageEraseMs: 2, writeBytesPerMs: 2000 },
} as const;

export async function image(
  version: { major: number; minor?: number; revision?: number },
  options: Omit<BuildImageOptions, "version"> = {},
): Promise<{ bytes: Uint8Array; hash: string }> {
  const bytes = await buildImage({ version, bodySize: 12 * 1024, seed: 11, ...options });
  return { bytes, hash: mcubootImageHash(bytes) };
}
