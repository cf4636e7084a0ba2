import { describe, expect, test } from "vitest";
import type { SlotState, UpdateOutcome } from "../../src/core/update/flow-types.js";
import { adviceFor, describeOutcome } from "../../src/app/update/outcome-text.js";

const slot = (overrides: Partial<SlotState>): SlotState => ({
  image: 0,
  slot: 0,
  version: "1.2.3",
  hash: "aa",
  bootable: true,
  pending: false,
  confirmed: false,
  active: false,
  permanent: false,
  ...overrides,
});

const base: UpdateOutcome = {
  result: "running-new",
  device: "d",
  imageHash: "aa",
  imageVersion: "1.2.3",
  previousVersion: "1.0.0",
  slotsBefore: [],
  slotsAfter: [slot({ active: true, confirmed: true })],
  uploadedBytes: 1,
  uploadMs: 1,
  skippedUpload: false,
  audit: [],
};

describe("end states", () => {
  test("running the new image says which version, and whether it is confirmed", () => {
    const confirmed = describeOutcome(base);
    expect(confirmed.tone).toBe("success");
    expect(confirmed.title).toBe("Now running 1.2.3");
    expect(confirmed.detail).toMatch(/confirmed \(was 1\.0\.0\)/);
    const onTest = describeOutcome({ ...base, slotsAfter: [slot({ active: true })] });
    expect(onTest.detail).toMatch(/on test/);
  });

  test("a revert names the version still running and what to check", () => {
    const end = describeOutcome({ ...base, result: "reverted" });
    expect(end.tone).toBe("warning");
    expect(end.title).toBe("Reverted: the device still runs 1.0.0");
  });

  test("upload-only and already-running", () => {
    expect(describeOutcome({ ...base, result: "uploaded" }).title).toBe("Uploaded 1.2.3");
    expect(describeOutcome({ ...base, result: "already-running" }).detail).toMatch(/Nothing was sent/);
  });

  test("a two-image package names each image, and which did not take", () => {
    const images = [
      {
        imageNumber: 0,
        hash: "aa",
        version: "2.0.0",
        previousVersion: "1.0.0",
        running: true,
        skippedUpload: false,
      },
      {
        imageNumber: 1,
        hash: "bb",
        version: "2.1.0",
        previousVersion: "1.0.0",
        running: true,
        skippedUpload: false,
      },
    ];
    expect(describeOutcome({ ...base, images }).title).toBe("Now running image 0 2.0.0 + image 1 2.1.0");
    const partial = describeOutcome({
      ...base,
      result: "reverted",
      images: [images[0]!, { ...images[1]!, running: false }],
    });
    expect(partial.tone).toBe("warning");
    expect(partial.detail).toMatch(
      /image 0 runs 2\.0\.0; image 1 still runs 1\.0\.0\. Nothing was confirmed/,
    );
  });

  test("advice for failures says what to do next", () => {
    expect(adviceFor("link-lost")).toMatch(/resumes/);
    expect(adviceFor("image-refused")).toBe("Nothing was sent to the device.");
    expect(adviceFor("cancelled")).toMatch(/previous image/);
    expect(adviceFor(undefined)).toMatch(/export the history/);
  });
});
