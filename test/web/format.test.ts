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
    expect(formatBytes(1023)).toBe("1,023 B");
    expect(formatBytes(1536)).toBe("1.5 KB");
    expect(formatBytes(66_192)).toBe("65 KB");
    expect(formatBytes(3 * 1024 * 1024)).toBe("3.0 MB");
    expect(formatBytes(-1)).toBe("—");
    expect(formatBytes(Number.NaN)).toBe("—");
    expect(formatBytes(1536, "de")).toBe("1,5 KB");
    expect(formatBytes(1536, "zh-CN")).toBe("1.5 KB");
  });

  test("exact byte counts keep every digit", () => {
    expect(formatByteCount(1_000_003)).toBe("1,000,003 bytes");
    expect(formatByteCount(1_000_003, "de")).toBe("1.000.003 Byte");
    expect(formatByteCount(1_000_003, "zh-CN")).toBe("1,000,003字节");
  });

  test("rates and durations", () => {
    expect(formatRate(0)).toBe("—");
    expect(formatRate(2048)).toBe("2.0 KB/s");
    expect(formatDuration(undefined)).toBe("—");
    expect(formatDuration(44.6)).toBe("45 sec");
    expect(formatDuration(185)).toBe("3 min 5 sec");
    expect(formatDuration(3720)).toBe("1 hr 2 min");
    expect(formatDuration(185, "de")).toBe("3 Min. 5 Sek.");
    expect(formatDuration(185, "zh-CN")).toBe("3分钟 5秒");
    expect(formatRate(2048, "de")).toBe("2,0 KB/s");
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
    expect(formatTimestamp("2025-03-01T10:20:30.000Z")).toMatch(/^(Mar 1|Mar 2), 2025, \d+:20:30 [AP]M$/);
    expect(formatTimestamp("2025-03-01T10:20:30.000Z", "de")).toMatch(/^0[12]\.03\.2025, \d\d:20:30$/);
    expect(formatTimestamp("2025-03-01T10:20:30.000Z", "zh-CN")).toMatch(/^2025年3月[12]日 \d\d:20:30$/);
  });

  test("hex", () => {
    expect(toHexString(new Uint8Array([0, 15, 255]))).toBe("000fff");
  });
});
