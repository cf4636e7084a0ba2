// Cancelling asks first, in the page: a stray tap or Enter must not throw away an upload. The safe answer
// comes first and takes focus, so a second press of the same key keeps the update going.

import { useEffect, useId, useRef } from "react";
import { i18n } from "../../i18n/browser-i18n.js";

export function CancelQuestion(props: {
  readonly uploading: boolean;
  readonly onKeep: () => void;
  readonly onStop: () => void;
}) {
  const titleId = useId();
  const textId = useId();
  const keep = useRef<HTMLButtonElement>(null);
  useEffect(() => keep.current?.focus(), []);

  return (
    <div
      role="alertdialog"
      aria-labelledby={titleId}
      aria-describedby={textId}
      className="notice warning consent-prompt"
      onKeyDown={(e) => {
        if (e.key === "Escape") props.onKeep();
      }}
    >
      <strong id={titleId}>{i18n._("app.cancel-question.question")}</strong>
      <p id={textId}>
        {props.uploading
          ? i18n._("app.cancel-question.detail-upload")
          : i18n._("app.cancel-question.detail-later")}
      </p>
      <div className="update-actions">
        <button ref={keep} type="button" className="button primary" onClick={props.onKeep}>
          {i18n._("app.cancel-question.keep-updating")}
        </button>
        <button type="button" className="button danger" onClick={props.onStop}>
          {i18n._("app.cancel-question.stop-update")}
        </button>
      </div>
    </div>
  );
}
