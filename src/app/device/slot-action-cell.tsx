// The per-slot actions (Test, Confirm, Erase) offered by the safety rules in slot-actions.ts; erasing asks
// first, in the page, and says what is at stake when the slot is the way back or is marked to boot.

import { useState } from "react";
import type { SlotState } from "../../core/update/flow-types.js";
import type { SlotAction } from "../services/device.js";
import { errorText } from "../shared/error-text.js";
import { DEVICE_TEXT } from "./device-text.js";
import { slotActions } from "./slot-actions.js";

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
      .then(() => setStatus(DEVICE_TEXT.done[action](slot.version)))
      .catch((e: unknown) => setStatus(errorText(e)))
      .finally(() => setWorking(false));
  };
  if (offered.length === 0) return <span className="muted">—</span>;
  return (
    <div className="slot-actions">
      {asking && erase ? (
        <div
          role="alertdialog"
          aria-label={DEVICE_TEXT.eraseQuestion(slot.version, slot.slot)}
          className="notice warning"
        >
          <p>
            <strong>{DEVICE_TEXT.eraseQuestion(slot.version, slot.slot)}</strong> {erase.warning}
          </p>
          <div className="row-actions">
            <button
              type="button"
              className="button secondary small"
              autoFocus
              onClick={() => setAsking(false)}
            >
              {DEVICE_TEXT.eraseNo}
            </button>
            <button type="button" className="button danger small" onClick={() => run("erase")}>
              {DEVICE_TEXT.eraseYes}
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
              title={DEVICE_TEXT.actionHelp[action]}
              aria-label={DEVICE_TEXT.actionLabel(
                DEVICE_TEXT.action[action].replace("…", ""),
                slot.version,
                slot.slot,
              )}
              onClick={() => (action === "erase" ? setAsking(true) : run(action))}
            >
              {DEVICE_TEXT.action[action]}
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
