import { describe, expect, test } from "vitest";
import {
  formatBytes,
  formatByteCount,
  formatDuration,
  formatRate,
  formatTimestamp,
  percentOf,
  shortHash,
  toHexString,
} from "../../src/web/format.js";

describe("format", () => {
  test("bytes use binary units with one decimal below 10", () => {
    expect(formatBytes(0)).toBe("0 B");
    expect(formatBytes(1023)).toBe("1023 B");
    expect(formatBytes(1536)).toBe("1.5 KB");
    expect(formatBytes(66_192)).toBe("65 KB");
    expect(formatBytes(3 * 1024 * 1024)).toBe("3.0 MB");
    expect(formatBytes(-1)).toBe("—");
    expect(formatBytes(Number.NaN)).toBe("—");
  });

  test("exact byte counts keep every digit", () => {
    expect(formatByteCount(1_000_003)).toBe("1,000,003 bytes");
  });

  test("rates and durations", () => {
    expect(formatRate(0)).toBe("—");
    expect(formatRate(2048)).toBe("2.0 KB/s");
    expect(formatDuration(undefined)).toBe("—");
    expect(formatDuration(44.6)).toBe("45 s");
    expect(formatDuration(185)).toBe("3 min 05 s");
    expect(formatDuration(3720)).toBe("1 h 02 min");
  });

  test("percent never reads 100 before the last byte", () => {
    expect(percentOf(0, 0)).toBe(0);
    expect(percentOf(999, 1000)).toBe(99);
    expect(percentOf(1000, 1000)).toBe(100);
    expect(percentOf(2000, 1000)).toBe(100);
    expect(percentOf(505, 1000)).toBe(50);
  });

  test("short hashes", () => {
    expect(shortHash(undefined)).toBe("—");
    expect(shortHash("abcd")).toBe("abcd");
    expect(shortHash("0123456789abcdef", 8)).toBe("01234567…");
  });

  test("timestamps are local, sortable and tolerate junk", () => {
    expect(formatTimestamp("not a date")).toBe("not a date");
    expect(formatTimestamp("2025-03-01T10:20:30.000Z")).toMatch(/^2025-03-0[12] \d\d:20:30$/);
  });

  test("hex", () => {
    expect(toHexString(new Uint8Array([0, 15, 255]))).toBe("000fff");
  });
});
