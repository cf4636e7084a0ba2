// The images an update sends: each package entry verified, and — where a package carries one build per slot, as
// nRF Connect SDK zips do for direct-XIP — the variant built for the slot the image will run from.

import { toHex } from "../bytes.js";
import { type Message, nestedWords } from "../errors.js";
import { UpdateFlowError } from "./errors.js";
import type { FlowPlan } from "./flow-plan.js";
import type { SlotState } from "./flow-types.js";
import { chooseSlotBuilds } from "./slot-builds.js";
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
  /** The slot the image goes to and will run from. */
  readonly destination: number;
  /** The slot the package says this build runs from (its manifest's "slot"), if it says. */
  readonly builtFor: number | undefined;
  /** The package carried one build per slot: this one was picked for `slot` (`runningSlot` runs now). */
  readonly slotBuild?: {
    readonly slot: number;
    readonly runningSlot: number | undefined;
    readonly name: string | undefined;
  };
}

export async function chooseVariants(
  images: readonly PackageTarget[],
  plan: FlowPlan,
  slots: readonly SlotState[],
  verify: (bytes: Uint8Array) => Promise<VerifiedImage>,
): Promise<Target[]> {
  const choices = chooseSlotBuilds(images, plan.strategy, slots);
  const targets: Target[] = [];
  for (const { imageNumber, build: chosen, slot, runningSlot, picked } of choices) {
    const verified = await verify(chosen.bytes);
    if (!verified.accepted) {
      const params = { ...nestedWords("reason", verified.reason), image: imageNumber };
      throw new UpdateFlowError("verify", "image-refused", params, {
        ...(choices.length > 1 ? { variant: "package" } : {}),
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
      destination: slot,
      builtFor: chosen.slot,
      ...(picked ? { slotBuild: { slot, runningSlot, name: chosen.name } } : {}),
    });
  }
  return targets;
}

/** Image numbers and versions, language-neutral ("0 (1.2.0), 1 (1.0.3)"); the catalog words around them. */
export function targetList(targets: readonly Pick<Target, "imageNumber" | "version">[]): string {
  return targets.map((t) => `${t.imageNumber} (${t.version})`).join(", ");
}
