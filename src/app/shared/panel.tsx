// A titled section of the page. Each panel is a landmark region named by its heading, so screen-reader
// users can jump between "Connect", "Firmware", "Update" ... directly. Panels beside the task (device,
// keys, tools, history) fold: folded by default on a phone, so the task's steps come first.

import { useId, useState, type ReactNode } from "react";

/** Below this width the page is one column (see layout.css), and folding panels start folded. */
const NARROW_QUERY = "(max-width: 899px)";

function startsOpen(collapsible: boolean | undefined): boolean {
  if (!collapsible) return true;
  return typeof window.matchMedia !== "function" || !window.matchMedia(NARROW_QUERY).matches;
}

/** Moves focus to a panel's heading (focusable from code only), so "what comes next" is announced. */
export function focusPanel(id: string): void {
  const heading = document.getElementById(`${id}-title`);
  const target = heading?.querySelector<HTMLElement>("button") ?? heading;
  target?.focus({ preventScroll: true });
  document.getElementById(id)?.scrollIntoView({ block: "start" });
}

export function Panel(props: {
  readonly id: string;
  readonly title: string;
  readonly step?: number;
  readonly actions?: ReactNode;
  /** The panel can fold (a disclosure button in its heading); it starts folded on a phone. */
  readonly collapsible?: boolean;
  readonly children: ReactNode;
}) {
  const titleId = `${props.id}-title`;
  const bodyId = useId();
  const [open, setOpen] = useState(() => startsOpen(props.collapsible));
  return (
    <section className={`panel${open ? "" : " folded"}`} id={props.id} aria-labelledby={titleId}>
      <header className="panel-head">
        <h2 id={titleId} tabIndex={props.collapsible ? undefined : -1}>
          {props.step !== undefined && (
            <span className="step-number" aria-hidden="true">
              {props.step}
            </span>
          )}
          {props.collapsible ? (
            <button
              type="button"
              className="panel-toggle"
              aria-expanded={open}
              aria-controls={bodyId}
              onClick={() => setOpen((o) => !o)}
            >
              <span className="panel-toggle-mark" aria-hidden="true" />
              {props.title}
            </button>
          ) : (
            props.title
          )}
        </h2>
        {props.actions && open && <div className="panel-actions">{props.actions}</div>}
      </header>
      <div className="panel-body" id={bodyId} hidden={!open}>
        {props.children}
      </div>
    </section>
  );
}
