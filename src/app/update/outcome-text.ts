// The end of a run in plain words: what the device runs now, and what to do next. Pure, unit-tested.

import type { ImageOutcome, UpdateOutcome } from "../../core/update/flow-types.js";

export interface EndState {
  readonly tone: "success" | "warning" | "error";
  readonly title: string;
  readonly detail: string;
}

export function describeOutcome(outcome: UpdateOutcome): EndState {
  if (outcome.images && outcome.images.length > 1) return describePackage(outcome, outcome.images);
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

/** A multi-image package: each image's version, and what did not take. */
function describePackage(outcome: UpdateOutcome, images: readonly ImageOutcome[]): EndState {
  const all = images.map((i) => `image ${i.imageNumber} ${i.version}`).join(" + ");
  switch (outcome.result) {
    case "running-new":
      return {
        tone: "success",
        title: `Now running ${all}`,
        detail: `The device booted every image of the package after one reset, and each runs the verified hash${
          outcome.slotsAfter.some((s) => s.active && !s.confirmed)
            ? " (on test: it reverts at the next reset unless confirmed)"
            : ", confirmed"
        }.`,
      };
    case "reverted": {
      const each = images
        .map(
          (i) =>
            `image ${i.imageNumber} ${i.running ? `runs ${i.version}` : `still runs ${i.previousVersion ?? "its previous version"}`}`,
        )
        .join("; ");
      return {
        tone: "warning",
        title: "Not every image of the package took",
        detail: `${each}. Nothing was confirmed, so MCUboot goes back to the previous firmware at the next reset where it can. Check that the images belong to one build and are signed with the key the bootloader trusts.`,
      };
    }
    case "uploaded":
      return {
        tone: "success",
        title: `Uploaded ${all}`,
        detail: "The images are in their update slots, not marked.",
      };
    case "already-running":
      return {
        tone: "success",
        title: `Already running ${all}`,
        detail: "The device runs exactly these images. Nothing was sent.",
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
    case "package-partly-uploaded":
      return "The device still runs its previous firmware. Press Start again: images already on the device are not sent again.";
    case "device-restarted":
      return "Nothing was confirmed. Reset the device once to go back to the previous firmware, then start again.";
    case "mode-cannot-test":
      return "Nothing was sent. Pick an update mode the bootloader supports.";
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
