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
  return new TransportError(WebSerialErrorCode.unsupported, "This browser cannot open USB serial ports.", {
    hint: "Use Chrome, Edge or Opera on a computer, opened from an https:// address.",
  });
}

/** requestPort() rejected. */
export function serialRequestError(cause: unknown): TransportError {
  const name = errorName(cause);
  if (name === "NotFoundError" || name === "AbortError") {
    return new TransportError(WebSerialErrorCode.noPortChosen, "No serial port was chosen.", {
      cause,
      hint: "Click Connect again and pick the device's port; if it is not listed, check the USB cable.",
    });
  }
  if (name === "SecurityError" || name === "NotAllowedError") {
    return new TransportError(
      WebSerialErrorCode.notAllowed,
      "The browser did not allow access to serial ports.",
      {
        cause,
        hint: "Start the connection with a click, and check that the site is allowed to use serial ports.",
      },
    );
  }
  return new TransportError(WebSerialErrorCode.openFailed, `Could not list serial ports: ${detail(cause)}.`, {
    cause,
  });
}

/**
 * open() rejected. Chrome answers NetworkError ("Failed to open serial port.") when the OS refuses the port,
 * which in practice means another program holds it, and InvalidStateError when this page already has it open.
 */
export function serialOpenError(label: string, cause: unknown): TransportError {
  const name = errorName(cause);
  if (name === "InvalidStateError") {
    return new TransportError(WebSerialErrorCode.portBusy, `The ${label} is already open in this app.`, {
      cause,
      hint: "Disconnect the other connection (or close the other McuFlash tab), then connect again.",
    });
  }
  if (name === "NetworkError") {
    return new TransportError(WebSerialErrorCode.portBusy, `The ${label} is in use by another program.`, {
      cause,
      hint:
        "Close any terminal or serial monitor (minicom, screen, PuTTY, nRF Connect, an IDE's monitor) " +
        "using it, or unplug and replug the device, then connect again.",
    });
  }
  return new TransportError(WebSerialErrorCode.openFailed, `Could not open the ${label}: ${detail(cause)}.`, {
    cause,
    hint: "Unplug and replug the device, then connect again.",
  });
}

/** Reopening after a reset found no usable port within the window. */
export function serialNotBackError(label: string, windowMs: number, cause: unknown): TransportError {
  return new TransportError(
    WebSerialErrorCode.notBack,
    `The ${label} did not come back within ${seconds(windowMs)} after the device reset or was unplugged.`,
    {
      cause,
      hint:
        "Check the USB cable and that the device is powered; if another program grabbed the port, close it. " +
        "Then connect again.",
    },
  );
}

/** The port went away: unplugged, reset (USB re-enumeration), or a fatal read error. */
export function serialLostError(label: string, cause?: unknown): TransportError {
  return new TransportError(WebSerialErrorCode.linkLost, `The ${label} went away.`, {
    cause,
    hint: "The device was unplugged or reset; reconnect it and try again.",
  });
}

function seconds(ms: number): string {
  return ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`;
}

function detail(cause: unknown): string {
  const text = errorMessage(cause).replace(/\.$/, "");
  return text.length > 0 ? text : "unknown error";
}
