// The command history of an interactive shell view: up/down arrow recall like a terminal. Immutable values,
// so a UI keeps it in state; the line being typed is kept while browsing and comes back below the newest entry.

export interface ShellHistory {
  /** Oldest first; no empty lines, no immediate repeats. */
  readonly entries: readonly string[];
  /** Index into entries while browsing; entries.length when editing a new line. */
  readonly cursor: number;
  /** What was typed before browsing started. */
  readonly draft: string;
}

export const EMPTY_HISTORY: ShellHistory = { entries: [], cursor: 0, draft: "" };

/** Records a line that was run; browsing starts again from the bottom. */
export function rememberCommand(history: ShellHistory, line: string, limit = 200): ShellHistory {
  const trimmed = line.trim();
  const last = history.entries[history.entries.length - 1];
  const entries =
    trimmed === "" || trimmed === last ? history.entries : [...history.entries, trimmed].slice(-limit);
  return { entries, cursor: entries.length, draft: "" };
}

/** Up arrow: the previous line (stays on the oldest). `current` is the input's text now. */
export function recallOlder(history: ShellHistory, current: string): { history: ShellHistory; line: string } {
  if (history.entries.length === 0) return { history, line: current };
  const draft = history.cursor === history.entries.length ? current : history.draft;
  const cursor = Math.max(0, history.cursor - 1);
  return { history: { ...history, cursor, draft }, line: history.entries[cursor] ?? current };
}

/** Down arrow: the next line, and past the newest the line that was being typed. */
export function recallNewer(history: ShellHistory, current: string): { history: ShellHistory; line: string } {
  if (history.cursor >= history.entries.length) return { history, line: current };
  const cursor = history.cursor + 1;
  const line = cursor === history.entries.length ? history.draft : (history.entries[cursor] ?? "");
  return { history: { ...history, cursor }, line };
}
