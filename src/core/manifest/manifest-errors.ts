// Typed failures of the manifest install path. Each names the manifest field (or the device fact) involved and
// says what to do; `code` is stable for scripts, tests and the embed's `error` event.

import {
  type ErrorParams,
  McuFlashError,
  type McuFlashErrorOptions,
  type Message,
  words,
} from "../errors.js";
import { issueMessage, type ManifestIssue } from "./manifest-issues.js";

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

/** How many problems an error's message lists; the rest are counted ("and 3 more"). */
const SHOWN = 5;

/**
 * The manifest does not follow docs/manifest.md; `issues` lists every problem with its field path and rule
 * (`issueMessage` words each). The message lists the first few as "field: rule" and counts the rest; its
 * parameters name the first field.
 */
export class ManifestError extends ManifestFlowError {
  readonly issues: readonly ManifestIssue[];

  constructor(issues: readonly ManifestIssue[]) {
    const details = issues.slice(0, SHOWN).map((issue) => {
      const rule = issueMessage(issue);
      return words("manifest-issue.at", { ...rule.params, issueKey: rule.key });
    });
    super(
      ManifestErrorCode.invalid,
      { field: issues[0]?.path, count: issues.length, more: Math.max(0, issues.length - SHOWN) },
      { hint: "manifest-invalid", details },
    );
    this.issues = issues;
  }
}

/** Why one release may not go on this device: a rule code ("release-rejection.<code>") and its values. */
export const RELEASE_REJECTION_KEYS = {
  "board-unknown": "release-rejection.board-unknown",
  "board-mismatch": "release-rejection.board-mismatch",
  "os-info-unknown": "release-rejection.os-info-unknown",
  "os-info-mismatch": "release-rejection.os-info-mismatch",
  "running-unknown": "release-rejection.running-unknown",
  "needs-minimum": "release-rejection.needs-minimum",
  downgrade: "release-rejection.downgrade",
} as const;
export type ReleaseRejectionCode = keyof typeof RELEASE_REJECTION_KEYS;

export interface ReleaseRejection {
  readonly version: string;
  readonly code: ReleaseRejectionCode;
  readonly params: ErrorParams;
}

/** A rejection as words: its catalog key with the release's version and the rule's values. */
export function rejectionMessage(rejection: ReleaseRejection): Message {
  return words(RELEASE_REJECTION_KEYS[rejection.code], { ...rejection.params, version: rejection.version });
}

/**
 * No release in the manifest may be installed on this device; `rejections` says why, release by release
 * (newest first). The message gives the first few reasons ("Version 2.0.0: …") and counts the rest.
 */
export class NoMatchingReleaseError extends ManifestFlowError {
  readonly rejections: readonly ReleaseRejection[];

  constructor(product: string, running: string | undefined, rejections: readonly ReleaseRejection[]) {
    const details = rejections.slice(0, SHOWN).map((rejection) => {
      const reason = rejectionMessage(rejection);
      return words("release-rejection.at", { ...reason.params, reasonKey: reason.key });
    });
    super(
      ManifestErrorCode.noMatchingRelease,
      { product, running, version: rejections[0]?.version, more: Math.max(0, rejections.length - SHOWN) },
      {
        variant: running === undefined ? "unknown-running" : undefined,
        hint: "no-matching-release",
        details,
      },
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
