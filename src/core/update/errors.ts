// Typed failures of the upload and update flow; the catalogs say what happened and what to do next.

import { type ErrorParams, McuFlashError, type McuFlashErrorOptions } from "../errors.js";

export class UploadError extends McuFlashError {
  constructor(code: string, params: ErrorParams = {}, options: McuFlashErrorOptions = {}) {
    super(code, params, options);
  }
}

export class UpdateFlowError extends McuFlashError {
  /** The flow step that failed (see UpdateStep). */
  readonly step: string;
  constructor(step: string, code: string, params: ErrorParams = {}, options: McuFlashErrorOptions = {}) {
    super(code, params, options);
    this.step = step;
  }
}
