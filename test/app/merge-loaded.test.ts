// A stored list read at start that comes back after the user added to it: nothing added meanwhile is lost,
// nothing is listed twice, and the copy in memory (newer) wins over the stored one.

import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { mergeLoaded } from "../../src/app/storage/merge-loaded.js";

const entry = (id: string, v: number) => ({ id, v });

describe("mergeLoaded", () => {
  test("keys (oldest first): stored ones, then those added meanwhile", () => {
    const stored = [entry("a", 1), entry("b", 1)];
    const inMemory = [entry("c", 2)];
    expect(mergeLoaded(stored, inMemory, "oldest-first")).toEqual([
      entry("a", 1),
      entry("b", 1),
      entry("c", 2),
    ]);
  });

  test("history (newest first): the run recorded meanwhile on top, its stored start record replaced", () => {
    const stored = [entry("run-2", 0), entry("run-1", 1)];
    const inMemory = [entry("run-3", 3), entry("run-2", 2)];
    expect(mergeLoaded(stored, inMemory, "newest-first")).toEqual([
      entry("run-3", 3),
      entry("run-2", 2),
      entry("run-1", 1),
    ]);
  });

  test("property: every id once, the memory's copy wins, stored order kept", () => {
    const list = fc.uniqueArray(fc.record({ id: fc.constantFrom(..."abcdefgh"), v: fc.nat(9) }), {
      selector: (e) => e.id,
      maxLength: 8,
    });
    fc.assert(
      fc.property(
        list,
        list,
        fc.constantFrom("oldest-first" as const, "newest-first" as const),
        (stored, mem, order) => {
          const merged = mergeLoaded(stored, mem, order);
          const ids = merged.map((e) => e.id);
          expect(new Set(ids).size).toBe(ids.length);
          expect(new Set(ids)).toEqual(new Set([...stored, ...mem].map((e) => e.id)));
          for (const m of mem) expect(merged.find((e) => e.id === m.id)).toBe(m);
          const storedIds = stored.map((e) => e.id);
          expect(ids.filter((id) => storedIds.includes(id))).toEqual(storedIds);
        },
      ),
    );
  });
});
