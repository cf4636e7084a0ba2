// Typed failures of the device client: each names what the device was asked and why it was not done.

import { McuFlashError, type McuFlashErrorOptions } from "../errors.js";

export type DeviceClientErrorCode = "hash-not-on-device" | "not-marked";

export class DeviceClientError extends McuFlashError {
  declare readonly code: DeviceClientErrorCode;
  constructor(code: DeviceClientErrorCode, message: string, options: McuFlashErrorOptions = {}) {
    super(code, message, options);
  }
}

/** A hash to test or confirm that the device does not list: nothing was sent. `hash` is the message's parameter. */
export class HashNotOnDeviceError extends DeviceClientError {
  readonly hash: string;
  constructor(hash: string) {
    super(
      "hash-not-on-device",
      `No slot on the device holds an image with hash ${hash}; nothing was marked.`,
      {
        hint: "Run 'mcuflash list' (or read the device panel) to see the hashes it has.",
      },
    );
    this.hash = hash;
  }
}

export function hashNotOnDevice(hash: string): HashNotOnDeviceError {
  return new HashNotOnDeviceError(hash);
}
