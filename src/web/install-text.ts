// The install screen's words: what to announce in the live region, how each device's result reads, and the
// end state of an install. Pure (unit-tested in Node through the core types).

import { McuFlashError } from "../core/errors.js";
import type { DeviceResult, InstallProblem, InstallState, ReleaseRelation } from "../core/manifest/index.js";
import { errorText, say } from "../i18n/describe-error.js";
import { i18n } from "../i18n/browser-i18n.js";
import { percentOf } from "./format.js";

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
