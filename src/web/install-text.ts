// The install screen's words (the ?manifest= page and <mcuflash-install> alike), from the install catalog in
// the active language: what to announce in the live region, how each device's result and each product check
// read, and the end state of an install.

import type {
  DeviceResult,
  ErrorWords,
  InstallActivity,
  InstallProblem,
  InstallState,
  MatchCheck,
  ReleaseRelation,
} from "../core/manifest/index.js";
import type { UploadProgress } from "../core/update/progress.js";
import { errorText, say, wordParams } from "../i18n/describe-error.js";
import { i18n } from "../i18n/browser-i18n.js";
import { formatBytes, formatDuration, formatRate, percentOf } from "./format.js";

export type Tone = "success" | "warning" | "error";

const RESULT_WORDS: Readonly<Record<DeviceResult["result"], { readonly key: string; readonly tone: Tone }>> =
  {
    "running-new": { key: "install.result.running-new", tone: "success" },
    "already-running": { key: "install.result.already-running", tone: "success" },
    uploaded: { key: "install.result.uploaded", tone: "success" },
    reverted: { key: "install.result.reverted", tone: "warning" },
    "not-matching": { key: "install.result.not-matching", tone: "warning" },
    failed: { key: "install.result.failed", tone: "error" },
    cancelled: { key: "install.result.cancelled", tone: "warning" },
  };

/** A device's result as the batch table shows it: a short label and its tone. */
export function resultLabel(result: DeviceResult["result"]): { readonly label: string; readonly tone: Tone } {
  const words = RESULT_WORDS[result];
  return { label: i18n._(words.key), tone: words.tone };
}

export function endState(
  result: DeviceResult,
  product: string,
): { tone: Tone; title: string; detail: string } {
  const tone = RESULT_WORDS[result.result].tone;
  const release = result.release;
  switch (result.result) {
    case "running-new":
      return {
        tone,
        title: i18n._("install.end.running-new.title", { product, release }),
        detail:
          result.previousVersion === undefined
            ? i18n._("install.end.running-new.detail-unknown")
            : i18n._("install.end.running-new.detail", { previous: result.previousVersion }),
      };
    case "already-running":
      return {
        tone,
        title: i18n._("install.end.already-running.title", { product, release }),
        detail: i18n._("install.end.already-running.detail"),
      };
    case "uploaded":
      return {
        tone,
        title: i18n._("install.end.uploaded.title", { release }),
        detail: i18n._("install.end.uploaded.detail"),
      };
    case "reverted":
      return {
        tone,
        title: i18n._("install.end.reverted.title"),
        detail: i18n._("install.end.reverted.detail", { release }),
      };
    case "cancelled":
      return {
        tone,
        title: i18n._("install.end.cancelled.title"),
        detail: i18n._("install.end.cancelled.detail"),
      };
    case "not-matching":
    case "failed":
      return { tone, title: i18n._("install.end.failed.title"), detail: resultText(result) };
  }
}

const RELATION_KEYS: Readonly<Record<ReleaseRelation, string>> = {
  upgrade: "install.relation.upgrade",
  same: "install.relation.same",
  downgrade: "install.relation.downgrade",
  unknown: "install.relation.unknown",
};

export function relationText(
  relation: ReleaseRelation,
  running: string | undefined,
  version: string,
): string {
  return i18n._(RELATION_KEYS[relation], { running: running ?? "?", version });
}

/** What the device is doing now: the update step's words, or fetching the firmware before it. */
export function activityText(activity: InstallActivity | undefined): string {
  return activity ? say(i18n, activity.text) : i18n._("install.live.installing");
}

/** One sentence for screen readers when something changes (progress only at each step, not each percent). */
export function liveText(state: InstallState): string {
  const product = state.manifest?.product ?? i18n._("install.embed.the-device");
  switch (state.phase) {
    case "loading":
      return i18n._("install.live.loading");
    case "load-failed":
      // What the person can do about it; the developer's detail (often the manifest's own words) stays folded.
      return i18n._("install.live.load-failed", { problem: manifestProblemText(state.error?.code) });
    case "ready":
      return state.error ? problemText(state.error) : i18n._("install.live.ready", { product });
    case "connecting":
      return i18n._("install.live.connecting");
    case "checking":
      return i18n._("install.live.checking");
    case "checked":
      return state.blocker
        ? i18n._("install.live.blocked", { problem: problemText(state.blocker) })
        : i18n._("install.live.checked", { version: state.selection?.release.version ?? "" });
    case "installing": {
      const a = state.activity;
      const words = activityText(a);
      if (a?.step !== "upload" || !a.progress) return words;
      return i18n._("install.live.activity-percent", {
        activity: words,
        percent: percentOf(a.progress.bytes, a.progress.total),
      });
    }
    case "done":
      return state.result ? endState(state.result, product).title : i18n._("install.live.done");
  }
}

/** "version 1.2.0", "versions 1.0.0, 1.1.0 and 1.2.0", as the active language lists things. */
function versionList(versions: readonly string[]): string {
  const list = new Intl.ListFormat(i18n.locale || "en", { type: "conjunction" }).format(versions);
  return i18n._("install.offline.versions", { count: versions.length, versions: list });
}

/**
 * Exactly what the page can install without a network: the keys and each release on the upgrade path a
 * device may need, or which of them are not kept and why.
 */
export function offlineText(state: InstallState, budgetBytes: number): { ready: boolean; text: string } {
  const offline = state.offline;
  if (!offline) return { ready: false, text: i18n._("install.offline.checking") };
  const kept = offline.kept.length > 0 ? versionList(offline.kept) : undefined;
  if (offline.complete && kept) {
    const key = offline.kept.length > 1 ? "install.offline.ready-path" : "install.offline.ready";
    return { ready: true, text: i18n._(key, { kept }) };
  }
  const parts: string[] = [];
  if (kept) parts.push(i18n._("install.offline.part-kept", { count: offline.kept.length, versions: kept }));
  if (!offline.keys) parts.push(i18n._("install.offline.part-no-keys"));
  const tooLarge = offline.missing.filter((m) => m.reason === "over-budget").map((m) => m.version);
  const failed = offline.missing.filter((m) => m.reason === "not-downloaded").map((m) => m.version);
  if (tooLarge.length > 0)
    parts.push(
      i18n._("install.offline.part-too-large", {
        count: tooLarge.length,
        versions: versionList(tooLarge),
        budget: formatBytes(budgetBytes),
      }),
    );
  if (failed.length > 0)
    parts.push(
      i18n._("install.offline.part-not-downloaded", { count: failed.length, versions: versionList(failed) }),
    );
  return {
    ready: false,
    text: i18n._("install.offline.not-ready", { parts: parts.join(i18n._("install.offline.separator")) }),
  };
}

/** The page title on a vendor's install page (before the manifest names the product, or when it cannot). */
export function pageTitle(product: string | undefined): string {
  return product === undefined
    ? i18n._("install.page-title-device")
    : i18n._("install.page-title", { product });
}

/** The upload's numbers in one line, as the app shows them: "42% · 48 KB/s · 3 s left". */
export function progressNumbers(progress: UploadProgress): string {
  const percent = percentOf(progress.bytes, progress.total);
  if (progress.total > 0 && progress.bytes >= progress.total)
    return i18n._("install.progress.sent", { percent });
  if (progress.bytesPerSecond <= 0 || progress.etaSeconds === undefined)
    return i18n._("install.progress.estimating", { percent });
  return i18n._("install.progress.left", {
    percent,
    rate: formatRate(progress.bytesPerSecond),
    time: formatDuration(progress.etaSeconds),
  });
}

/** Why an install page cannot be used, for the end user; the developer's detail is shown folded. */
export function manifestProblemText(code: string | undefined): string {
  switch (code) {
    case "manifest-unavailable":
      return i18n._("install.problem.unavailable");
    case "manifest-is-html":
    case "manifest-not-json":
      return i18n._("install.problem.not-manifest");
    case "manifest-invalid":
      return i18n._("install.problem.invalid");
    default:
      return i18n._("install.problem.other");
  }
}

/** The summary of the folded developer detail under a manifest problem. */
export function developerDetailText(): string {
  return i18n._("install.problem.developer-detail");
}

/** After a step up, the release that now fits the same device. */
export function nextStepText(version: string): { readonly note: string; readonly action: string } {
  return {
    note: i18n._("install.next-step.note", { version }),
    action: i18n._("install.next-step.action", { version }),
  };
}

/** One product check (link, board, OS info) in the active language. */
export function checkText(check: MatchCheck): string {
  return say(i18n, check.text);
}

/** A problem (loading, connecting, checking, a blocker) in the active language, with its hint. */
export function problemText(problem: InstallProblem): string {
  return errorText(i18n, problem.error);
}

/** A device's result in the active language: its outcome, or the error with what it lists and its hint. */
export function resultText(result: DeviceResult): string {
  return errorWordsText(result.text);
}

/** An error kept as words (a result in the audit), worded as describeError words the error itself. */
function errorWordsText(text: ErrorWords, withHint = true): string {
  const values = wordParams(i18n, text.params);
  if (values.cause === undefined && text.cause !== undefined)
    values.cause = errorWordsText(text.cause, false);
  if (values.details === undefined && text.details !== undefined && text.details.length > 0)
    values.details = text.details.map((detail) => say(i18n, detail)).join(i18n._("list.separator"));
  const message = i18n._(text.key, values);
  const hintKey = text.hint === undefined || !withHint ? undefined : `hint.${text.hint}`;
  return hintKey !== undefined && i18n.messages[hintKey] !== undefined
    ? `${message} ${i18n._(hintKey, values)}`
    : message;
}
