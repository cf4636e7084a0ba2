// Typed failures of the manifest install path. Each names the manifest field (or the device fact) involved and
// says what to do; `code` is stable for scripts, tests and the embed's `error` event.

import { type ErrorParams, McuFlashError, type McuFlashErrorOptions } from "../errors.js";
import type { ManifestIssue } from "./json-reader.js";

export const ManifestErrorCode = {
  invalid: "manifest-invalid",
  notJson: "manifest-not-json",
  /** The address answered with a web page: a 404 page, a login page, or a site that serves index.html. */
  htmlPage: "manifest-is-html",
  unavailable: "manifest-unavailable",
  keyInvalid: "manifest-key-invalid",
  keyUnavailable: "manifest-key-unavailable",
  noMatchingRelease: "no-matching-release",
  deviceMismatch: "device-mismatch",
  firmwareUnavailable: "firmware-unavailable",
  firmwareSize: "firmware-size-mismatch",
  firmwareHash: "firmware-hash-mismatch",
} as const;
export type ManifestErrorCode = (typeof ManifestErrorCode)[keyof typeof ManifestErrorCode];

/** Base of every error here. */
export class ManifestFlowError extends McuFlashError {
  constructor(code: ManifestErrorCode, params: ErrorParams = {}, options: McuFlashErrorOptions = {}) {
    super(code, params, options);
  }
}

const SHOWN_ISSUES = 5;

/** The manifest does not follow docs/manifest.md; `issues` lists every problem with its field path. */
export class ManifestError extends ManifestFlowError {
  readonly issues: readonly ManifestIssue[];

  constructor(issues: readonly ManifestIssue[]) {
    const lines = issues.slice(0, SHOWN_ISSUES).map((i) => `${i.path}: ${i.message}`);
    super(
      ManifestErrorCode.invalid,
      { issues: lines.join("; "), more: Math.max(0, issues.length - SHOWN_ISSUES) },
      { hint: "manifest-invalid" },
    );
    this.issues = issues;
  }
}

export interface ReleaseRejection {
  readonly version: string;
  readonly reason: string;
}

/** No release in the manifest may be installed on this device; `rejections` says why, release by release. */
export class NoMatchingReleaseError extends ManifestFlowError {
  readonly rejections: readonly ReleaseRejection[];

  constructor(product: string, running: string | undefined, rejections: readonly ReleaseRejection[]) {
    const reasons = rejections.map((r) => `${r.version}: ${r.reason}`).join("; ");
    super(
      ManifestErrorCode.noMatchingRelease,
      { product, running, reasons },
      { variant: running === undefined ? "unknown-running" : undefined, hint: "no-matching-release" },
    );
    this.rejections = rejections;
  }
}

/** A downloaded file (firmware or key) is not what the manifest promises. */
export class FirmwareFetchError extends ManifestFlowError {
  /** The manifest field the file comes from, e.g. "releases[0].images[0]". */
  readonly field: string;
  constructor(
    code: ManifestErrorCode,
    field: string,
    params: ErrorParams = {},
    options: McuFlashErrorOptions = {},
  ) {
    super(code, { field, ...params }, options);
    this.field = field;
  }
}
