// Errors the SMP client raises itself (not the device, not the link): no answer in time, and misuse.

import { McuFlashError } from "../errors.js";
import { type TransportCloseReason, TransportError } from "../transport.js";

/** The device did not answer one request in time. The link may still be fine (a busy device, a lost frame). */
export class SmpTimeoutError extends McuFlashError {
  readonly command: string;
  readonly timeoutMs: number;

  constructor(command: { readonly name: string; readonly label: string }, timeoutMs: number) {
    super("smp-timeout", { command: command.name, seconds: timeoutMs / 1000 }, { hint: "smp-timeout" });
    this.command = command.name;
    this.timeoutMs = timeoutMs;
  }
}

/** The client cannot send: too many requests at once, or it was disposed. `code` says which. */
export class SmpClientError extends McuFlashError {}

/** The error every pending and later request gets once the transport is closed or lost. */
export function linkError(reason: TransportCloseReason, command: string): TransportError {
  if (reason.kind === "lost") {
    return new TransportError(
      "link-lost",
      { command },
      { variant: "during-request", hint: "link-lost.during-request", cause: reason.error },
    );
  }
  return new TransportError(
    "link-closed",
    { command },
    { variant: "during-request", hint: "link-closed.during-request" },
  );
}
