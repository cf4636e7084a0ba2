// Shell: a simple terminal onto the device's shell over SMP. Each command line runs once and shows what it
// printed and, when not 0, its return code; up and down arrows recall earlier lines.

import { i18n } from "../../i18n/browser-i18n.js";
import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from "react";
import {
  EMPTY_HISTORY,
  plainShellOutput,
  recallNewer,
  recallOlder,
  rememberCommand,
  runShellCommand,
} from "../../core/device-tools/index.js";
import type { SmpClient } from "../../core/smp/index.js";
import { errorText, isAbort } from "../shared/error-text.js";

interface Entry {
  readonly id: number;
  readonly line: string;
  readonly output?: string;
  readonly returnCode?: number;
  readonly error?: string;
}

export function ShellTab(props: { readonly client: SmpClient }) {
  const id = useId();
  const [entries, setEntries] = useState<readonly Entry[]>([]);
  const [line, setLine] = useState("");
  const [history, setHistory] = useState(EMPTY_HISTORY);
  const [busy, setBusy] = useState(false);
  const nextId = useRef(0);
  const log = useRef<HTMLDivElement>(null);
  const controller = useRef<AbortController | undefined>(undefined);

  useEffect(() => () => controller.current?.abort(), []);
  useEffect(() => {
    const element = log.current;
    if (element) element.scrollTop = element.scrollHeight;
  }, [entries]);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const command = line.trim();
    if (command === "" || busy) return;
    setHistory((h) => rememberCommand(h, command));
    setLine("");
    setBusy(true);
    const own = new AbortController();
    controller.current = own;
    const entryId = nextId.current++;
    try {
      const result = await runShellCommand(props.client, command, { signal: own.signal });
      setEntries((list) => [
        ...list,
        {
          id: entryId,
          line: command,
          output: plainShellOutput(result.output),
          returnCode: result.returnCode,
        },
      ]);
    } catch (error) {
      if (!isAbort(error))
        setEntries((list) => [...list, { id: entryId, line: command, error: errorText(error) }]);
    } finally {
      if (controller.current === own) controller.current = undefined;
      setBusy(false);
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== "ArrowUp" && event.key !== "ArrowDown") return;
    event.preventDefault();
    const step = event.key === "ArrowUp" ? recallOlder(history, line) : recallNewer(history, line);
    setHistory(step.history);
    setLine(step.line);
  };

  return (
    <div className="tools-stack">
      <div
        ref={log}
        className="tools-terminal"
        role="log"
        aria-live="polite"
        aria-label={i18n._("app.shell-tab.shell-output")}
        tabIndex={0}
      >
        {entries.length === 0 && <p className="tools-muted">{i18n._("app.shell-tab.run-command-e-g")}</p>}
        {entries.map((entry) => (
          <div key={entry.id} className="tools-terminal-entry">
            <div className="tools-terminal-line">
              <span aria-hidden="true">$ </span>
              {entry.line}
            </div>
            {entry.output !== undefined && <pre>{entry.output.replace(/^\n/, "")}</pre>}
            {entry.returnCode !== undefined && entry.returnCode !== 0 && (
              <div className="tools-terminal-rc">
                {i18n._("app.shell-tab.returned", { returnCode: entry.returnCode })}
              </div>
            )}
            {entry.error !== undefined && <div className="tools-error">{entry.error}</div>}
          </div>
        ))}
      </div>
      <form className="tools-form tools-shell-form" onSubmit={(e) => void onSubmit(e)}>
        <div className="tools-field tools-grow">
          <label htmlFor={`${id}-command`}>{i18n._("app.shell-tab.command")}</label>
          <input
            id={`${id}-command`}
            className="tools-mono"
            value={line}
            onChange={(e) => setLine(e.target.value)}
            onKeyDown={onKeyDown}
            autoComplete="off"
            autoCapitalize="off"
            spellCheck={false}
            aria-describedby={`${id}-hint`}
          />
        </div>
        <div className="tools-actions">
          <button type="submit" className="tools-button primary" disabled={busy || line.trim() === ""}>
            {busy ? i18n._("app.shell-tab.running") : i18n._("app.shell-tab.run")}
          </button>
          <button
            type="button"
            className="tools-button"
            disabled={entries.length === 0}
            onClick={() => setEntries([])}
          >
            {i18n._("app.history-panel.clear")}
          </button>
        </div>
      </form>
      <p id={`${id}-hint`} className="tools-muted">
        {i18n._("app.shell-tab.up-down-arrows-recall")}
      </p>
    </div>
  );
}
