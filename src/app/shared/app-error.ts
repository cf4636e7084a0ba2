// Errors the app itself raises (not core, not a link): typed like every other McuFlashError, so the catalog
// words them ("error.<code>") in the active language.

import { type ErrorParams, McuFlashError } from "../../core/errors.js";

export type AppErrorCode =
  | "connect-first"
  | "unreadable-running-hash"
  | "unreadable-slot-hash"
  | "slots-changed"
  | "saved-file-gone"
  | "key-already-trusted";

export class AppError extends McuFlashError {
  constructor(code: AppErrorCode, params: ErrorParams = {}) {
    super(code, params);
  }
}
