// The failures of the device tools (files, shell, statistics, settings, OS) that are not the device's own error
// codes: a transfer the device stopped answering, a value that cannot be parsed, an answer that makes no sense.

import { McuFlashError, type McuFlashErrorOptions } from "../errors.js";

export class DeviceToolError extends McuFlashError {
  constructor(code: string, message: string, options: McuFlashErrorOptions = {}) {
    super(code, message, options);
  }
}
