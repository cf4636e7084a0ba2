import { expect, test } from "vitest";
import fc from "fast-check";
import { offlinePlan, parseManifest, upgradePath } from "../../../src/core/manifest/index.js";

const BASE = "https://vendor.example/fw/manifest.json";
const HASH = "a".repeat(64);

type Spec = { version: string; min?: string; board?: string; size?: number };

function manifestOf(releases: readonly Spec[]) {
  return parseManifest(
    {
      schemaVersion: 1,
      product: "Acme Sensor",
      keys: [{ name: "k", url: "k.pem" }],
      match: { bluetooth: [{ namePrefix: "Acme" }] },
      update: { mode: "test-and-confirm" },
      releases: releases.map((r) => ({
        version: r.version,
        ...(r.min || r.board
          ? {
              requires: {
                ...(r.min ? { minimumVersion: r.min } : {}),
                ...(r.board ? { board: r.board } : {}),
              },
            }
          : {}),
        images: [{ image: 0, url: `app-${r.version}.bin`, sha256: HASH, size: r.size ?? 1000 }],
      })),
    },
    BASE,
  );
}

const versions = (specs: Spec[]) => upgradePath(manifestOf(specs)).map((r) => r.version);

test("without minimum versions only the newest release is on the path", () => {
  expect(versions([{ version: "1.0.0" }, { version: "1.1.0" }, { version: "1.2.0" }])).toEqual(["1.2.0"]);
});

test("a release that requires an older one first keeps that one too, and only the one a device would get", () => {
  expect(versions([{ version: "1.0.0" }, { version: "1.1.0" }, { version: "1.2.0", min: "1.1.0" }])).toEqual([
    "1.2.0",
    "1.1.0",
  ]);
  // 1.2.5 needs 1.2.0 like 1.3.0 does: no device gets 1.2.5 any more.
  expect(
    versions([
      { version: "1.0.0" },
      { version: "1.2.5", min: "1.2.0" },
      { version: "1.2.0" },
      { version: "1.3.0", min: "1.2.0" },
    ]),
  ).toEqual(["1.3.0", "1.2.0"]);
  // Two steps: 2.0.0 needs 1.5.0, which needs 1.2.0.
  expect(
    versions([
      { version: "1.0.0" },
      { version: "1.2.0" },
      { version: "1.5.0", min: "1.2.0" },
      { version: "2.0.0", min: "1.5.0" },
    ]),
  ).toEqual(["2.0.0", "1.5.0", "1.2.0"]);
});

test("releases for another board form their own path", () => {
  expect(
    versions([
      { version: "1.0.0", board: "^esp32" },
      { version: "1.1.0", board: "^nrf" },
      { version: "1.0.5", board: "^nrf" },
    ]),
  ).toEqual(["1.1.0", "1.0.0"]);
});

test("the size budget keeps the newest first and names what does not fit", () => {
  const plan = offlinePlan(
    manifestOf([
      { version: "1.1.0", size: 600 },
      { version: "1.2.0", min: "1.1.0", size: 500 },
    ]),
    1000,
  );
  expect(plan.keep.map((r) => r.version)).toEqual(["1.2.0"]);
  expect(plan.overBudget.map((r) => r.version)).toEqual(["1.1.0"]);
});

test("property: the path is what selectRelease would give some device, newest first, without repeats", () => {
  const spec = fc.record({
    minor: fc.integer({ min: 0, max: 20 }),
    min: fc.option(fc.integer({ min: 0, max: 20 }), { nil: undefined }),
  });
  fc.assert(
    fc.property(fc.uniqueArray(spec, { selector: (s) => s.minor, minLength: 1, maxLength: 8 }), (specs) => {
      const manifest = manifestOf(
        specs.map((s) => ({
          version: `1.${s.minor}.0`,
          ...(s.min === undefined ? {} : { min: `1.${s.min}.0` }),
        })),
      );
      const path = upgradePath(manifest);
      // Every running version 1.v.0 (and "unknown" is out of scope) gets a release on the path, or none at all.
      for (let v = 0; v <= 21; v++) {
        const chosen = manifest.releases.find(
          (r) => !r.requires.minimumVersion || r.requires.minimumVersion.parsed.minor <= v,
        );
        if (chosen) expect(path).toContain(chosen);
      }
      expect(new Set(path).size).toBe(path.length);
      expect(path[0]).toBe(manifest.releases[0]);
    }),
  );
});
