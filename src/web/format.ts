// Number and text formatting for what the technician reads: sizes, rates, times and hashes, in the active
// language's conventions through Intl (decimal commas, unit words). Pure given the locale, so it is
// unit-tested in Node for every language.

import { i18n } from "../i18n/browser-i18n.js";

const UNITS = ["B", "KB", "MB", "GB"] as const;

/** The active language's tag ("en", "de", "zh-CN"); English before any catalog is loaded. */
function activeTag(): string {
  return i18n.locale || "en";
}

function number(value: number, digits: number, locale: string): string {
  return new Intl.NumberFormat(locale, {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(value);
}

function unit(value: number, name: "second" | "minute" | "hour", locale: string): string {
  return new Intl.NumberFormat(locale, { style: "unit", unit: name, unitDisplay: "short" }).format(value);
}

/** 1536 → "1.5 KB" ("1,5 KB" in German). Binary multiples (what flash sizes are quoted in), one decimal below 10. */
export function formatBytes(bytes: number, locale = activeTag()): string {
  if (!Number.isFinite(bytes) || bytes < 0) return "—";
  let value = bytes;
  let index = 0;
  while (value >= 1024 && index < UNITS.length - 1) {
    value /= 1024;
    index++;
  }
  const digits = index === 0 || value >= 10 ? 0 : 1;
  return `${number(value, digits, locale)} ${UNITS[index] ?? "B"}`;
}

/** Exact byte count with the language's thousands separators, for reports where rounding would hide a difference. */
export function formatByteCount(bytes: number, locale = activeTag()): string {
  return new Intl.NumberFormat(locale, { style: "unit", unit: "byte", unitDisplay: "long" }).format(bytes);
}

export function formatRate(bytesPerSecond: number, locale = activeTag()): string {
  if (!Number.isFinite(bytesPerSecond) || bytesPerSecond <= 0) return "—";
  return `${formatBytes(bytesPerSecond, locale)}/s`;
}

/** Seconds → "45 sec", "3 min 5 sec", "1 hr 2 min" (German "3 Min. 5 Sek.", Chinese "3分钟 5秒"). */
export function formatDuration(seconds: number | undefined, locale = activeTag()): string {
  if (seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return "—";
  const s = Math.round(seconds);
  if (s < 60) return unit(s, "second", locale);
  const minutes = Math.floor(s / 60);
  if (minutes < 60) return `${unit(minutes, "minute", locale)} ${unit(s % 60, "second", locale)}`;
  return `${unit(Math.floor(minutes / 60), "hour", locale)} ${unit(minutes % 60, "minute", locale)}`;
}

/** Whole percent, never 100 before the last byte (a stuck 100% reads as "done" when it is not). */
export function percentOf(done: number, total: number): number {
  if (total <= 0) return 0;
  if (done >= total) return 100;
  return Math.min(99, Math.floor((done * 100) / total));
}

/** First characters of a hex hash: enough to tell images apart at a glance; the full value is copyable. */
export function shortHash(hex: string | undefined, length = 8): string {
  if (!hex) return "—";
  return hex.length <= length ? hex : `${hex.slice(0, length)}…`;
}

/** "2025-03-01T10:20:30.000Z" → the local date and time as the language writes it ("01.03.2025, 11:20:30"). */
export function formatTimestamp(iso: string, locale = activeTag()): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "medium" }).format(date);
}

export function toHexString(bytes: Uint8Array): string {
  let out = "";
  for (const b of bytes) out += b.toString(16).padStart(2, "0");
  return out;
}
