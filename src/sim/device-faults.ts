// The per-image faults a test puts on the simulated device: uploads that fail at an offset, and a reset right
// after the first mark of an image (once per image until the faults are replaced).

import type { ImageFaults } from "./device-options.js";

export class ImageFaultPlan {
  private faults: ImageFaults;
  private readonly marksSeen = new Set<number>();

  constructor(faults: ImageFaults) {
    this.faults = faults;
  }

  get current(): ImageFaults {
    return this.faults;
  }

  /** Replaces the faults and re-arms the reset after a mark. */
  replace(faults: Partial<ImageFaults>): void {
    this.faults = { failUpload: [], resetAfterTestOf: undefined, ...faults };
    this.marksSeen.clear();
  }

  /** True when this accepted mark (test, or permanent with `confirm`) is the one after which the device resets. */
  resetsAfterMark(image: number, confirm: boolean): boolean {
    const { resetAfterTestOf, resetAfterMarkOf } = this.faults;
    const hit = (resetAfterTestOf === image && !confirm) || resetAfterMarkOf === image;
    if (!hit || this.marksSeen.has(image)) return false;
    this.marksSeen.add(image);
    return true;
  }
}
