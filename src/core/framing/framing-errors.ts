// Typed errors of the framing layer. Frame errors are *reported* by the decoders as events (a corrupt frame on
// a noisy serial line is routine, not exceptional); only misuse of an API (bad arguments) is thrown.

import { McuFlashError } from "../errors.js";

/** An argument given to a framing function is out of range (a programming or configuration error). */
export class FramingArgumentError extends McuFlashError {
  constructor(message: string) {
    super("framing-bad-argument", message, {
      hint: "This is a configuration or programming error in McuFlash, not a device fault; please report it.",
    });
  }
}

/** A packet is too big for the serial frame's 16-bit length field. */
export class SerialPacketTooLargeError extends McuFlashError {
  constructor(packetLength: number, max: number) {
    super(
      "serial-packet-too-large",
      `An SMP packet of ${packetLength} bytes cannot be sent over a serial console (at most ${max} bytes fit).`,
      { hint: "Use smaller upload chunks." },
    );
  }
}

export const SerialFrameErrorKind = {
  badCrc: "bad-crc",
  badLength: "bad-length",
  tooLarge: "too-large",
  badBase64: "bad-base64",
  interrupted: "interrupted",
  orphanLine: "orphan-line",
  incomplete: "incomplete",
} as const;
export type SerialFrameErrorKind = (typeof SerialFrameErrorKind)[keyof typeof SerialFrameErrorKind];

const SERIAL_MESSAGES: Record<SerialFrameErrorKind, string> = {
  "bad-crc": "A frame from the device failed its checksum and was dropped.",
  "bad-length": "A frame from the device did not match its own length field and was dropped.",
  "too-large": "A frame from the device announced a packet larger than allowed and was dropped.",
  "bad-base64": "A frame line from the device was not valid base64 and the frame was dropped.",
  interrupted: "A frame from the device was cut off by the start of the next one and was dropped.",
  "orphan-line": "Frame continuation lines arrived without their first line and were dropped.",
  incomplete: "The serial link stopped in the middle of a frame; the partial frame was dropped.",
};

const SERIAL_HINT =
  "An occasional dropped frame is retried automatically; if it keeps happening, check the cable, the baud " +
  "rate, and that no other program is using the port.";

/** One serial frame was dropped. `code` is `serial-frame-<kind>`; `detail` says what exactly was wrong. */
export class SerialFrameError extends McuFlashError {
  readonly kind: SerialFrameErrorKind;
  readonly detail: string;

  constructor(kind: SerialFrameErrorKind, detail: string) {
    super(`serial-frame-${kind}`, `${SERIAL_MESSAGES[kind]} (${detail})`, { hint: SERIAL_HINT });
    this.kind = kind;
    this.detail = detail;
  }
}

export const GattFrameErrorKind = {
  overrun: "overrun",
  badHeader: "bad-header",
  tooLarge: "too-large",
} as const;
export type GattFrameErrorKind = (typeof GattFrameErrorKind)[keyof typeof GattFrameErrorKind];

const GATT_MESSAGES: Record<GattFrameErrorKind, string> = {
  overrun:
    "Bluetooth notifications carried more bytes than the SMP packet announced; the packet was dropped.",
  "bad-header": "A Bluetooth notification did not start with a valid SMP header and was dropped.",
  "too-large": "A Bluetooth notification announced an SMP packet larger than allowed; it was dropped.",
};

/** Reassembling SMP packets from GATT notifications went wrong; the bytes concerned were dropped. */
export class GattFrameError extends McuFlashError {
  readonly kind: GattFrameErrorKind;
  readonly detail: string;

  constructor(kind: GattFrameErrorKind, detail: string) {
    super(`gatt-frame-${kind}`, `${GATT_MESSAGES[kind]} (${detail})`, {
      hint: "If this repeats, disconnect and reconnect the device.",
    });
    this.kind = kind;
    this.detail = detail;
  }
}
