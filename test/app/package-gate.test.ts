// A package's images go to the device in one update, so the Start button must answer for all of them, not for
// the one whose report is on screen.
import { describe, expect, test } from "vitest";
import { maySend, packageGate, type PackageImage } from "../../src/app/firmware/send-gate.js";

const trusted = (imageNumber: number, extra: Partial<PackageImage> = {}): PackageImage => ({
  outcome: "valid",
  signedBy: "prod",
  complete: true,
  notChecked: [],
  imageHash: "ab".repeat(32),
  imageNumber,
  name: `image${imageNumber}.bin`,
  ...extra,
});

describe("package gate", () => {
  test("a two-image package with one badly signed image is refused while the good one is shown", () => {
    const images = [trusted(0), trusted(1, { outcome: "bad-signature", signedBy: undefined })];
    const verdict = packageGate(images, 0, 1);
    expect(verdict?.kind).toBe("refused");
    expect(verdict?.summary).toMatch(/^Image 1 \(image1\.bin\): /);
    expect(maySend(verdict!, true)).toBe(false);
    // Shown itself, the bad image's verdict needs no image prefix.
    expect(packageGate(images, 1, 1)?.summary).not.toMatch(/^Image 1/);
  });

  test("an untrusted second image asks for the override for the whole package", () => {
    const images = [trusted(0), trusted(1, { signedBy: undefined })];
    const verdict = packageGate(images, 0, 1);
    expect(verdict?.kind).toBe("needs-override");
    expect(maySend(verdict!, false)).toBe(false);
    expect(maySend(verdict!, true)).toBe(true);
  });

  test("per-slot builds of one image: either one failing holds the update back", () => {
    const images = [
      trusted(0, { slot: 0 }),
      trusted(0, { slot: 1, outcome: "hash-mismatch", signedBy: undefined }),
    ];
    expect(packageGate(images, 0, 1)?.kind).toBe("refused");
  });

  test("a file of alternative builds without slots sends only the chosen one", () => {
    const images = [trusted(0), trusted(0, { outcome: "malformed", signedBy: undefined, name: "other.bin" })];
    expect(packageGate(images, 0, 1)?.kind).toBe("allowed");
    expect(packageGate(images, 1, 1)?.kind).toBe("refused");
  });

  test("all trusted: allowed, worded for the image shown", () => {
    const verdict = packageGate([trusted(0), trusted(1)], 1, 1);
    expect(verdict?.kind).toBe("allowed");
    expect(verdict?.summary).toContain("prod");
    expect(packageGate([], 0, 1)).toBeUndefined();
  });
});
