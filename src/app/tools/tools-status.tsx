// How a tool action's outcome is shown: a polite status while it runs, and the error's sentence as an alert.

import { i18n } from "../../i18n/browser-i18n.js";
import type { ReactNode } from "react";
import type { ActionState } from "./use-tool-action.js";

export function ActionStatus<T>(props: { readonly state: ActionState<T>; readonly busyText?: string }) {
  const { state } = props;
  if (state.status === "error") {
    return (
      <p className="tools-error" role="alert">
        {state.message}
      </p>
    );
  }
  return (
    <p className="tools-status" role="status">
      {state.status === "busy" ? (props.busyText ?? i18n._("app.tools-status.waiting-device")) : ""}
    </p>
  );
}

/** A titled block inside a tab. */
export function ToolSection(props: {
  readonly title: string;
  readonly children: ReactNode;
  readonly actions?: ReactNode;
}) {
  return (
    <section className="tools-section">
      <div className="tools-section-head">
        <h3>{props.title}</h3>
        {props.actions && <div className="tools-actions">{props.actions}</div>}
      </div>
      {props.children}
    </section>
  );
}
