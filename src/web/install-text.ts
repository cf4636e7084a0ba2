// The install screen's words: what to announce in the live region, how each device's result reads, and the
// end state of an install. Pure (unit-tested in Node through the core types).

import { McuFlashError } from "../core/errors.js";
import type { DeviceResult, InstallProblem, InstallState, ReleaseRelation } from "../core/manifest/index.js";
import type { UploadProgress } from "../core/update/progress.js";
import { errorText, say } from "../i18n/describe-error.js";
import { i18n } from "../i18n/browser-i18n.js";
import { formatBytes, formatDuration, formatRate, percentOf } from "./format.js";

export type Tone = "success" | "warning" | "error";

export const RESULT_TEXT: Readonly<
  Record<DeviceResult["result"], { readonly label: string; readonly tone: Tone }>
> = {
  "running-new": { label: "Updated", tone: "success" },
  "already-running": { label: "Already up to date", tone: "success" },
  uploaded: { label: "Uploaded", tone: "success" },
  reverted: { label: "Reverted", tone: "warning" },
  "not-matching": { label: "Not this product", tone: "warning" },
  failed: { label: "Failed", tone: "error" },
  cancelled: { label: "Cancelled", tone: "warning" },
};

export function endState(
  result: DeviceResult,
  product: string,
): { tone: Tone; title: string; detail: string } {
  const tone = RESULT_TEXT[result.result].tone;
  switch (result.result) {
    case "running-new":
      return {
        tone,
        title: `Done: your ${product} now runs ${result.release}`,
        detail: `It was running ${result.previousVersion ?? "an unknown version"}. The new firmware booted and is confirmed.`,
      };
    case "already-running":
      return {
        tone,
        title: `Your ${product} already runs ${result.release}`,
        detail: "Nothing needed to be sent.",
      };
    case "uploaded":
      return { tone, title: `${result.release} is on the device`, detail: result.message };
    case "reverted":
      return {
        tone,
        title: `The device went back to its previous firmware`,
        detail: `${result.message} Check the device, then try again.`,
      };
    case "cancelled":
      return {
        tone,
        title: "Install cancelled",
        detail: "The device still runs its previous firmware; bytes already sent are resumed next time.",
      };
    case "not-matching":
    case "failed":
      return { tone, title: "The install did not complete", detail: resultText(result) };
  }
}

export function relationText(
  relation: ReleaseRelation,
  running: string | undefined,
  version: string,
): string {
  switch (relation) {
    case "upgrade":
      return `Update from ${running ?? "?"} to ${version}.`;
    case "same":
      return `It already runs ${version}, the newest release for it. Installing again only checks it.`;
    case "downgrade":
      return `This goes back from ${running ?? "?"} to ${version}.`;
    case "unknown":
      return `Its current version is unknown; it will get ${version}.`;
  }
}

/** One sentence for screen readers when something changes (progress only at each step, not each percent). */
export function liveText(state: InstallState): string {
  const product = state.manifest?.product ?? "the device";
  switch (state.phase) {
    case "loading":
      return "Loading the firmware manifest…";
    case "load-failed":
      return `The manifest could not be loaded. ${state.error ? problemText(state.error) : ""}`;
    case "ready":
      return state.error ? problemText(state.error) : `Connect your ${product}.`;
    case "connecting":
      return "Pick the device in the browser's window…";
    case "checking":
      return "Reading the device…";
    case "checked":
      return state.blocker
        ? `This device cannot be updated: ${problemText(state.blocker)}`
        : `Device checked. Ready to install ${state.selection?.release.version ?? ""}.`;
    case "installing": {
      const a = state.activity;
      if (!a) return "Installing…";
      const p = a.step === "upload" && a.progress ? ` ${percentOf(a.progress.bytes, a.progress.total)}%` : "";
      const words = a.text && i18n.messages[a.text.key] !== undefined ? say(i18n, a.text) : a.message;
      return `${words}${p === "" ? "" : ":"}${p}`;
    }
    case "done":
      return state.result ? endState(state.result, product).title : "Done.";
  }
}

function versionList(versions: readonly string[]): string {
  if (versions.length === 1) return `version ${versions[0] ?? ""}`;
  return `versions ${versions.slice(0, -1).join(", ")} and ${versions.at(-1) ?? ""}`;
}

/**
 * Exactly what the page can install without a network: the keys and each release on the upgrade path a
 * device may need, or which of them are not kept and why.
 */
export function offlineText(state: InstallState, budgetBytes: number): { ready: boolean; text: string } {
  const offline = state.offline;
  if (!offline) return { ready: false, text: "Checking what this page can install offline…" };
  const kept = offline.kept.length > 0 ? versionList(offline.kept) : undefined;
  if (offline.complete && kept) {
    const path =
      offline.kept.length > 1 ? " (with every earlier release a device may need to install first)" : "";
    return {
      ready: true,
      text: `Ready offline: this page, its signing key and ${kept}${path} are saved on this device, so it also installs without a network.`,
    };
  }
  const parts: string[] = [];
  if (kept) parts.push(`${kept} ${offline.kept.length > 1 ? "are" : "is"} saved on this device`);
  if (!offline.keys) parts.push("the signing key could not be downloaded, so installing needs a network");
  const tooLarge = offline.missing.filter((m) => m.reason === "over-budget").map((m) => m.version);
  const failed = offline.missing.filter((m) => m.reason === "not-downloaded").map((m) => m.version);
  if (tooLarge.length > 0)
    parts.push(
      `${versionList(tooLarge)} ${tooLarge.length > 1 ? "are" : "is"} not kept (over the ${formatBytes(budgetBytes)} kept for offline use)`,
    );
  if (failed.length > 0) parts.push(`${versionList(failed)} could not be downloaded yet`);
  const text = parts.join("; ");
  return {
    ready: false,
    text: `Not fully ready offline: ${text}. Devices that need what is missing must be updated online.`,
  };
}

/** The page title on a vendor's install page. */
export function pageTitle(product: string): string {
  return `Update your ${product} · McuFlash`;
}

/** The upload's numbers in one line, as the app shows them: "42% · 48 KB/s · 3 s left". */
export function progressNumbers(progress: UploadProgress): string {
  const percent = `${percentOf(progress.bytes, progress.total)}%`;
  if (progress.total > 0 && progress.bytes >= progress.total) return `${percent} · sent`;
  if (progress.bytesPerSecond <= 0 || progress.etaSeconds === undefined) return `${percent} · estimating…`;
  return `${percent} · ${formatRate(progress.bytesPerSecond)} · ${formatDuration(progress.etaSeconds)} left`;
}

/** Why an install page cannot be used, for the end user; the developer's detail is shown folded. */
export function manifestProblemText(code: string | undefined): string {
  switch (code) {
    case "manifest-unavailable":
      return "The update information could not be downloaded. Check the internet connection, then try again.";
    case "manifest-is-html":
    case "manifest-not-json":
      return "The address of the update information does not lead to it, so this page has nothing to install. Please tell the product's vendor.";
    case "manifest-invalid":
      return "The update information published for this product contains a mistake, so this page cannot offer an update. Please tell the product's vendor.";
    default:
      return "The update information could not be used. Try again later, or tell the product's vendor.";
  }
}

export const DEVELOPER_DETAIL = "Details for the vendor's developer";

/** After a step up, the release that now fits the same device. */
export function nextStepText(version: string): { readonly note: string; readonly action: string } {
  return {
    note: `This device can now take version ${version}, which needed the release just installed first.`,
    action: `Continue to ${version}`,
  };
}

/** A problem in the active language when its words are loaded (the install page), else as core put it. */
export function problemText(problem: InstallProblem): string {
  const error = problem.error;
  return error instanceof McuFlashError && i18n.messages[error.messageKey] !== undefined
    ? errorText(i18n, error)
    : problem.message;
}

/** A failed result's reason in the active language when its words are loaded, else as core put it. */
export function resultText(result: DeviceResult): string {
  const text = result.text;
  if (!text || i18n.messages[text.key] === undefined) return result.message;
  const hintKey = text.hint === undefined ? undefined : `hint.${text.hint}`;
  const hint =
    hintKey !== undefined && i18n.messages[hintKey] !== undefined
      ? say(i18n, { key: hintKey, params: text.params })
      : "";
  return hint === "" ? say(i18n, text) : `${say(i18n, text)} ${hint}`;
}
