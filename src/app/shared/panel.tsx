// A titled section of the page. Each panel is a landmark region named by its heading, so screen-reader
// users can jump between "Connect", "Firmware", "Update" ... directly.

import type { ReactNode } from "react";

export function Panel(props: {
  readonly id: string;
  readonly title: string;
  readonly step?: number;
  readonly actions?: ReactNode;
  readonly children: ReactNode;
}) {
  const titleId = `${props.id}-title`;
  return (
    <section className="panel" id={props.id} aria-labelledby={titleId}>
      <header className="panel-head">
        <h2 id={titleId}>
          {props.step !== undefined && (
            <span className="step-number" aria-hidden="true">
              {props.step}
            </span>
          )}
          {props.title}
        </h2>
        {props.actions && <div className="panel-actions">{props.actions}</div>}
      </header>
      <div className="panel-body">{props.children}</div>
    </section>
  );
}
