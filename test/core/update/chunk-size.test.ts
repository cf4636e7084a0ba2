// Chunk sizing: the largest data length whose whole upload request fits the packet limit, checked against a
// brute-force search over the real SMP encoding (the byte string's CBOR header grows at 24, 256 and 65,536
// bytes, which is where a guessed constant overhead goes wrong).
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { imageUpload, requestPacketSize } from "../../../src/core/smp/index.js";
import { DEVICE_BUFFER_RESERVE, fitChunk, packetLimit } from "../../../src/core/update/chunk-size.js";
import { UploadError } from "../../../src/core/update/errors.js";

const IMAGE = new Uint8Array(70_000).fill(0xa5);

/** The size of a later chunk's request (off and data) carrying `n` bytes at offset `off`. */
const laterChunk = (off: number) => (n: number) =>
  requestPacketSize(imageUpload, { off, data: IMAGE.subarray(0, n) });

/** The largest n in 1..min(available, limit) whose request fits, by trying every one. */
function bruteForce(limit: number, size: (n: number) => number, available: number): number {
  for (let n = Math.min(available, limit); n > 0; n--) if (size(n) <= limit) return n;
  return 0;
}

describe("packetLimit", () => {
  test("keeps the serial transport's 4 bytes of length and CRC out of the device's buffer", () => {
    expect(DEVICE_BUFFER_RESERVE).toBe(4);
    expect(packetLimit(384, 1_000)).toBe(380);
    expect(packetLimit(2_475, 244)).toBe(244);
    expect(packetLimit(248, 244)).toBe(244);
    expect(packetLimit(247, 244)).toBe(243);
  });
});

describe("fitChunk", () => {
  test("fills a stock Zephyr buffer (384 bytes) with the largest chunk that fits, to the byte", () => {
    const size = laterChunk(4_096);
    const n = fitChunk(380, size, IMAGE.length);
    expect(size(n)).toBeLessThanOrEqual(380);
    expect(size(n + 1)).toBeGreaterThan(380);
    expect(n).toBe(bruteForce(380, size, IMAGE.length));
  });

  test("right below a CBOR length boundary it takes back the bytes a shorter header frees", () => {
    // At 256+ data bytes the byte string's header is 3 bytes, below it 2: shrinking by the overshoot from
    // above lands below the boundary one byte short of what fits.
    const size = laterChunk(0);
    const limit = size(255);
    expect(size(256)).toBeGreaterThan(limit);
    expect(fitChunk(limit, size, IMAGE.length)).toBe(255);
    expect(fitChunk(limit + 1, size, IMAGE.length)).toBe(255);
    expect(fitChunk(size(256), size, IMAGE.length)).toBe(256);
  });

  test("never asks for more than the image has left", () => {
    expect(fitChunk(380, laterChunk(0), 100)).toBe(100);
    expect(fitChunk(380, laterChunk(0), 1)).toBe(1);
  });

  test("a limit too small for any data is a typed error naming the limit", () => {
    const size = laterChunk(0);
    const tooSmall = size(1) - 1;
    let thrown: unknown;
    try {
      fitChunk(tooSmall, size, IMAGE.length);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(UploadError);
    expect(thrown).toMatchObject({ code: "chunk-does-not-fit", params: { limit: tooSmall } });
    expect(fitChunk(size(1), size, IMAGE.length)).toBe(1);
  });

  test("nothing left to send is not a chunk", () => {
    expect(() => fitChunk(380, laterChunk(0), 0)).toThrow(UploadError);
  });

  test("property: the result is exactly the largest data length that fits, at any limit and offset", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 20, max: 66_000 }),
        fc.oneof(
          fc.integer({ min: 0, max: 0xffff_ffff }),
          fc.constantFrom(0, 23, 24, 255, 256, 65_535, 65_536),
        ),
        fc.integer({ min: 1, max: IMAGE.length }),
        (limit, off, available) => {
          const size = laterChunk(off);
          const expected = bruteForce(limit, size, available);
          if (expected === 0) expect(() => fitChunk(limit, size, available)).toThrow(UploadError);
          else expect(fitChunk(limit, size, available)).toBe(expected);
        },
      ),
      { numRuns: 150, seed: 0x0c5 },
    );
  });
});
