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

const PAIRING_HINT =
  "Pair the device in your computer's or phone's Bluetooth settings first (enter the passkey the device shows " +
  "or the one in its documentation), then connect again here. If it was paired before its firmware changed, " +
  "remove it from the Bluetooth settings and pair it again.";

export function bluetoothUnsupportedError(): TransportError {
  return new TransportError(WebBluetoothErrorCode.unsupported, "This browser cannot use Bluetooth devices.", {
    hint: "Use Chrome or Edge on a computer or Android phone, opened from an https:// address.",
  });
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
export function describeBluetoothError(
  step: BluetoothStep,
  cause: unknown,
  label = "the device",
): TransportError {
  const name = errorName(cause);
  const message = errorMessage(cause);
  if (cause instanceof TransportError) return cause;
  if (isPairingProblem(cause, step)) {
    return new TransportError(
      WebBluetoothErrorCode.pairingRequired,
      `${label} refused access: it needs a paired, encrypted Bluetooth connection.`,
      { cause, hint: PAIRING_HINT },
    );
  }
  if (step === "request") return requestError(name, message, cause);
  if (step === "discover" && name === "NotFoundError") {
    return new TransportError(
      WebBluetoothErrorCode.serviceMissing,
      `${label} does not offer the SMP (MCUmgr) Bluetooth service.`,
      {
        cause,
        hint:
          "The firmware must be built with MCUmgr over Bluetooth (CONFIG_MCUMGR_TRANSPORT_BT). If the device was " +
          "just updated, remove it from the OS Bluetooth settings (its old services may be cached) and try again.",
      },
    );
  }
  if (step === "write" || step === "notify") {
    if (/disconnect/i.test(message) || name === "NetworkError") {
      return new TransportError(
        WebBluetoothErrorCode.linkLost,
        `The Bluetooth connection to ${label} was lost.`,
        {
          cause,
          hint: "Bring the device closer, check that it is powered, and reconnect.",
        },
      );
    }
    return new TransportError(
      WebBluetoothErrorCode.sendFailed,
      `Sending to ${label} failed: ${detail(message)}.`,
      {
        cause,
        hint: "Disconnect and connect again; if it keeps failing, restart the device.",
      },
    );
  }
  return new TransportError(
    WebBluetoothErrorCode.connectFailed,
    `Could not connect to ${label}: ${detail(message)}.`,
    {
      cause,
      hint:
        "Bring the device closer, check that it is powered and not connected to another phone or app (such as " +
        "nRF Connect), then try again.",
    },
  );
}

function requestError(name: string, message: string, cause: unknown): TransportError {
  if (name === "NotFoundError" && /adapter|not available/i.test(message)) {
    return new TransportError(
      WebBluetoothErrorCode.adapterUnavailable,
      "Bluetooth is off, or this computer has no Bluetooth adapter.",
      { cause, hint: "Turn Bluetooth on (and allow the browser to use it), then try again." },
    );
  }
  if (name === "NotFoundError" || name === "AbortError") {
    return new TransportError(WebBluetoothErrorCode.noDeviceChosen, "No Bluetooth device was chosen.", {
      cause,
      hint:
        "Click Connect again and pick the device. If it is not listed, check that it is powered, near, " +
        "advertising, and not connected to another phone or app.",
    });
  }
  if (name === "SecurityError" || name === "NotAllowedError" || name === "NotSupportedError") {
    return new TransportError(
      WebBluetoothErrorCode.notAllowed,
      "The browser did not allow Bluetooth access.",
      {
        cause,
        hint: /gesture/i.test(message)
          ? "The device chooser can only open right after a click: click Connect again."
          : "Allow Bluetooth for this site in the browser's settings (and enable Web Bluetooth if it is turned off).",
      },
    );
  }
  return new TransportError(
    WebBluetoothErrorCode.other,
    `Bluetooth device selection failed: ${detail(message)}.`,
    {
      cause,
    },
  );
}

function detail(message: string): string {
  const text = message.replace(/\.$/, "");
  return text.length > 0 ? text : "unknown error";
}
