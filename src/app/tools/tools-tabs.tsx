// Accessible tabs for the Tools panel (WAI-ARIA tabs pattern): arrow keys, Home and End move between tabs and
// select them; every panel stays mounted so a tab keeps its state (shell history, last readings) when hidden.

import { useId, useRef, useState, type KeyboardEvent, type ReactNode } from "react";

export interface ToolTab {
  readonly key: string;
  readonly label: string;
  /** `active`: the tab is shown (a screen stops polling while hidden). */
  readonly render: (active: boolean) => ReactNode;
}

export function ToolTabs(props: { readonly label: string; readonly tabs: readonly ToolTab[] }) {
  const { tabs } = props;
  const id = useId();
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  const buttons = useRef(new Map<string, HTMLButtonElement>());
  const selected = tabs.some((t) => t.key === chosen) ? chosen : tabs[0]?.key;

  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>, index: number) => {
    const last = tabs.length - 1;
    const target =
      event.key === "ArrowRight"
        ? (index + 1) % tabs.length
        : event.key === "ArrowLeft"
          ? (index + last) % tabs.length
          : event.key === "Home"
            ? 0
            : event.key === "End"
              ? last
              : undefined;
    if (target === undefined) return;
    event.preventDefault();
    const tab = tabs[target];
    if (!tab) return;
    setChosen(tab.key);
    buttons.current.get(tab.key)?.focus();
  };

  return (
    <div className="tools-tabs">
      <div role="tablist" aria-label={props.label} className="tools-tablist">
        {tabs.map((tab, index) => (
          <button
            key={tab.key}
            ref={(element) => {
              if (element) buttons.current.set(tab.key, element);
              else buttons.current.delete(tab.key);
            }}
            type="button"
            role="tab"
            id={`${id}-tab-${tab.key}`}
            aria-controls={`${id}-panel-${tab.key}`}
            aria-selected={tab.key === selected}
            tabIndex={tab.key === selected ? 0 : -1}
            className="tools-tab"
            onClick={() => setChosen(tab.key)}
            onKeyDown={(event) => onKeyDown(event, index)}
          >
            {tab.label}
          </button>
        ))}
      </div>
      {tabs.map((tab) => (
        <div
          key={tab.key}
          role="tabpanel"
          id={`${id}-panel-${tab.key}`}
          aria-labelledby={`${id}-tab-${tab.key}`}
          hidden={tab.key !== selected}
          tabIndex={0}
          className="tools-tabpanel"
        >
          {tab.render(tab.key === selected)}
        </div>
      ))}
    </div>
  );
}
