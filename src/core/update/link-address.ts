// Direct-XIP runs an image where it lies, so it must be linked for the slot it is written to. MCUboot checks
// this only for images that say where they run (imgtool --rom-fixed: header flag ROM_FIXED, the slot's flash
// offset in ih_load_addr) and skips such an image in any other slot; an image without the flag is booted
// wherever it lies. The SMP protocol reports no slot addresses, so the only addresses McuFlash can hold an
// image against are those a package's per-slot builds carry. Anything else is said before a byte is sent.

import { type Message, words } from "../errors.js";
import { IMAGE_FLAGS } from "../mcuboot/constants.js";
import { inspectImage } from "../mcuboot/image.js";
import { UpdateFlowError } from "./errors.js";
import { type FlowPlan, modeParams } from "./flow-plan.js";

export interface LinkedBuild {
  readonly imageNumber: number;
  readonly bytes: Uint8Array;
  readonly slot?: number | undefined;
}

/** The address an image is linked to run at, when its header says so (ROM_FIXED); undefined otherwise. */
export function romFixedAddress(bytes: Uint8Array): number | undefined {
  const header = inspectImage(bytes).header;
  if (header === undefined || (header.flags & IMAGE_FLAGS.ROM_FIXED) === 0) return undefined;
  return header.loadAddress;
}

/** Slot → address of one image number, as the package's per-slot ROM_FIXED builds give them. */
export function packageSlotAddresses(
  builds: readonly LinkedBuild[],
  imageNumber: number,
): Map<number, number> {
  const known = new Map<number, number>();
  for (const build of builds) {
    if (build.imageNumber !== imageNumber || build.slot === undefined) continue;
    const address = romFixedAddress(build.bytes);
    if (address !== undefined) known.set(build.slot, address);
  }
  return known;
}

const hex = (n: number) => `0x${n.toString(16).padStart(8, "0")}`;

/**
 * In the in-place modes: refuses a build whose ROM_FIXED address is known to belong to another slot than the
 * one it goes to, and returns what the user must hear when the address cannot be checked (or nothing).
 */
export function checkLinkAddress(
  build: LinkedBuild,
  slot: number,
  plan: FlowPlan,
  packageBuilds: readonly LinkedBuild[],
): Message | undefined {
  if (plan.strategy !== "other-slot" || plan.recovery) return undefined;
  const address = romFixedAddress(build.bytes);
  // What the other builds of the package say about where the slots lie (never the build's own word for it).
  const known = packageSlotAddresses(
    packageBuilds.filter((b) => b.bytes !== build.bytes),
    build.imageNumber,
  );
  if (address !== undefined) {
    const linkedFor = [...known].find(([s, a]) => a === address && s !== slot)?.[0];
    const slotAddress = known.get(slot);
    if (linkedFor !== undefined || (slotAddress !== undefined && slotAddress !== address)) {
      throw new UpdateFlowError(
        "downgrade-check",
        "link-address-mismatch",
        {
          image: build.imageNumber,
          address: hex(address),
          slot,
          slotAddress: slotAddress === undefined ? "unknown" : hex(slotAddress),
          linkedFor: linkedFor ?? "unknown",
        },
        { hint: "link-address-mismatch" },
      );
    }
    // Named for this slot by the package, and no other build claims its address: nothing more to say.
    if (slotAddress !== undefined || build.slot === slot) return undefined;
    return words("notice.link-address-unchecked", {
      image: build.imageNumber,
      address: hex(address),
      slot,
    });
  }
  // A build the package names for this slot was linked for it; a bare image says nothing.
  if (build.slot === slot) return undefined;
  return words("notice.link-unknown", {
    image: build.imageNumber,
    slot,
    ...modeParams(plan.decision),
    reverts: plan.reverts ? "yes" : "no",
  });
}
