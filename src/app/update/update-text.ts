// Words of the update panel added for the field-ready work (cancel question, running start control, wake
// lock), kept together so they move into the i18n catalogs in one piece.

export const UPDATE_TEXT = {
  updating: "Updating…",
  cancel: "Cancel update…",
  cancelQuestion: "Stop this update?",
  cancelDetailUpload:
    "The part already sent stays on the device: Start again continues from there. The device keeps running its current firmware.",
  cancelDetailLater:
    "The image is already on the device. Stopping now leaves the device at the step shown below, and the history records where it stopped.",
  keepUpdating: "Keep updating",
  swapWhat:
    "The device is restarting: MCUboot checks the new image and swaps it into place before it boots. Keep the device powered; large images can take a minute.",
  swapNumbers: (elapsed: string, left: string) =>
    `Waiting ${elapsed} so far · McuFlash keeps trying for up to ${left} more`,
  readingDevice: "Reading the device first (a moment)…",
  uploadStopped: "stopped",
  resumeOpen:
    "This file is open: press Start again (with the same device connected) to continue where it stopped.",
  stopUpdate: "Stop the update",
  wakeLock: {
    held: "The screen stays on until the update ends.",
    unavailable:
      "This browser cannot keep the screen on: keep this device awake (touch the screen now and then) until the update ends.",
    refused: "The browser did not allow keeping the screen on: keep this device awake until the update ends.",
  },
} as const;
