// The failures of the device tools (files, shell, statistics, settings, OS) that are not the device's own error
// codes: a transfer the device stopped answering, a value that cannot be parsed, an answer that makes no sense.

import { type ErrorParams, McuFlashError, type McuFlashErrorOptions } from "../errors.js";

export class DeviceToolError extends McuFlashError {
  constructor(code: string, params: ErrorParams = {}, options: McuFlashErrorOptions = {}) {
    super(code, params, options);
  }
}
