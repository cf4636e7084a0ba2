// Stored upload sessions and link profiles are outside input (IndexedDB, a JSON file anyone can edit): only
// well-formed profiles are read back, and the in-memory store keeps sessions per upload hash, newest first.
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  MemorySessionStore,
  parseLinkProfile,
  parseLinkProfiles,
  type UploadSession,
} from "../../../src/core/update/session-store.js";

const AT = "2026-12-05T10:00:00.000Z";

describe("parseLinkProfile", () => {
  test("reads a profile with and without the short-request lines", () => {
    expect(parseLinkProfile({ windowLimit: 3, updatedAt: AT })).toEqual({ windowLimit: 3, updatedAt: AT });
    expect(parseLinkProfile({ windowLimit: 1, pipelinedLines: 2, updatedAt: AT, extra: true })).toEqual({
      windowLimit: 1,
      pipelinedLines: 2,
      updatedAt: AT,
    });
    expect(parseLinkProfile({ windowLimit: 1, pipelinedLines: 0, updatedAt: AT })).toMatchObject({
      pipelinedLines: 0,
    });
  });

  test.each([
    ["not an object", "3"],
    ["null", null],
    ["no window", { updatedAt: AT }],
    ["a window of 0", { windowLimit: 0, updatedAt: AT }],
    ["a fractional window", { windowLimit: 1.5, updatedAt: AT }],
    ["a window in text", { windowLimit: "2", updatedAt: AT }],
    ["an unsafe window", { windowLimit: 2 ** 53, updatedAt: AT }],
    ["no time", { windowLimit: 2 }],
    ["a time as a number", { windowLimit: 2, updatedAt: 5 }],
    ["negative lines", { windowLimit: 1, pipelinedLines: -1, updatedAt: AT }],
    ["fractional lines", { windowLimit: 1, pipelinedLines: 0.5, updatedAt: AT }],
    ["lines in text", { windowLimit: 1, pipelinedLines: "2", updatedAt: AT }],
    ["null lines", { windowLimit: 1, pipelinedLines: null, updatedAt: AT }],
  ])("refuses %s", (_what, value) => {
    expect(parseLinkProfile(value)).toBeUndefined();
  });

  test("property: anything it returns is a well-formed profile carrying the input's own values", () => {
    fc.assert(
      fc.property(
        fc.record(
          {
            windowLimit: fc.oneof(fc.integer({ min: -2, max: 40 }), fc.double(), fc.string()),
            pipelinedLines: fc.oneof(fc.integer({ min: -2, max: 8 }), fc.constant(null), fc.string()),
            updatedAt: fc.oneof(fc.string(), fc.integer()),
          },
          { requiredKeys: [] },
        ),
        (value) => {
          const profile = parseLinkProfile(value);
          if (!profile) return;
          expect(Number.isSafeInteger(profile.windowLimit) && profile.windowLimit >= 1).toBe(true);
          expect(profile.windowLimit).toBe(value.windowLimit);
          expect(profile.updatedAt).toBe(value.updatedAt);
          if (profile.pipelinedLines !== undefined) expect(profile.pipelinedLines).toBe(value.pipelinedLines);
          else expect("pipelinedLines" in value && value.pipelinedLines !== undefined).toBe(false);
        },
      ),
      { numRuns: 300, seed: 0x5e55 },
    );
  });
});

describe("parseLinkProfiles", () => {
  test("keeps the well-formed entries of a device → profile map and drops the rest", () => {
    expect(
      parseLinkProfiles({
        "/dev/ttyACM0": { windowLimit: 1, pipelinedLines: 2, updatedAt: AT },
        "USB 2fe3:0100": { windowLimit: 0, updatedAt: AT },
        "nRF52 DK": { windowLimit: 4, updatedAt: AT },
      }),
    ).toEqual({
      "/dev/ttyACM0": { windowLimit: 1, pipelinedLines: 2, updatedAt: AT },
      "nRF52 DK": { windowLimit: 4, updatedAt: AT },
    });
  });

  test("anything but a plain object is an empty map", () => {
    for (const value of [undefined, null, 3, "x", [{ windowLimit: 1, updatedAt: AT }]]) {
      expect(parseLinkProfiles(value)).toEqual({});
    }
  });
});

describe("MemorySessionStore", () => {
  const session = (sha256: string, updatedAt: string, offset = 0): UploadSession => ({
    sha256,
    imageHash: `h-${sha256}`,
    imageNumber: 0,
    size: 1000,
    device: "sim",
    offset,
    updatedAt,
  });

  test("keeps one session per upload hash, lists newest first, and forgets a cleared one", async () => {
    const store = new MemorySessionStore();
    await store.save(session("a", "2026-12-05T10:00:00.000Z"));
    await store.save(session("b", "2026-12-05T12:00:00.000Z"));
    await store.save(session("c", "2026-12-05T11:00:00.000Z"));
    await store.save(session("a", "2026-12-05T09:00:00.000Z", 512));
    expect((await store.list()).map((s) => s.sha256)).toEqual(["b", "c", "a"]);
    expect(await store.load("a")).toMatchObject({ offset: 512 });
    await store.clear("b");
    expect(await store.load("b")).toBeUndefined();
    expect((await store.list()).map((s) => s.sha256)).toEqual(["c", "a"]);
  });

  test("remembers a link profile per device", async () => {
    const store = new MemorySessionStore();
    expect(await store.loadLinkProfile("sim")).toBeUndefined();
    await store.saveLinkProfile("sim", { windowLimit: 2, updatedAt: AT });
    expect(await store.loadLinkProfile("sim")).toEqual({ windowLimit: 2, updatedAt: AT });
    expect(await store.loadLinkProfile("other")).toBeUndefined();
  });
});
