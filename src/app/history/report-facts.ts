// What the history (on screen and printed) says about one attempt beyond its steps, in the user's words: how
// it was installed, the device and its hardware, the bootloader and its MCUboot mode, the key, the image with
// both of its hashes in full, McuFlash's version and how long it took. Pure, unit-tested.

import { i18n } from "../../i18n/browser-i18n.js";
import type { UpdateMode } from "../../core/update/flow-types.js";
import { LINK_KINDS, LINK_NAMES, type LinkKind } from "../../web/capabilities.js";
import { formatByteCount, formatDuration } from "../../web/format.js";
import { bootModeWords } from "../shared/boot-mode-words.js";
import type { HistoryEntry } from "../storage/records.js";

export interface ReportFact {
  readonly label: string;
  readonly value: string;
  /** A hash: printed in full in a monospace block; the screen may shorten it with a way to copy it whole. */
  readonly hash?: boolean;
}

const MODE_WORDS: Readonly<Record<UpdateMode, string>> = {
  "test-and-confirm": "app.history-panel.mode.test-and-confirm",
  "test-only": "app.history-panel.mode.test-only",
  "confirm-only": "app.history-panel.mode.confirm-only",
  "upload-only": "app.history-panel.mode.upload-only",
};

/** How the attempt installed, in words; a mode this McuFlash does not know (a newer export) as it was stored. */
export function modeWords(mode: string): string {
  return Object.prototype.hasOwnProperty.call(MODE_WORDS, mode)
    ? i18n._(MODE_WORDS[mode as UpdateMode])
    : mode;
}

function linkWords(link: string): string {
  return (LINK_KINDS as readonly string[]).includes(link) ? i18n._(LINK_NAMES[link as LinkKind]) : link;
}

/** "MCUboot · swap using scratch": the name and the mode in words, whichever the device reported. */
export function bootloaderWords(name: string | undefined, mode: number | undefined): string | undefined {
  const parts = [name, mode === undefined ? undefined : bootModeWords(mode)].filter(
    (p): p is string => p !== undefined && p !== "",
  );
  return parts.length > 0 ? parts.join(" · ") : undefined;
}

export function reportFacts(entry: HistoryEntry): ReportFact[] {
  const c = entry.context;
  const t = (key: string) => i18n._(key);
  const facts: (ReportFact | undefined)[] = [
    { label: t("app.history-panel.context.mode"), value: modeWords(entry.mode) },
  ];
  if (c) {
    const seconds = (Date.parse(entry.finishedAt) - Date.parse(entry.startedAt)) / 1000;
    const bootloader = bootloaderWords(c.bootloader, c.bootMode);
    facts.push(
      { label: t("app.history-panel.context.link"), value: `${linkWords(c.link)} · ${c.deviceLabel}` },
      c.osInfo ? { label: t("app.history-panel.context.os-info"), value: c.osInfo } : undefined,
      {
        label: t("app.history-panel.context.hardware"),
        value: c.hardwareId ?? t("app.history-panel.context.hardware-not-reported"),
      },
      bootloader ? { label: t("app.history-panel.context.bootloader"), value: bootloader } : undefined,
      c.runningBefore
        ? { label: t("app.history-panel.context.running-before"), value: c.runningBefore }
        : undefined,
      {
        label: t("app.history-panel.context.signed-by"),
        value: c.signedBy
          ? `${c.signedBy}${c.signatureType ? ` (${c.signatureType})` : ""}`
          : t("app.history-panel.context.untrusted"),
      },
      { label: t("app.history-panel.context.image"), value: formatByteCount(c.imageSize) },
    );
    if (entry.imageHash)
      facts.push({ label: t("app.history-panel.context.image-hash"), value: entry.imageHash, hash: true });
    facts.push(
      { label: t("app.history-panel.context.sha256"), value: c.imageSha256, hash: true },
      { label: t("app.history-panel.context.app-version"), value: c.appVersion },
      entry.result === "interrupted" || !Number.isFinite(seconds)
        ? undefined
        : { label: t("app.history-panel.context.duration"), value: formatDuration(seconds) },
    );
  } else if (entry.imageHash) {
    facts.push({ label: t("app.history-panel.context.image-hash"), value: entry.imageHash, hash: true });
  }
  return facts.filter((f): f is ReportFact => f !== undefined);
}
