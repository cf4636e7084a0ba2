// "An upload was interrupted": shown after a reload or a dropped link, with the file to pick it up again.

import { i18n } from "../../i18n/browser-i18n.js";
import { useCallback, useEffect, useState } from "react";
import type { UploadSession } from "../../core/update/session-store.js";
import type { StoredFirmware } from "../storage/records.js";
import { uploadSessions } from "../storage/upload-session-store.js";
import { formatTimestamp } from "../../web/format.js";
import { resumeOffers } from "./resume-offers.js";

export function ResumeOfferList(props: {
  readonly saved: readonly StoredFirmware[];
  /** Changes whenever a run ends, so the list is read again. */
  readonly generation: number;
  readonly disabled: boolean;
  /** The file open in the firmware step, if any: its offer only says to press Start. */
  readonly openFirmwareId: string | undefined;
  readonly onOpen: (firmwareId: string) => void;
}) {
  const [sessions, setSessions] = useState<readonly UploadSession[]>([]);
  const reload = useCallback(() => {
    uploadSessions
      .list()
      .then(setSessions)
      .catch(() => setSessions([]));
  }, []);
  useEffect(reload, [reload, props.generation]);

  const offers = resumeOffers(sessions, props.saved);
  if (offers.length === 0) return null;
  return (
    <div
      className="resume-offers"
      role="region"
      aria-label={i18n._("app.resume-offer-list.interrupted-uploads")}
    >
      {offers.map((offer) => (
        <div key={offer.session.sha256} className="notice info resume-offer">
          <p>
            {i18n._("app.resume-offer-list.offer", {
              file: offer.firmware?.name ?? i18n._("app.resume-offer-list.a-firmware-image"),
              version: offer.version ?? "",
              device: offer.session.device,
              percent: offer.percent,
              when: formatTimestamp(offer.session.updatedAt),
            })}{" "}
            {offer.firmware && offer.firmware.id === props.openFirmwareId
              ? i18n._("app.resume-offer-list.file-open")
              : offer.firmware
                ? i18n._("app.resume-offer-list.open-file-connect-same")
                : i18n._("app.resume-offer-list.file-no-longer-kept")}
          </p>
          <div className="row-actions">
            {offer.firmware && offer.firmware.id !== props.openFirmwareId && (
              <button
                type="button"
                className="button primary small"
                disabled={props.disabled}
                onClick={() => offer.firmware && props.onOpen(offer.firmware.id)}
              >
                {i18n._("app.resume-offer-list.open-firmware")}
              </button>
            )}
            <button
              type="button"
              className="button ghost small"
              disabled={props.disabled}
              onClick={() => void uploadSessions.clear(offer.session.sha256).then(reload)}
            >
              {i18n._("app.resume-offer-list.discard")}
            </button>
          </div>
        </div>
      ))}
    </div>
  );
}
