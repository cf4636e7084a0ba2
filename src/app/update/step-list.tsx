// The steps of this run, each with its state, so the user always sees where the update is and what follows.

import { i18n } from "../../i18n/browser-i18n.js";
import type { StepStatus, StepView } from "./update-state.js";

const STATUS_TEXT: Readonly<Record<StepStatus, string>> = {
  pending: "app.step-list.status.pending",
  active: "app.step-list.status.active",
  done: "app.step-list.status.done",
  failed: "app.step-list.status.failed",
  skipped: "app.step-list.status.skipped",
};

const ICON: Readonly<Record<StepStatus, string>> = {
  pending: "○",
  active: "◐",
  done: "✓",
  failed: "✕",
  skipped: "–",
};

export function StepList(props: { readonly steps: readonly StepView[] }) {
  return (
    <ol className="steps" aria-label={i18n._("app.step-list.update-steps")}>
      {props.steps.map((step) => (
        <li
          key={step.step}
          className={`step step-${step.status}${step.troubled && step.status === "active" ? " step-troubled" : ""}`}
          aria-current={step.status === "active" ? "step" : undefined}
        >
          <span className="step-icon" aria-hidden="true">
            {ICON[step.status]}
          </span>
          <span className="step-label">{step.label}</span>
          <span className="visually-hidden">: {i18n._(STATUS_TEXT[step.status])}</span>
          {step.message && step.status !== "pending" && <span className="step-message">{step.message}</span>}
        </li>
      ))}
    </ol>
  );
}
