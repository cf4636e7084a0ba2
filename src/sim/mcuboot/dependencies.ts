// Multi-image dependencies as bootutil checks them before an upgrade (boot_verify_dependencies): an image whose
// new version needs another image at a version that will not be there after this boot is not swapped in.

import type { Bootloader } from "./bootloader.js";
import { IMAGE_MAGIC, compareVersions, readDependencies, readImageHeader } from "./image-info.js";

/** For each image number, why its pending upgrade is held back this boot (undefined: it may go ahead). */
export function dependencyHolds(boots: readonly Bootloader[]): (string | undefined)[] {
  const upgrading = boots.map(
    (b) => b.family === "swap" && (b.swapType() === "test" || b.swapType() === "perm"),
  );
  const holds: (string | undefined)[] = boots.map(() => undefined);
  // Holding one upgrade back can break another image's dependency on it: repeat until nothing changes.
  for (let changed = true; changed;) {
    changed = false;
    boots.forEach((boot, i) => {
      if (!upgrading[i]) return;
      for (const dep of readDependencies(boot.secondary.bytes)) {
        const other = boots[dep.imageId];
        const area = other && (upgrading[dep.imageId] ? other.secondary : other.primary);
        const header = area && readImageHeader(area.bytes);
        const met =
          header !== undefined &&
          header.magic === IMAGE_MAGIC &&
          compareVersions(header.version, dep.minVersion, true) >= 0;
        if (!met) {
          const v = dep.minVersion;
          holds[i] =
            `dependency not met: image ${dep.imageId} at ${v.major}.${v.minor}.${v.revision}+${v.build} or newer`;
          upgrading[i] = false;
          changed = true;
          return;
        }
      }
    });
  }
  return holds;
}
