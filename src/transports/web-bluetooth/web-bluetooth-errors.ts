// What went wrong with Web Bluetooth, in words a technician can act on. Chrome reports every failure as a
// DOMException; its name and, for pairing problems, its wording are all there is to go on. The step (choosing,
// connecting, discovering the SMP service, enabling notifications, writing) decides what the advice is.

import { TransportError } from "../../core/transport.js";
import { errorMessage, errorName } from "../browser/dom-error.js";

export const WebBluetoothErrorCode = {
  unsupported: "bluetooth-unsupported",
  noDeviceChosen: "no-device-chosen",
  adapterUnavailable: "bluetooth-unavailable",
  notAllowed: "bluetooth-not-allowed",
  pairingRequired: "bluetooth-pairing-required",
  connectFailed: "bluetooth-connect-failed",
  serviceMissing: "smp-service-missing",
  notBack: "bluetooth-not-back",
  linkLost: "link-lost",
  sendFailed: "send-failed",
  other: "bluetooth-error",
} as const;
export type WebBluetoothErrorCode = (typeof WebBluetoothErrorCode)[keyof typeof WebBluetoothErrorCode];

export type BluetoothStep = "request" | "connect" | "discover" | "notify" | "write";

// Chrome's wording for ATT "insufficient authentication/encryption/authorization" and failed or missing pairing
// ("GATT operation not authorized.", "Authentication failed.", "GATT Error: Not paired.", ...).
const PAIRING_WORDS = /authenticat|authoriz|encrypt|pair|insufficient|passkey|bond/i;

export function bluetoothUnsupportedError(): TransportError {
  return new TransportError(WebBluetoothErrorCode.unsupported, {}, { hint: "bluetooth-unsupported" });
}

export function isPairingProblem(cause: unknown, step: BluetoothStep): boolean {
  const name = errorName(cause);
  if (name === "SecurityError" && step !== "request") return true;
  if (
    !["SecurityError", "NotAllowedError", "NetworkError", "NotSupportedError", "InvalidStateError"].includes(
      name,
    )
  ) {
    return false;
  }
  return PAIRING_WORDS.test(errorMessage(cause)) && !/gesture/i.test(errorMessage(cause));
}

/** Turns a Web Bluetooth rejection at `step` into a TransportError with advice. */
export function describeBluetoothError(step: BluetoothStep, cause: unknown, label = ""): TransportError {
  const name = errorName(cause);
  const message = errorMessage(cause);
  if (cause instanceof TransportError) return cause;
  if (isPairingProblem(cause, step)) {
    return new TransportError(
      WebBluetoothErrorCode.pairingRequired,
      { label },
      { cause, hint: "bluetooth-pairing" },
    );
  }
  if (step === "request") return requestError(name, message, cause);
  if (step === "discover" && name === "NotFoundError") {
    return new TransportError(
      WebBluetoothErrorCode.serviceMissing,
      { label },
      { hint: "smp-service-missing", cause },
    );
  }
  if (step === "write" || step === "notify") {
    if (/disconnect/i.test(message) || name === "NetworkError") {
      return new TransportError(
        WebBluetoothErrorCode.linkLost,
        { label },
        { variant: "bluetooth", hint: "link-lost.bluetooth", cause },
      );
    }
    return new TransportError(
      WebBluetoothErrorCode.sendFailed,
      { label, message: detail(message) },
      { variant: "bluetooth-write", hint: "send-failed.bluetooth-write", cause },
    );
  }
  return new TransportError(
    WebBluetoothErrorCode.connectFailed,
    { label, message: detail(message) },
    { hint: "bluetooth-connect-failed", cause },
  );
}

function requestError(name: string, message: string, cause: unknown): TransportError {
  if (name === "NotFoundError" && /adapter|not available/i.test(message)) {
    return new TransportError(
      WebBluetoothErrorCode.adapterUnavailable,
      {},
      { hint: "bluetooth-unavailable", cause },
    );
  }
  if (name === "NotFoundError" || name === "AbortError") {
    return new TransportError(WebBluetoothErrorCode.noDeviceChosen, {}, { hint: "no-device-chosen", cause });
  }
  if (name === "SecurityError" || name === "NotAllowedError" || name === "NotSupportedError") {
    return new TransportError(
      WebBluetoothErrorCode.notAllowed,
      {},
      { cause, hint: /gesture/i.test(message) ? "bluetooth-needs-click" : "bluetooth-not-allowed" },
    );
  }
  return new TransportError(WebBluetoothErrorCode.other, { message: detail(message) }, { cause });
}

function detail(message: string): string {
  const text = message.replace(/\.$/, "");
  return text.length > 0 ? text : "?";
}
