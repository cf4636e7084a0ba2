// Typed errors of the framing layer. Frame errors are *reported* by the decoders as events (a corrupt frame on
// a noisy serial line is routine, not exceptional); only misuse of an API (bad arguments) is thrown.

import { type ErrorParams, McuFlashError } from "../errors.js";

/** An argument given to a framing function is out of range (a programming or configuration error). */
export class FramingArgumentError extends McuFlashError {
  constructor(variant: string, params: ErrorParams = {}) {
    super("framing-bad-argument", params, { variant, hint: "internal-error" });
  }
}

/** A packet is too big for the serial frame's 16-bit length field. */
export class SerialPacketTooLargeError extends McuFlashError {
  constructor(packetLength: number, max: number) {
    super("serial-packet-too-large", { packetLength, max }, { hint: "serial-packet-too-large" });
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

/**
 * One serial frame was dropped. `code` is `serial-frame-<kind>`; the variant and the parameters say what
 * exactly was wrong (the byte counts, the CRC received and computed), for the catalog to word.
 */
export class SerialFrameError extends McuFlashError {
  readonly kind: SerialFrameErrorKind;

  constructor(kind: SerialFrameErrorKind, params: ErrorParams = {}, variant?: string) {
    super(`serial-frame-${kind}`, params, { hint: "serial-frame", variant });
    this.kind = kind;
  }
}

export const GattFrameErrorKind = {
  overrun: "overrun",
  badHeader: "bad-header",
  tooLarge: "too-large",
} as const;
export type GattFrameErrorKind = (typeof GattFrameErrorKind)[keyof typeof GattFrameErrorKind];

/** Reassembling SMP packets from GATT notifications went wrong; the bytes concerned were dropped. */
export class GattFrameError extends McuFlashError {
  readonly kind: GattFrameErrorKind;

  constructor(kind: GattFrameErrorKind, params: ErrorParams = {}, variant?: string) {
    super(`gatt-frame-${kind}`, params, { hint: "gatt-frame", variant });
    this.kind = kind;
  }
}
