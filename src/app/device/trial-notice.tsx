// An image running on trial (booted for a test, not yet confirmed) goes back to the previous one at the next
// reset, and keeps the device's other slot busy until then. Say so next to the slots, and offer the one
// click that keeps it. Confirms by the hash the device listed, so nothing else can be confirmed by mistake.

import { i18n } from "../../i18n/browser-i18n.js";
import { useState } from "react";
import type { SlotState } from "../../core/update/flow-types.js";
import { errorText } from "../shared/error-text.js";

export function TrialNotice(props: {
  readonly slots: readonly SlotState[];
  readonly disabled: boolean;
  readonly onKeep: (hash: string) => Promise<void>;
}) {
  const [status, setStatus] = useState<string | undefined>();
  const [working, setWorking] = useState(false);
  const trial = props.slots.find((s) => s.active && !s.confirmed && s.hash !== "");
  // Once kept, the notice goes; the outcome stays, so the click visibly did something.
  if (!trial) {
    return status ? (
      <p className="muted" role="status" data-testid="trial-notice-result">
        {status}
      </p>
    ) : null;
  }
  const fallback = props.slots.find((s) => s.image === trial.image && !s.active && s.confirmed);

  const keep = async () => {
    setWorking(true);
    setStatus(undefined);
    try {
      await props.onKeep(trial.hash);
      setStatus(i18n._("app.trial-notice.kept-stays-after-reset", { trialVersion: trial.version }));
    } catch (error) {
      setStatus(errorText(error));
    } finally {
      setWorking(false);
    }
  };

  return (
    <div className="notice warning trial-notice" data-testid="trial-notice">
      <p>
        <strong>{i18n._("app.trial-notice.version-running-trial", { trialVersion: trial.version })}</strong>{" "}
        {fallback
          ? i18n._("app.trial-notice.next-reset-goes-back", { fallbackVersion: fallback.version })
          : i18n._("app.trial-notice.next-reset-may-go")}{" "}
        {i18n._("app.trial-notice.keep-once-you-know")}
      </p>
      <button
        type="button"
        className="button secondary"
        disabled={props.disabled || working}
        onClick={() => void keep()}
      >
        {working
          ? i18n._("app.trial-notice.keeping")
          : i18n._("app.trial-notice.keep", { trialVersion: trial.version })}
      </button>
      {status && (
        <p className="muted" role="status">
          {status}
        </p>
      )}
    </div>
  );
}
