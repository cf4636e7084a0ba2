// What the simulated device holds at power-on (one pair of slots per image number, and the firmware loader in
// slot 1 in mode 7), and the boot of every image after a reset.

import type { SimulatedDeviceOptions } from "./device-options.js";
import type { Bootloader, BootReport } from "./mcuboot/bootloader.js";
import { dependencyHolds } from "./mcuboot/dependencies.js";
import { buildImage } from "./mcuboot/image-builder.js";

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

/** MCUboot at reset: each image in turn, with bootutil's dependency check over all of them. */
export async function bootEveryImage(
  bootloaders: readonly Bootloader[],
  stay: boolean,
): Promise<BootReport[]> {
  const reports: BootReport[] = [];
  const holds = dependencyHolds(bootloaders);
  for (const [i, boot] of bootloaders.entries()) reports.push(await boot.boot(stay, holds[i]));
  return reports;
}
