import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  DeviceToolError,
  deviceTimeToDate,
  formatDeviceDateTime,
  parseDeviceDateTime,
  readDeviceClock,
  setDeviceClock,
} from "../../../src/core/device-tools/index.js";
import { virtualSim } from "../../support/sim/smp-client.js";

describe("parseDeviceDateTime", () => {
  test.each([
    ["2025-01-02T03:04:05", { year: 2025, month: 1, day: 2, hour: 3, minute: 4, second: 5, millisecond: 0 }],
    // Zephyr prints milliseconds unpadded with "%d": ".7" is 7 ms.
    ["2025-01-02T03:04:05.7", { second: 5, millisecond: 7 }],
    ["2025-01-02T03:04:05.123", { millisecond: 123 }],
    // RFC 3339 servers (Mynewt, the smp package's example): a decimal fraction and a zone.
    ["2025-01-02T03:04:05.000000", { millisecond: 0 }],
    ["2025-01-02T03:04:05.123456+00:00", { millisecond: 123, offsetMinutes: 0 }],
    ["2025-01-02T03:04:05.5000-08:00", { millisecond: 500, offsetMinutes: -480 }],
    ["2025-01-02T03:04:05Z", { offsetMinutes: 0 }],
    ["2024-02-29T23:59:59+0530", { day: 29, offsetMinutes: 330 }],
    // "%4d" pads small years with spaces.
    [" 999-12-31T00:00:00", { year: 999 }],
  ])("%j", (text, fields) => {
    expect(parseDeviceDateTime(text)).toMatchObject(fields);
  });

  test.each([
    "not a date",
    "2025-13-01T00:00:00",
    "2025-02-29T00:00:00",
    "2025-01-32T00:00:00",
    "2025-01-01T24:00:00",
    "2025-01-01T00:60:00",
    "2025-01-01T00:00:00+25:00",
    "2025-01-01",
    "",
  ])("%j is not a device date-time", (text) => {
    expect(() => parseDeviceDateTime(text)).toThrow(expect.objectContaining({ code: "datetime-invalid" }));
  });

  test("property: anything either parses or fails with a DeviceToolError", () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.stringMatching(/^\d{1,5}-\d{1,2}-\d{1,2}T\d\d:\d\d:\d\d(\.\d{1,9})?$/)),
        (text) => {
          try {
            const value = parseDeviceDateTime(text);
            expect(value.month).toBeGreaterThanOrEqual(1);
            expect(value.month).toBeLessThanOrEqual(12);
          } catch (error) {
            expect(error).toBeInstanceOf(DeviceToolError);
          }
        },
      ),
    );
  });

  test("property: Zephyr's own format (unpadded milliseconds) parses to its fields", () => {
    const p2 = (n: number) => String(n).padStart(2, "0");
    fc.assert(
      fc.property(
        fc.date({
          min: new Date("1900-01-01T00:00:00Z"),
          max: new Date("9999-12-31T23:59:59Z"),
          noInvalidDate: true,
        }),
        (date) => {
          const text =
            `${date.getUTCFullYear()}-${p2(date.getUTCMonth() + 1)}-${p2(date.getUTCDate())}T` +
            `${p2(date.getUTCHours())}:${p2(date.getUTCMinutes())}:${p2(date.getUTCSeconds())}.${date.getUTCMilliseconds()}`;
          expect(deviceTimeToDate(parseDeviceDateTime(text), "utc").getTime()).toBe(date.getTime());
        },
      ),
    );
  });
});

describe("formatDeviceDateTime", () => {
  test("what Zephyr accepts: 19 to 25 characters, no zone", () => {
    const date = new Date(Date.UTC(2025, 0, 2, 3, 4, 5, 6));
    expect(formatDeviceDateTime(date, { timeZone: "utc" })).toBe("2025-01-02T03:04:05.006");
    expect(formatDeviceDateTime(date, { timeZone: "utc", milliseconds: false })).toBe("2025-01-02T03:04:05");
    const local = new Date(2025, 5, 7, 8, 9, 10, 11);
    expect(formatDeviceDateTime(local)).toBe("2025-06-07T08:09:10.011");
  });

  test("years the device cannot hold and invalid dates are refused", () => {
    expect(() => formatDeviceDateTime(new Date(Date.UTC(1800, 0, 1)), { timeZone: "utc" })).toThrow(
      expect.objectContaining({ code: "datetime-out-of-range" }),
    );
    expect(() => formatDeviceDateTime(new Date(Number.NaN))).toThrow(
      expect.objectContaining({ code: "datetime-invalid" }),
    );
  });

  test("property: format then parse gives the same instant (UTC) and a string of 19-25 characters", () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date("1900-01-01T00:00:00Z"),
          max: new Date("9999-12-31T23:59:59Z"),
          noInvalidDate: true,
        }),
        fc.boolean(),
        (date, milliseconds) => {
          const text = formatDeviceDateTime(date, { timeZone: "utc", milliseconds });
          expect(text.length).toBeGreaterThanOrEqual(19);
          expect(text.length).toBeLessThan(26);
          const back = deviceTimeToDate(parseDeviceDateTime(text), "utc").getTime();
          expect(back).toBe(milliseconds ? date.getTime() : date.getTime() - date.getUTCMilliseconds());
        },
      ),
    );
  });

  test("a zone named by the device wins over local time", () => {
    expect(deviceTimeToDate(parseDeviceDateTime("2025-01-02T03:04:05+01:00")).toISOString()).toBe(
      "2025-01-02T02:04:05.000Z",
    );
  });
});

describe("the device's clock", () => {
  test("set from the computer, read back with the drift", async () => {
    const sim = await virtualSim({ datetimeMs: true });
    const date = new Date(2030, 4, 6, 7, 8, 9, 250);
    const sent = await sim.run(() => setDeviceClock(sim.client, { date }));
    expect(sent).toBe("2030-05-06T07:08:09.250");
    const reading = await sim.run(() =>
      readDeviceClock(sim.client, { now: () => new Date(date.getTime() + 1_000) }),
    );
    // The device's clock ran on for the few milliseconds the exchange took.
    expect(reading.text).toMatch(/^2030-05-06T07:08:09\.2[5-9]\d$/);
    expect(reading.date.getTime() - date.getTime()).toBeLessThan(50);
    expect(reading.driftMs).toBeGreaterThanOrEqual(-1_000);
    expect(reading.driftMs).toBeLessThan(-950);
  });

  test("a build without milliseconds ignores them; UTC can be chosen", async () => {
    const sim = await virtualSim();
    const date = new Date(Date.UTC(2026, 0, 1, 12, 0, 0, 999));
    await sim.run(() => setDeviceClock(sim.client, { date, timeZone: "utc" }));
    const reading = await sim.run(() => readDeviceClock(sim.client, { timeZone: "utc", now: () => date }));
    expect(reading.text).toBe("2026-01-01T12:00:00");
    expect(reading.driftMs).toBeLessThanOrEqual(-900);
  });

  test("an unset clock and a build without date-time fail with the device's reason", async () => {
    const unset = await virtualSim();
    expect(await unset.run(() => readDeviceClock(unset.client).catch((e: unknown) => e))).toMatchObject({
      rcName: "RTC_NOT_SET",
    });
    const none = await virtualSim({ os: { datetime: false } });
    expect(await none.run(() => readDeviceClock(none.client).catch((e: unknown) => e))).toMatchObject({
      rcName: "ENOTSUP",
    });
  });
});
