import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  EMPTY_HISTORY,
  type ShellHistory,
  recallNewer,
  recallOlder,
  rememberCommand,
} from "../../../src/core/device-tools/index.js";

function remember(...lines: string[]): ShellHistory {
  return lines.reduce((h, line) => rememberCommand(h, line), EMPTY_HISTORY);
}

describe("shell history", () => {
  test("up recalls older lines and stops at the oldest; down comes back to what was typed", () => {
    let h = remember("kernel version", "help");
    let step = recallOlder(h, "ker");
    expect(step.line).toBe("help");
    step = recallOlder(step.history, step.line);
    expect(step.line).toBe("kernel version");
    step = recallOlder(step.history, step.line);
    expect(step.line).toBe("kernel version");
    step = recallNewer(step.history, step.line);
    expect(step.line).toBe("help");
    step = recallNewer(step.history, step.line);
    expect(step.line).toBe("ker");
    step = recallNewer(step.history, step.line);
    expect(step.line).toBe("ker");
    h = step.history;
    expect(h.cursor).toBe(2);
  });

  test("empty lines and immediate repeats are not stored; the limit keeps the newest", () => {
    expect(remember("a", "", "  ", "a", "b", "a").entries).toEqual(["a", "b", "a"]);
    const many = Array.from({ length: 5 }, (_, i) => `c${i}`).reduce(
      (h, l) => rememberCommand(h, l, 3),
      EMPTY_HISTORY,
    );
    expect(many.entries).toEqual(["c2", "c3", "c4"]);
  });

  test("an empty history leaves the line alone", () => {
    expect(recallOlder(EMPTY_HISTORY, "x").line).toBe("x");
    expect(recallNewer(EMPTY_HISTORY, "x").line).toBe("x");
  });

  test("property: going up n times then down n times returns to the typed line", () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { maxLength: 10 }), fc.string(), fc.nat(15), (lines, typed, n) => {
        let h = remember(...lines);
        let line = typed;
        for (let i = 0; i < n; i++) ({ history: h, line } = recallOlder(h, line));
        for (let i = 0; i < n; i++) ({ history: h, line } = recallNewer(h, line));
        expect(line).toBe(typed);
      }),
    );
  });
});
