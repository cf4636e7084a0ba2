// Typed failures of the device client: each names what the device was asked and why it was not done.

import { type ErrorParams, McuFlashError, type McuFlashErrorOptions } from "../errors.js";

export type DeviceClientErrorCode = "hash-not-on-device" | "not-marked";

export class DeviceClientError extends McuFlashError {
  declare readonly code: DeviceClientErrorCode;
  constructor(code: DeviceClientErrorCode, params: ErrorParams = {}, options: McuFlashErrorOptions = {}) {
    super(code, params, options);
  }
}

/** A hash to test or confirm that the device does not list: nothing was sent. `hash` is the message's parameter. */
export class HashNotOnDeviceError extends DeviceClientError {
  readonly hash: string;
  constructor(hash: string) {
    super("hash-not-on-device", { hash }, { variant: "listed", hint: "hash-not-on-device.listed" });
    this.hash = hash;
  }
}

export function hashNotOnDevice(hash: string): HashNotOnDeviceError {
  return new HashNotOnDeviceError(hash);
}
