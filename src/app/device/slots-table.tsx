// The device's image slots as it reports them. On a phone each row becomes a card (CSS), with the column
// name repeated next to each value so nothing depends on seeing the header row.

import type { SlotState } from "../../core/update/flow-types.js";
import type { SlotAction } from "../services/device.js";
import { CopyValue } from "../shared/copy-button.js";
import { DEVICE_TEXT } from "./device-text.js";
import { SlotActionCell } from "./slot-action-cell.js";

const FLAGS = ["active", "confirmed", "pending", "permanent", "bootable"] as const;

const FLAG_HELP: Readonly<Record<(typeof FLAGS)[number], string>> = {
  active: "running now",
  confirmed: "kept across resets",
  pending: "will be tried at the next reset",
  permanent: "will be kept at the next reset without a test",
  bootable: "MCUboot can boot it",
};

export function SlotsTable(props: {
  readonly slots: readonly SlotState[];
  /** Per-slot Test/Confirm/Erase; without it the table only lists. */
  readonly onAction?: (action: SlotAction, slot: SlotState) => Promise<void>;
  readonly disabled?: boolean;
}) {
  const onAction = props.onAction;
  if (props.slots.length === 0) return <p className="empty">The device reports no images.</p>;
  return (
    <table className="slots">
      <caption className="visually-hidden">Image slots</caption>
      <thead>
        <tr>
          <th scope="col">Image</th>
          <th scope="col">Slot</th>
          <th scope="col">Version</th>
          <th scope="col">Hash</th>
          <th scope="col">State</th>
          {onAction && <th scope="col">{DEVICE_TEXT.actions}</th>}
        </tr>
      </thead>
      <tbody>
        {props.slots.map((slot) => (
          <tr key={`${slot.image}-${slot.slot}`} className={slot.active ? "active-row" : undefined}>
            <td data-label="Image">{slot.image}</td>
            <td data-label="Slot">
              {slot.slot === 0 ? "0 (primary)" : slot.slot === 1 ? "1 (secondary)" : slot.slot}
            </td>
            <td data-label="Version">
              <strong>{slot.version}</strong>
            </td>
            <td data-label="Hash">
              <CopyValue
                value={slot.hash}
                length={8}
                label={`hash of image ${slot.image} slot ${slot.slot}`}
              />
            </td>
            <td data-label="State">
              <span className="badges">
                {FLAGS.filter((flag) => slot[flag]).map((flag) => (
                  <span key={flag} className={`badge flag-${flag}`} title={FLAG_HELP[flag]}>
                    {flag}
                  </span>
                ))}
                {FLAGS.every((flag) => !slot[flag]) && <span className="muted">—</span>}
              </span>
            </td>
            {onAction && (
              <td data-label={DEVICE_TEXT.actions}>
                <SlotActionCell slot={slot} disabled={props.disabled ?? false} onAction={onAction} />
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
