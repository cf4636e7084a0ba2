// A readable picture of both slots for tests and the demo UI: what image state read would report (hash,
// version, flags), whether the slot is blank, and the MCUboot trailer behind the flags.

import type { Bootloader } from "./mcuboot/bootloader.js";
import type { TrailerState } from "./mcuboot/flash-area.js";
import { ImageFlag, readImageInfo, versionString } from "./mcuboot/image-info.js";
import { slotFlags } from "./mcuboot/img-slots.js";

export interface SlotSnapshot {
  readonly image: number;
  readonly slot: number;
  /** Fully erased (flash and trailer). */
  readonly empty: boolean;
  /** Holds an image img_mgmt can read (header and hash TLV); only such slots appear in image state. */
  readonly valid: boolean;
  readonly hash: Uint8Array | undefined;
  readonly version: string | undefined;
  readonly bootable: boolean;
  readonly active: boolean;
  readonly pending: boolean;
  readonly confirmed: boolean;
  readonly permanent: boolean;
  readonly trailer: Readonly<TrailerState>;
}

export function describeSlots(boot: Bootloader, image = 0): SlotSnapshot[] {
  const flags = slotFlags(boot);
  const areas = boot.slotCount === 2 ? [boot.primary, boot.secondary] : [boot.primary];
  return areas.map((area, slot) => {
    const info = readImageInfo(area.bytes);
    const f = flags[slot === 0 ? 0 : 1];
    return {
      image,
      slot,
      empty: area.isErased(),
      valid: info.ok,
      hash: info.ok ? info.hash : undefined,
      version: info.ok ? versionString(info.header.version) : undefined,
      bootable: info.ok && (info.header.flags & ImageFlag.NON_BOOTABLE) === 0,
      active: f.active,
      pending: f.pending,
      confirmed: f.confirmed,
      permanent: f.permanent,
      trailer: { ...area.trailer },
    };
  });
}
