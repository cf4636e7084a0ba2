// The end of a run in plain words: what the device runs now, and what to do next. Pure, unit-tested.

import type { UpdateOutcome } from "../../core/update/flow-types.js";

export interface EndState {
  readonly tone: "success" | "warning" | "error";
  readonly title: string;
  readonly detail: string;
}

export function describeOutcome(outcome: UpdateOutcome): EndState {
  const previous = outcome.previousVersion ?? "its previous image";
  switch (outcome.result) {
    case "running-new":
      return {
        tone: "success",
        title: `Now running ${outcome.imageVersion}`,
        detail:
          outcome.slotsAfter.some((s) => s.active && s.confirmed) || outcome.slotsAfter.length === 0
            ? `The device booted the new image and it is confirmed (was ${previous}).`
            : `The device booted the new image on test (was ${previous}). It reverts at the next reset unless confirmed.`,
      };
    case "reverted":
      return {
        tone: "warning",
        title: `Reverted: the device still runs ${previous}`,
        detail:
          "MCUboot did not keep the new image: it failed to boot, was not confirmed, or the bootloader refused it " +
          "(wrong signing key, wrong slot size, downgrade protection). Check the device's log, then try again.",
      };
    case "uploaded":
      return {
        tone: "success",
        title: `Uploaded ${outcome.imageVersion}`,
        detail:
          "The image is in the secondary slot, not marked. Mark it for test or confirm it to install it.",
      };
    case "already-running":
      return {
        tone: "success",
        title: `Already running ${outcome.imageVersion}`,
        detail: "The device runs exactly this image. Nothing was sent.",
      };
  }
}

/** What to do after a failure, keyed by the error's stable code. */
export function adviceFor(code: string | undefined): string {
  switch (code) {
    case "cancelled":
      return "The device still runs its previous image. The bytes already sent are kept: Start again to resume.";
    case "image-refused":
      return "Nothing was sent to the device.";
    case "link-lost":
    case "link-closed":
    case "send-failed":
      return "Reconnect the device and press Start again: the upload resumes where the device stopped.";
    case "smp-timeout":
      return "Check power, cable or Bluetooth range, reconnect, and press Start again: the upload resumes.";
    case "reconnect-failed":
      return "The device may still be swapping images (this can take a minute). Wait, reconnect and read the slots to see what runs.";
    case "downgrade-refused":
      return "Pick a newer image, or allow downgrades if this one is intended.";
    case "hash-not-on-device":
      return "Nothing was marked. Start again; if it persists, erase the secondary slot first.";
    case "not-confirmed":
      return "The new image runs but will revert at the next reset. Start again to confirm it.";
    case "secondary-slot-reverting":
      return "Nothing was sent. Under Device, keep the version on trial (Keep) or press Reset to go back, then Start again.";
    case "secondary-slot-pending":
      return "Nothing was marked: the device still runs its current image. Free the other slot as described above, then Start again.";
    case "not-marked":
      return "Read the slots (Refresh) and start again.";
    default:
      return "Reconnect and try again. If it keeps failing, export the history and send it to support.";
  }
}
