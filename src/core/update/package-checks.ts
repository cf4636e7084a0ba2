// Checks made on the images of an update before anything is sent: MCUboot's DEPENDENCY TLVs against the versions
// the device will hold afterwards, and the version rule of the modes that boot the newest image.

import { inspectImage } from "../mcuboot/image.js";
import { UpdateFlowError } from "./errors.js";
import type { FlowPlan } from "./flow-plan.js";
import type { SlotState } from "./flow-types.js";
import { compareVersions, parseVersion } from "./version.js";

export interface CheckedImage {
  readonly imageNumber: number;
  readonly bytes: Uint8Array;
  readonly version: string;
}

interface Dependency {
  readonly imageId: number;
  readonly minVersion: string;
}

function dependencies(bytes: Uint8Array): Dependency[] {
  const { tlvs } = inspectImage(bytes);
  const out: Dependency[] = [];
  for (const tlv of tlvs) {
    if (tlv.decoded?.kind !== "dependency") continue;
    const v = tlv.decoded.minVersion;
    out.push({ imageId: tlv.decoded.imageId, minVersion: `${v.major}.${v.minor}.${v.revision}+${v.build}` });
  }
  return out;
}

/** The device lists "1.2.3" or "1.2.3.4"; images say "1.2.3+4": parseVersion reads both. */
const comparable = parseVersion;

/**
 * bootutil refuses (and reverts) an upgrade whose image depends on another image at a version that will not be
 * there. Checked here so that nothing is sent that the bootloader would throw away.
 */
export function checkDependencies(images: readonly CheckedImage[], slots: readonly SlotState[]): void {
  for (const image of images) {
    for (const dep of dependencies(image.bytes)) {
      const incoming = images.find((i) => i.imageNumber === dep.imageId);
      const running = slots.find((s) => s.image === dep.imageId && s.active);
      const after = incoming?.version ?? running?.version;
      const need = comparable(dep.minVersion);
      const have = after === undefined ? undefined : comparable(after);
      if (after === undefined) {
        throw new UpdateFlowError(
          "downgrade-check",
          "dependency-missing",
          {
            image: image.imageNumber,
            version: image.version,
            needs: dep.imageId,
            minVersion: dep.minVersion,
          },
          { hint: "dependency-missing" },
        );
      }
      if (need && have && compareVersions(have, need) < 0) {
        throw new UpdateFlowError(
          "downgrade-check",
          "dependency-unmet",
          {
            image: image.imageNumber,
            version: image.version,
            needs: dep.imageId,
            minVersion: dep.minVersion,
            after,
            from: incoming ? "package" : "device",
          },
          { hint: "dependency-unmet" },
        );
      }
    }
  }
}

/** In-place modes boot the valid image with the highest version: an image not newer would never run. */
export function checkNewerForInPlace(
  image: CheckedImage,
  running: SlotState | undefined,
  modeText: string,
  modeKey?: string,
): void {
  const next = comparable(image.version);
  const current = running && comparable(running.version);
  if (!next || !current || compareVersions(next, current) > 0) return;
  throw new UpdateFlowError(
    "downgrade-check",
    "version-not-newer",
    {
      mode: modeText,
      ...(modeKey !== undefined ? { modeKey } : {}),
      image: image.imageNumber,
      version: image.version,
      running: running.version,
    },
    { hint: "version-not-newer" },
  );
}

/** The version rules of one image: newer than the running one in the in-place modes; the optional downgrade guard. */
export function checkVersions(
  target: CheckedImage & { readonly hashHex: string },
  plan: FlowPlan,
  slotsBefore: readonly SlotState[],
  options: { readonly noDowngrade?: boolean | undefined; readonly force?: boolean | undefined },
): void {
  const running = slotsBefore.find((s) => s.image === target.imageNumber && s.active);
  if (plan.strategy === "other-slot" && running?.hash !== target.hashHex) {
    checkNewerForInPlace(target, running, plan.decision.text, plan.decision.key);
  }
  if (!options.noDowngrade || !running || options.force) return;
  const next = parseVersion(target.version);
  const current = parseVersion(running.version);
  if (next && current && compareVersions(next, current) < 0) {
    throw new UpdateFlowError(
      "downgrade-check",
      "downgrade-refused",
      { version: target.version, version2: running.version },
      { hint: "downgrade-refused" },
    );
  }
}
