// The end of a run in plain words: what the device runs now, and what to do next. Pure, unit-tested.

import { i18n } from "../../i18n/browser-i18n.js";
import type { ImageOutcome, UpdateOutcome } from "../../core/update/flow-types.js";

export interface EndState {
  readonly tone: "success" | "warning" | "error";
  readonly title: string;
  readonly detail: string;
}

export function describeOutcome(outcome: UpdateOutcome): EndState {
  if (outcome.images && outcome.images.length > 1) return describePackage(outcome, outcome.images);
  const previous = outcome.previousVersion ?? i18n._("app.outcome-text.previous-image");
  switch (outcome.result) {
    case "running-new":
      return {
        tone: "success",
        title: i18n._("app.outcome-text.now-running", { imageVersion: outcome.imageVersion }),
        detail:
          outcome.slotsAfter.some((s) => s.active && s.confirmed) || outcome.slotsAfter.length === 0
            ? i18n._("app.outcome-text.device-booted-new-image", { previous })
            : i18n._("app.outcome-text.device-booted-new-image-2", { previous }),
      };
    case "reverted":
      return {
        tone: "warning",
        title: i18n._("app.outcome-text.reverted-device-still-runs", { previous }),
        detail: i18n._("app.outcome-text.mcuboot-did-not-keep"),
      };
    case "uploaded":
      return {
        tone: "success",
        title: i18n._("app.outcome-text.uploaded", { imageVersion: outcome.imageVersion }),
        detail: i18n._("app.outcome-text.image-secondary-slot-not"),
      };
    case "already-running":
      return {
        tone: "success",
        title: i18n._("app.outcome-text.already-running", { imageVersion: outcome.imageVersion }),
        detail: i18n._("app.outcome-text.device-runs-exactly-image"),
      };
  }
}

/** A multi-image package: each image's version, and what did not take. */
function describePackage(outcome: UpdateOutcome, images: readonly ImageOutcome[]): EndState {
  const all = images
    .map((i) => i18n._("app.outcome-text.package-image", { image: i.imageNumber, version: i.version }))
    .join(" + ");
  switch (outcome.result) {
    case "running-new":
      return {
        tone: "success",
        title: i18n._("app.outcome-text.now-running", { imageVersion: all }),
        detail: i18n._("app.outcome-text.package-booted", {
          trial: outcome.slotsAfter.some((s) => s.active && !s.confirmed) ? "yes" : "no",
        }),
      };
    case "reverted": {
      const each = images
        .map((i) =>
          i.running
            ? i18n._("app.outcome-text.package-image-runs", { image: i.imageNumber, version: i.version })
            : i.previousVersion !== undefined
              ? i18n._("app.outcome-text.package-image-still-runs", {
                  image: i.imageNumber,
                  version: i.previousVersion,
                })
              : i18n._("app.outcome-text.package-image-still-runs-previous", { image: i.imageNumber }),
        )
        .join("; ");
      return {
        tone: "warning",
        title: i18n._("app.outcome-text.package-not-all-took"),
        detail: i18n._("app.outcome-text.package-reverted", { each }),
      };
    }
    case "uploaded":
      return {
        tone: "success",
        title: i18n._("app.outcome-text.uploaded", { imageVersion: all }),
        detail: i18n._("app.outcome-text.package-in-update-slots"),
      };
    case "already-running":
      return {
        tone: "success",
        title: i18n._("app.outcome-text.already-running", { imageVersion: all }),
        detail: i18n._("app.outcome-text.package-runs-exactly"),
      };
  }
}

/** What to do after a failure, keyed by the error's stable code. */
export function adviceFor(code: string | undefined): string {
  switch (code) {
    case "cancelled":
      return i18n._("app.outcome-text.device-still-runs-previous");
    case "image-refused":
      return i18n._("app.outcome-text.nothing-sent-device");
    case "link-lost":
    case "link-closed":
    case "send-failed":
      return i18n._("app.outcome-text.reconnect-device-press-start");
    case "smp-timeout":
      return i18n._("app.outcome-text.check-power-cable-bluetooth");
    case "package-partly-uploaded":
      return i18n._("app.outcome-text.package-partly-uploaded");
    case "device-restarted":
      return i18n._("app.outcome-text.device-restarted");
    case "mode-cannot-test":
      return i18n._("app.outcome-text.mode-cannot-test");
    case "reconnect-failed":
      return i18n._("app.outcome-text.device-may-still-swapping");
    case "downgrade-refused":
      return i18n._("app.outcome-text.pick-newer-image-allow");
    case "hash-not-on-device":
      return i18n._("app.outcome-text.nothing-marked-start-again");
    case "not-confirmed":
      return i18n._("app.outcome-text.new-image-runs-but");
    case "secondary-slot-reverting":
      return i18n._("app.outcome-text.nothing-sent-under-device");
    case "secondary-slot-pending":
      return i18n._("app.outcome-text.nothing-marked-device-still");
    case "not-marked":
      return i18n._("app.outcome-text.read-slots-refresh-start");
    default:
      return i18n._("app.outcome-text.reconnect-try-again-if");
  }
}
