// What went wrong with a Web Serial port, in words a technician can act on. Chrome reports every failure as a
// DOMException whose name is the only stable part (WICG Serial API, "open()" and "readable" steps).

import { TransportError } from "../../core/transport.js";
import { errorMessage, errorName } from "../browser/dom-error.js";

export const WebSerialErrorCode = {
  unsupported: "serial-unsupported",
  noPortChosen: "no-port-chosen",
  notAllowed: "serial-not-allowed",
  portBusy: "port-busy",
  openFailed: "port-open-failed",
  notBack: "port-not-back",
  linkLost: "link-lost",
} as const;
export type WebSerialErrorCode = (typeof WebSerialErrorCode)[keyof typeof WebSerialErrorCode];

export function serialUnsupportedError(): TransportError {
  return new TransportError(WebSerialErrorCode.unsupported, {}, { hint: "serial-unsupported" });
}

/** requestPort() rejected. */
export function serialRequestError(cause: unknown): TransportError {
  const name = errorName(cause);
  if (name === "NotFoundError" || name === "AbortError") {
    return new TransportError(WebSerialErrorCode.noPortChosen, {}, { hint: "no-port-chosen", cause });
  }
  if (name === "SecurityError" || name === "NotAllowedError") {
    return new TransportError(WebSerialErrorCode.notAllowed, {}, { hint: "serial-not-allowed", cause });
  }
  return new TransportError(
    WebSerialErrorCode.openFailed,
    { cause: detail(cause) },
    { variant: "list-failed", cause },
  );
}

/**
 * open() rejected. Chrome answers NetworkError ("Failed to open serial port.") when the OS refuses the port,
 * which in practice means another program holds it, and InvalidStateError when this page already has it open.
 */
export function serialOpenError(label: string, cause: unknown): TransportError {
  const name = errorName(cause);
  if (name === "InvalidStateError") {
    return new TransportError(
      WebSerialErrorCode.portBusy,
      { label },
      { variant: "open-in-app", hint: "port-busy.open-in-app", cause },
    );
  }
  if (name === "NetworkError") {
    return new TransportError(
      WebSerialErrorCode.portBusy,
      { label },
      { variant: "other-program", hint: "port-busy.other-program", cause },
    );
  }
  return new TransportError(
    WebSerialErrorCode.openFailed,
    { label, cause: detail(cause) },
    { variant: "open-failed", hint: "port-open-failed.open-failed", cause },
  );
}

/** Reopening after a reset found no usable port within the window. */
export function serialNotBackError(label: string, windowMs: number, cause: unknown): TransportError {
  return new TransportError(
    WebSerialErrorCode.notBack,
    { label, windowMs: seconds(windowMs) },
    { hint: "port-not-back", cause },
  );
}

/** The port went away: unplugged, reset (USB re-enumeration), or a fatal read error. */
export function serialLostError(label: string, cause?: unknown): TransportError {
  return new TransportError(
    WebSerialErrorCode.linkLost,
    { label },
    { variant: "went-away", hint: "link-lost.went-away", cause },
  );
}

function seconds(ms: number): string {
  return ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`;
}

function detail(cause: unknown): string {
  const text = errorMessage(cause).replace(/\.$/, "");
  return text.length > 0 ? text : "unknown error";
}
