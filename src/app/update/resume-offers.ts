// Interrupted uploads the app can offer to resume: each remembered session matched to the firmware file
// kept on this device that holds the same bytes. Pure matching, unit-tested.

import type { UploadSession } from "../../core/update/session-store.js";
import type { StoredFirmware } from "../storage/records.js";
import { percentOf } from "../../web/format.js";

export interface ResumeOffer {
  readonly session: UploadSession;
  /** The kept file with these bytes; undefined when it is gone (the offer can only be discarded). */
  readonly firmware: StoredFirmware | undefined;
  readonly version: string | undefined;
  readonly percent: number;
}

export function resumeOffers(
  sessions: readonly UploadSession[],
  saved: readonly StoredFirmware[],
): ResumeOffer[] {
  return sessions
    .filter((s) => s.offset < s.size)
    .map((session) => {
      const firmware = saved.find((f) => f.images.some((i) => i.sha256 === session.sha256));
      const image = firmware?.images.find((i) => i.sha256 === session.sha256);
      return {
        session,
        firmware,
        version: image?.version,
        // The same rounding as the progress bar, so the banner and the stopped upload agree.
        percent: percentOf(session.offset, session.size),
      };
    });
}
