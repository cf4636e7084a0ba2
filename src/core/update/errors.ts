// Typed failures of the upload and update flow. Each says what happened and what to do next.

import { McuFlashError, type McuFlashErrorOptions } from "../errors.js";

export class UploadError extends McuFlashError {
  constructor(code: string, message: string, options: McuFlashErrorOptions = {}) {
    super(code, message, options);
  }
}

export class UpdateFlowError extends McuFlashError {
  /** The flow step that failed (see UpdateStep). */
  readonly step: string;
  constructor(step: string, code: string, message: string, options: McuFlashErrorOptions = {}) {
    super(code, message, options);
    this.step = step;
  }
}
