// The per-slot actions (Test, Confirm, Erase) offered by the safety rules in slot-actions.ts; erasing asks
// first, in the page, and says what is at stake when the slot is the way back or is marked to boot.

import { useState } from "react";
import type { SlotState } from "../../core/update/flow-types.js";
import type { SlotAction } from "../services/device.js";
import { errorText } from "../shared/error-text.js";
import { i18n } from "../../i18n/browser-i18n.js";
import { slotActions } from "./slot-actions.js";

const WORDS: Readonly<Record<SlotAction, { name: string; label: string; help: string; done: string }>> = {
  test: {
    name: "app.slot-action-cell.action.test",
    label: "app.slot-action-cell.label.test",
    help: "app.slot-action-cell.help.test",
    done: "app.slot-action-cell.done.test",
  },
  confirm: {
    name: "app.slot-action-cell.action.confirm",
    label: "app.slot-action-cell.label.confirm",
    help: "app.slot-action-cell.help.confirm",
    done: "app.slot-action-cell.done.confirm",
  },
  erase: {
    name: "app.slot-action-cell.action.erase",
    label: "app.slot-action-cell.label.erase",
    help: "app.slot-action-cell.help.erase",
    done: "app.slot-action-cell.done.erase",
  },
};

export function SlotActionCell(props: {
  readonly slot: SlotState;
  readonly disabled: boolean;
  readonly onAction: (action: SlotAction, slot: SlotState) => Promise<void>;
}) {
  const { slot } = props;
  const [asking, setAsking] = useState(false);
  const [status, setStatus] = useState<string | undefined>();
  const [working, setWorking] = useState(false);
  const offered = slotActions(slot);
  const erase = offered.find((o) => o.action === "erase");
  const run = (action: SlotAction) => {
    setAsking(false);
    setWorking(true);
    props
      .onAction(action, slot)
      .then(() => setStatus(i18n._(WORDS[action].done, { version: slot.version })))
      .catch((e: unknown) => setStatus(errorText(e)))
      .finally(() => setWorking(false));
  };
  if (offered.length === 0) return <span className="muted">—</span>;
  const question = i18n._("app.slot-action-cell.erase-question", { version: slot.version, slot: slot.slot });
  return (
    <div className="slot-actions">
      {asking && erase ? (
        <div role="alertdialog" aria-label={question} className="notice warning">
          <p>
            <strong>{question}</strong> {erase.warning}
          </p>
          <div className="row-actions">
            <button
              type="button"
              className="button secondary small"
              autoFocus
              onClick={() => setAsking(false)}
            >
              {i18n._("app.slot-action-cell.erase-no")}
            </button>
            <button type="button" className="button danger small" onClick={() => run("erase")}>
              {i18n._("app.slot-action-cell.erase-yes")}
            </button>
          </div>
        </div>
      ) : (
        <div className="row-actions">
          {offered.map(({ action }) => (
            <button
              key={action}
              type="button"
              className="button secondary small"
              disabled={props.disabled || working}
              title={i18n._(WORDS[action].help)}
              aria-label={i18n._(WORDS[action].label, { version: slot.version, slot: slot.slot })}
              onClick={() => (action === "erase" ? setAsking(true) : run(action))}
            >
              {i18n._(WORDS[action].name)}
            </button>
          ))}
        </div>
      )}
      {status && (
        <p className="muted" role="status">
          {status}
        </p>
      )}
    </div>
  );
}
