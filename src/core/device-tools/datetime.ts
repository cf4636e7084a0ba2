// The device's clock (Zephyr "SMP group 0", date-time string, command 4). Zephyr reads out its RTC as
// "YYYY-MM-DDTHH:MM:SS" in the device's own wall-clock time (no zone), plus ".<milliseconds>" unpadded with
// CONFIG_MCUMGR_GRP_OS_DATETIME_MS; it accepts 19–25 characters when set, takes six numbers and, with that
// option, the milliseconds after a dot. Mynewt-style servers use RFC 3339 with a microsecond fraction and a
// zone. The parser accepts all of these; setting sends "YYYY-MM-DDTHH:MM:SS.mmm", which every server reads.

import { osDateTimeGet, osDateTimeSet, type SmpClient } from "../smp/index.js";
import { type ToolRequestOptions, requestOptions } from "./device-support.js";
import { DeviceToolError } from "./errors.js";

export interface DeviceDateTime {
  readonly year: number;
  /** 1–12 */
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly millisecond: number;
  /** Minutes east of UTC when the device named a zone ("Z", "+02:00"); undefined for local wall-clock time. */
  readonly offsetMinutes?: number;
}

const PATTERN =
  /^ *(\d{1,5})-(\d{1,2})-(\d{1,2})[T ](\d{1,2}):(\d{1,2}):(\d{1,2})(?:\.(\d{1,9}))?(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;

function daysIn(year: number, month: number): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month, 0);
  return date.getUTCDate();
}

/**
 * The device's date-time string → its fields. A fraction of 1–3 digits is Zephyr's unpadded millisecond count
 * (".7" is 7 ms); 4–9 digits are a decimal fraction of a second (".000000" from RFC 3339 servers).
 * Throws DeviceToolError "datetime-invalid" for anything else.
 */
export function parseDeviceDateTime(text: string): DeviceDateTime {
  const m = PATTERN.exec(text);
  const invalid = (): DeviceToolError =>
    new DeviceToolError("datetime-invalid", { text }, { hint: "datetime-invalid" });
  if (!m) throw invalid();
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6]].map((v) => Number(v));
  if (
    year === undefined ||
    month === undefined ||
    day === undefined ||
    hour === undefined ||
    minute === undefined ||
    second === undefined
  ) {
    throw invalid();
  }
  if (
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > daysIn(year, month) ||
    hour > 23 ||
    minute > 59 ||
    second > 60
  ) {
    throw invalid();
  }
  const fraction = m[7];
  const millisecond =
    fraction === undefined
      ? 0
      : fraction.length <= 3
        ? Number(fraction)
        : Math.floor(Number(`0.${fraction}`) * 1000 + 1e-6);
  const zone = m[8];
  let offsetMinutes: number | undefined;
  if (zone !== undefined) {
    if (zone === "Z" || zone === "z") offsetMinutes = 0;
    else {
      const digits = zone.slice(1).replace(":", "");
      const hours = Number(digits.slice(0, 2));
      const minutes = digits.length > 2 ? Number(digits.slice(2)) : 0;
      if (hours > 23 || minutes > 59) throw invalid();
      offsetMinutes = (zone.startsWith("-") ? -1 : 1) * (hours * 60 + minutes);
    }
  }
  return {
    year,
    month,
    day,
    hour,
    minute,
    second,
    millisecond,
    ...(offsetMinutes !== undefined ? { offsetMinutes } : {}),
  };
}

const pad = (n: number, width = 2): string => String(n).padStart(width, "0");

export interface FormatOptions {
  /** Add ".mmm" (default true); servers without millisecond support ignore it. */
  readonly milliseconds?: boolean;
  /** Write the computer's local time (default) or UTC. Either way no zone is written: Zephyr takes none. */
  readonly timeZone?: "local" | "utc";
}

/** A computer time → the string to send, e.g. "2025-01-02T03:04:05.006". */
export function formatDeviceDateTime(date: Date, options: FormatOptions = {}): string {
  if (Number.isNaN(date.getTime())) {
    throw new DeviceToolError(
      "datetime-invalid",
      {},
      { variant: "computer-s-clock", hint: "datetime-invalid.computer-s-clock" },
    );
  }
  const utc = options.timeZone === "utc";
  const year = utc ? date.getUTCFullYear() : date.getFullYear();
  if (year < 1900 || year > 9999) {
    throw new DeviceToolError("datetime-out-of-range", { year }, { hint: "datetime-out-of-range" });
  }
  const text =
    `${pad(year, 4)}-${pad((utc ? date.getUTCMonth() : date.getMonth()) + 1)}-` +
    `${pad(utc ? date.getUTCDate() : date.getDate())}T${pad(utc ? date.getUTCHours() : date.getHours())}:` +
    `${pad(utc ? date.getUTCMinutes() : date.getMinutes())}:${pad(utc ? date.getUTCSeconds() : date.getSeconds())}`;
  const ms = utc ? date.getUTCMilliseconds() : date.getMilliseconds();
  return options.milliseconds === false ? text : `${text}.${pad(ms, 3)}`;
}

/** The device's fields as a computer time: with its zone when it named one, else as this computer's local time. */
export function deviceTimeToDate(value: DeviceDateTime, timeZone: "local" | "utc" = "local"): Date {
  const { year, month, day, hour, minute, second, millisecond } = value;
  if (value.offsetMinutes !== undefined || timeZone === "utc") {
    const date = new Date(0);
    date.setUTCFullYear(year, month - 1, day);
    date.setUTCHours(hour, minute, second, millisecond);
    return new Date(date.getTime() - (value.offsetMinutes ?? 0) * 60_000);
  }
  const date = new Date(0);
  date.setFullYear(year, month - 1, day);
  date.setHours(hour, minute, second, millisecond);
  return date;
}

export interface DeviceClockReading {
  /** What the device sent. */
  readonly text: string;
  readonly value: DeviceDateTime;
  /** The device's time on this computer's clock (see deviceTimeToDate). */
  readonly date: Date;
  /** Device minus computer, in ms, at the moment of the answer: positive when the device is ahead. */
  readonly driftMs: number;
}

export async function readDeviceClock(
  client: SmpClient,
  options: ToolRequestOptions & { readonly now?: () => Date; readonly timeZone?: "local" | "utc" } = {},
): Promise<DeviceClockReading> {
  const response = await client.request(osDateTimeGet, {}, requestOptions(options));
  const now = (options.now ?? (() => new Date()))();
  const value = parseDeviceDateTime(response.datetime);
  const date = deviceTimeToDate(value, options.timeZone ?? "local");
  return { text: response.datetime, value, date, driftMs: date.getTime() - now.getTime() };
}

/** Sets the device's clock from `date` (default: this computer's clock now); returns the string sent. */
export async function setDeviceClock(
  client: SmpClient,
  options: ToolRequestOptions & FormatOptions & { readonly date?: Date } = {},
): Promise<string> {
  const datetime = formatDeviceDateTime(options.date ?? new Date(), options);
  await client.request(osDateTimeSet, { datetime }, requestOptions(options));
  return datetime;
}
