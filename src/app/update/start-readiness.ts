// Why Start is not possible yet, in one sentence; undefined when it is. Pure, unit-tested.

import { i18n } from "../../i18n/browser-i18n.js";
import type { GateVerdict } from "../firmware/send-gate.js";
import { maySend } from "../firmware/send-gate.js";

export interface Readiness {
  readonly connected: boolean;
  readonly hasImage: boolean;
  readonly verdict: GateVerdict | undefined;
  readonly overrideAccepted: boolean;
  readonly running: boolean;
  /** Connected, and the device panel is still reading the device (its identity goes into the audit). */
  readonly readingDevice?: boolean;
}

export function startBlocker(r: Readiness): string | undefined {
  if (r.running) return i18n._("app.start-readiness.update-running");
  if (!r.hasImage || !r.verdict) return i18n._("app.start-readiness.pick-firmware-file-step");
  if (r.verdict.kind === "refused") return i18n._("app.start-readiness.image-refused-verification-cannot");
  if (!maySend(r.verdict, r.overrideAccepted))
    return i18n._("app.start-readiness.image-untrusted-tick-override");
  if (!r.connected) return i18n._("app.start-readiness.connect-device-step-1");
  if (r.readingDevice) return i18n._("app.start-readiness.reading-device");
  return undefined;
}
