// The device's image slots as it reports them. On a phone each row becomes a card (CSS), with the column
// name repeated next to each value so nothing depends on seeing the header row.

import { i18n } from "../../i18n/browser-i18n.js";
import type { SlotState } from "../../core/update/flow-types.js";
import type { SlotAction } from "../services/device.js";
import { CopyValue } from "../shared/copy-button.js";
import { SlotActionCell } from "./slot-action-cell.js";

const FLAGS = ["active", "confirmed", "pending", "permanent", "bootable"] as const;

const FLAG_HELP: Readonly<Record<(typeof FLAGS)[number], string>> = {
  active: "app.slots-table.flag.active",
  confirmed: "app.slots-table.flag.confirmed",
  pending: "app.slots-table.flag.pending",
  permanent: "app.slots-table.flag.permanent",
  bootable: "app.slots-table.flag.bootable",
};

/** The badge's word for the flag; FLAG_HELP says what it means. */
const FLAG_NAME: Readonly<Record<(typeof FLAGS)[number], string>> = {
  active: "app.slots-table.badge.active",
  confirmed: "app.slots-table.badge.confirmed",
  pending: "app.slots-table.badge.pending",
  permanent: "app.slots-table.badge.permanent",
  bootable: "app.slots-table.badge.bootable",
};

export function SlotsTable(props: {
  readonly slots: readonly SlotState[];
  /** Per-slot Test/Confirm/Erase; without it the table only lists. */
  readonly onAction?: (action: SlotAction, slot: SlotState) => Promise<void>;
  readonly disabled?: boolean;
}) {
  const onAction = props.onAction;
  if (props.slots.length === 0)
    return <p className="empty">{i18n._("app.slots-table.device-reports-no-images")}</p>;
  return (
    <table className="slots">
      <caption className="visually-hidden">{i18n._("app.slots-table.image-slots")}</caption>
      <thead>
        <tr>
          <th scope="col">{i18n._("app.slots-table.image")}</th>
          <th scope="col">{i18n._("app.slots-table.slot")}</th>
          <th scope="col">{i18n._("app.verification-report.version")}</th>
          <th scope="col">{i18n._("app.files-tab.hash")}</th>
          <th scope="col">{i18n._("app.os-tab.state")}</th>
          {onAction && <th scope="col">{i18n._("app.slot-action-cell.actions")}</th>}
        </tr>
      </thead>
      <tbody>
        {props.slots.map((slot) => (
          <tr key={`${slot.image}-${slot.slot}`} className={slot.active ? "active-row" : undefined}>
            <td data-label={i18n._("app.slots-table.image")}>{slot.image}</td>
            <td data-label={i18n._("app.slots-table.slot")}>
              {slot.slot === 0
                ? i18n._("app.slots-table.0-primary")
                : slot.slot === 1
                  ? i18n._("app.slots-table.1-secondary")
                  : slot.slot}
            </td>
            <td data-label={i18n._("app.verification-report.version")}>
              <strong>{slot.version}</strong>
            </td>
            <td data-label={i18n._("app.files-tab.hash")}>
              <CopyValue
                value={slot.hash}
                length={8}
                label={i18n._("app.slots-table.hash-of-image-slot", { image: slot.image, slot: slot.slot })}
              />
            </td>
            <td data-label={i18n._("app.os-tab.state")}>
              <span className="badges">
                {FLAGS.filter((flag) => slot[flag]).map((flag) => (
                  <span key={flag} className={`badge flag-${flag}`} title={i18n._(FLAG_HELP[flag])}>
                    {i18n._(FLAG_NAME[flag])}
                  </span>
                ))}
                {FLAGS.every((flag) => !slot[flag]) && <span className="muted">—</span>}
              </span>
            </td>
            {onAction && (
              <td data-label={i18n._("app.slot-action-cell.actions")}>
                <SlotActionCell slot={slot} disabled={props.disabled ?? false} onAction={onAction} />
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
