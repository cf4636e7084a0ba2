// The flow's question, in the Update panel where the user is looking: what it wants to do, and two plain
// answers. Focus moves to it so a keyboard or screen-reader user meets it at once.

import { i18n } from "../../i18n/browser-i18n.js";
import { useEffect, useId, useRef } from "react";

export function ConsentPrompt(props: {
  readonly question: string;
  readonly onAnswer: (agreed: boolean) => void;
}) {
  const titleId = useId();
  const textId = useId();
  const first = useRef<HTMLButtonElement>(null);
  useEffect(() => first.current?.focus(), [props.question]);

  return (
    <div
      role="alertdialog"
      aria-labelledby={titleId}
      aria-describedby={textId}
      className="notice warning consent-prompt"
      data-testid="consent-prompt"
    >
      <strong id={titleId}>{i18n._("app.consent-prompt.update-needs-answer")}</strong>
      <p id={textId}>{props.question}</p>
      <div className="update-actions">
        <button ref={first} type="button" className="button secondary" onClick={() => props.onAnswer(false)}>
          {i18n._("app.consent-prompt.no-stop-update")}
        </button>
        <button type="button" className="button danger" onClick={() => props.onAnswer(true)}>
          {i18n._("app.consent-prompt.yes-erase")}
        </button>
      </div>
    </div>
  );
}
