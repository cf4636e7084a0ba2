// What the simulated device holds at power-on (one pair of slots per image number, the firmware loader in mode
// 7) and what MCUboot's serial recovery serves when it answers instead of an application (boot_serial: echo,
// reset, params, image list, upload and erase; no test/confirm, no bootloader info).

import type { SimulatedDeviceOptions } from "./device-options.js";
import { buildImage } from "./mcuboot/image-builder.js";
import { Group } from "./smp/mgmt-codes.js";

export interface InitialSlots {
  readonly primary: Uint8Array;
  readonly secondary?: Uint8Array | undefined;
}

export async function initialSlots(options: SimulatedDeviceOptions): Promise<InitialSlots[]> {
  const count = options.mcuboot?.images ?? 1;
  const out: InitialSlots[] = [];
  for (let image = 0; image < count; image++) {
    const given = image === 0 ? options.slots : options.slots?.images?.[image];
    const firmware = options.firmware ?? {};
    const primary =
      given?.primary ??
      (await buildImage(image === 0 ? firmware : { ...firmware, seed: (firmware.seed ?? 1) + 100 * image }));
    let secondary = given?.secondary;
    if (!secondary && image === 0 && options.mcuboot?.mode === "firmware-loader") {
      secondary = await buildImage({ version: { major: 0, minor: 9 }, seed: 77, bodySize: 8 * 1024 });
    }
    out.push({ primary, secondary });
  }
  return out;
}

/** Commands MCUboot's serial recovery answers: os echo (0), reset (5), params (6); image state read, upload, erase. */
export function servedInRecovery(group: number, id: number): boolean {
  if (group === Group.os) return id === 0 || id === 5 || id === 6;
  if (group === Group.image) return id === 0 || id === 1 || id === 5;
  return false;
}
