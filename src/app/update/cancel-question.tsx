// Cancelling asks first, in the page: a stray tap or Enter must not throw away an upload. The safe answer
// comes first and takes focus, so a second press of the same key keeps the update going.

import { useEffect, useId, useRef } from "react";
import { UPDATE_TEXT } from "./update-text.js";

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
      <strong id={titleId}>{UPDATE_TEXT.cancelQuestion}</strong>
      <p id={textId}>{props.uploading ? UPDATE_TEXT.cancelDetailUpload : UPDATE_TEXT.cancelDetailLater}</p>
      <div className="update-actions">
        <button ref={keep} type="button" className="button primary" onClick={props.onKeep}>
          {UPDATE_TEXT.keepUpdating}
        </button>
        <button type="button" className="button danger" onClick={props.onStop}>
          {UPDATE_TEXT.stopUpdate}
        </button>
      </div>
    </div>
  );
}
