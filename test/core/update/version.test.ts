// Image versions as MCUboot and the device print them, compared the way MCUboot's downgrade check compares
// them: major, then minor, then revision, then build, each as a number.
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { compareVersions, formatVersion, parseVersion } from "../../../src/core/update/version.js";

describe("parseVersion", () => {
  test.each([
    ["1.2.3", { major: 1, minor: 2, revision: 3, build: 0 }],
    ["1.2.3+4", { major: 1, minor: 2, revision: 3, build: 4 }],
    ["1.2.3.4", { major: 1, minor: 2, revision: 3, build: 4 }],
    ["  10.20.300+4000 \n", { major: 10, minor: 20, revision: 300, build: 4000 }],
    ["0.0.0", { major: 0, minor: 0, revision: 0, build: 0 }],
    ["255.255.65535+4294967295", { major: 255, minor: 255, revision: 65535, build: 4294967295 }],
  ])("reads %j", (text, expected) => {
    expect(parseVersion(text)).toEqual(expected);
  });

  test.each([
    "",
    "1.2",
    "1.2.3+",
    "1.2.3-rc1",
    "v1.2.3",
    "1.2.3 4",
    "1..3",
    "a.b.c",
    "1.2.3+4+5",
    "1.2.3.4.5",
  ])("refuses %j", (text) => {
    expect(parseVersion(text)).toBeUndefined();
  });
});

describe("compareVersions", () => {
  const v = (text: string) => parseVersion(text)!;

  test("each field decides only when the ones before it are equal", () => {
    expect(compareVersions(v("2.0.0"), v("1.9.9+9"))).toBeGreaterThan(0);
    expect(compareVersions(v("1.3.0"), v("1.2.9+9"))).toBeGreaterThan(0);
    expect(compareVersions(v("1.2.4"), v("1.2.3+9"))).toBeGreaterThan(0);
    expect(compareVersions(v("1.2.3+2"), v("1.2.3+1"))).toBeGreaterThan(0);
    expect(compareVersions(v("1.2.3+1"), v("1.2.3+2"))).toBeLessThan(0);
    expect(compareVersions(v("1.2.3"), v("1.2.3+0"))).toBe(0);
  });

  test("numbers, not text: 1.10.0 is newer than 1.9.0", () => {
    expect(compareVersions(v("1.10.0"), v("1.9.0"))).toBeGreaterThan(0);
  });

  test("property: agrees with comparing the four numbers in order, and is antisymmetric", () => {
    const version = fc.record({
      major: fc.integer({ min: 0, max: 255 }),
      minor: fc.integer({ min: 0, max: 255 }),
      revision: fc.integer({ min: 0, max: 65535 }),
      build: fc.integer({ min: 0, max: 0xffff_ffff }),
    });
    fc.assert(
      fc.property(version, version, (a, b) => {
        const fields = ["major", "minor", "revision", "build"] as const;
        const first = fields.find((f) => a[f] !== b[f]);
        const expected = first === undefined ? 0 : Math.sign(a[first] - b[first]);
        expect(Math.sign(compareVersions(a, b))).toBe(expected);
        expect(Math.sign(compareVersions(b, a))).toBe(-expected);
      }),
      { numRuns: 300, seed: 0x5e7 },
    );
  });
});

describe("formatVersion", () => {
  test("prints the build only when there is one, after a +", () => {
    expect(formatVersion(v3(1, 2, 3, 0))).toBe("1.2.3");
    expect(formatVersion(v3(1, 2, 3, 7))).toBe("1.2.3+7");
  });

  test("property: what it prints reads back the same", () => {
    fc.assert(
      fc.property(
        fc.nat({ max: 255 }),
        fc.nat({ max: 255 }),
        fc.nat({ max: 65535 }),
        fc.nat(),
        (major, minor, revision, build) => {
          const version = v3(major, minor, revision, build);
          expect(parseVersion(formatVersion(version))).toEqual(version);
        },
      ),
      { numRuns: 200, seed: 0xf0 },
    );
  });
});

function v3(major: number, minor: number, revision: number, build: number) {
  return { major, minor, revision, build };
}
