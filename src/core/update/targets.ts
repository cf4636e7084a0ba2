// The images an update sends: each package entry verified, and — where a package carries one build per slot, as
// nRF Connect SDK zips do for direct-XIP — the variant built for the slot the image will run from.

import { toHex } from "../bytes.js";
import { type Message, nestedWords } from "../errors.js";
import { UpdateFlowError } from "./errors.js";
import type { FlowPlan } from "./flow-plan.js";
import type { SlotState } from "./flow-types.js";
import type { VerifiedImage } from "./update-flow.js";

export interface PackageTarget {
  readonly imageNumber: number;
  readonly bytes: Uint8Array;
  /** The slot this build runs from, when the package says so (NCS manifests for direct-XIP). */
  readonly slot?: number | undefined;
  /** File name, for messages. */
  readonly name?: string | undefined;
}

export interface Target {
  readonly imageNumber: number;
  readonly bytes: Uint8Array;
  readonly hash: Uint8Array;
  readonly hashHex: string;
  readonly version: string;
  readonly reason: Message;
  /** A slot already held this image: nothing sent. */
  skipped: boolean;
}

/** The slot an image of this number will run from after the update. */
function destinationSlot(plan: FlowPlan, slots: readonly SlotState[], imageNumber: number): number {
  if (plan.strategy !== "other-slot") return 0;
  const active = slots.find((s) => s.image === imageNumber && s.active);
  return active?.slot === 0 ? 1 : 0;
}

function pick(group: readonly PackageTarget[], slot: number, imageNumber: number): PackageTarget {
  const exact = group.find((g) => g.slot === slot);
  if (exact) return exact;
  const untagged = group.filter((g) => g.slot === undefined);
  if (group.length === 1 && untagged.length === 1) return group[0]!;
  if (group.length === 1) {
    throw new UpdateFlowError(
      "verify",
      "variant-wrong-slot",
      { image: imageNumber, builtFor: group[0]!.slot, slot },
      { hint: "variant-wrong-slot" },
    );
  }
  throw new UpdateFlowError(
    "verify",
    "package-duplicate-image",
    { files: group.length, image: imageNumber, slot },
    { hint: "package-duplicate-image" },
  );
}

export async function chooseVariants(
  images: readonly PackageTarget[],
  plan: FlowPlan,
  slots: readonly SlotState[],
  verify: (bytes: Uint8Array) => Promise<VerifiedImage>,
): Promise<Target[]> {
  const numbers = [...new Set(images.map((i) => i.imageNumber))].sort((a, b) => a - b);
  const targets: Target[] = [];
  for (const imageNumber of numbers) {
    const group = images.filter((i) => i.imageNumber === imageNumber);
    const chosen = pick(group, destinationSlot(plan, slots, imageNumber), imageNumber);
    const verified = await verify(chosen.bytes);
    if (!verified.accepted) {
      const params = { ...nestedWords("reason", verified.reason), image: imageNumber };
      throw new UpdateFlowError("verify", "image-refused", params, {
        ...(numbers.length > 1 ? { variant: "package" } : {}),
        hint: "image-refused",
      });
    }
    targets.push({
      imageNumber,
      bytes: chosen.bytes,
      hash: verified.hash,
      hashHex: toHex(verified.hash),
      version: verified.version,
      reason: verified.reason,
      skipped: false,
    });
  }
  return targets;
}
