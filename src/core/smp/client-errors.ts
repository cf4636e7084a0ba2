// Errors the SMP client raises itself (not the device, not the link): no answer in time, and misuse.

import { McuFlashError } from "../errors.js";
import { type TransportCloseReason, TransportError } from "../transport.js";

/** The device did not answer one request in time. The link may still be fine (a busy device, a lost frame). */
export class SmpTimeoutError extends McuFlashError {
  readonly command: string;
  readonly timeoutMs: number;

  constructor(command: { readonly name: string; readonly label: string }, timeoutMs: number) {
    super(
      "smp-timeout",
      `The device did not answer the ${command.label} request within ${formatSeconds(timeoutMs)}.`,
      {
        hint:
          "Check that the device is powered and connected and that the link settings (port, baud rate) are right; " +
          "a device busy erasing flash may need a longer timeout.",
      },
    );
    this.command = command.name;
    this.timeoutMs = timeoutMs;
  }
}

/** The client cannot send: too many requests at once, or it was disposed. `code` says which. */
export class SmpClientError extends McuFlashError {}

function formatSeconds(ms: number): string {
  const s = ms / 1000;
  return `${Number.isInteger(s) ? s.toFixed(0) : s.toFixed(1)} s`;
}

/** The error every pending and later request gets once the transport is closed or lost. */
export function linkError(reason: TransportCloseReason, label: string): TransportError {
  if (reason.kind === "lost") {
    return new TransportError("link-lost", `The link to the device was lost during the ${label} request.`, {
      cause: reason.error,
      hint: "Reconnect the device and try again.",
    });
  }
  return new TransportError("link-closed", `The link to the device was closed during the ${label} request.`, {
    hint: "Reconnect to the device to continue.",
  });
}
