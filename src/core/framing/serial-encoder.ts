// Encodes an SMP packet as an "SMP over console" frame (Zephyr SMP transport spec, serial section;
// vectors: shared/vectors/smp/serial_frames.json). The frame is u16 BE length (packet + 2) || packet ||
// CRC16-XMODEM BE, base64-encoded and cut into lines: the first starts 06 09, the others 04 14, each ends "\n".
//
// Two line layouts exist in the wild and the decoder accepts both:
// - the client layout (smp/smpclient, and ours): every line carries ((lineLength - 4) / 4) * 4 base64 chars,
//   so with the usual lineLength 128 every line is at most 127 bytes and fits Zephyr's 128-byte line buffer;
// - Zephyr's server layout (mcumgr_serial_tx_pkt), reproduced for the simulator so it talks like a device.

import { crc16Xmodem } from "./crc16.js";
import { base64Length, encodeBase64Into } from "./base64-ascii.js";
import { FramingArgumentError, SerialPacketTooLargeError } from "./framing-errors.js";

export const SERIAL_START_MARKER = Uint8Array.of(0x06, 0x09);
export const SERIAL_CONTINUATION_MARKER = Uint8Array.of(0x04, 0x14);

/**
 * The receiver's line buffer size, as smp.packet.encode's `line_length` and Zephyr's
 * CONFIG_UART_MCUMGR_RX_BUF_SIZE mean it: lines are at most lineLength - 1 bytes (127 for 128).
 */
export const SERIAL_DEFAULT_LINE_LENGTH = 128;
/** The smallest lineLength that still carries one base64 quad (3 frame bytes) per line. */
export const SERIAL_MIN_LINE_LENGTH = 8;
/** The length field is 16 bits and counts the CRC too. */
export const SERIAL_MAX_PACKET_SIZE = 0xffff - 2;

const LINE_OVERHEAD = 3; // 2 marker bytes + "\n"
const FRAME_OVERHEAD = 4; // length field + CRC

// Zephyr's encoder (MCUMGR_SERIAL_MAX_FRAME 127): 93 frame bytes (124 chars) on the first line, then only
// 90 (120 chars) because its per-line budget is cut by 3 on the first line and never restored.
const ZEPHYR_FIRST_LINE_BYTES = 93;
const ZEPHYR_LINE_BYTES = 90;

function checkPacketLength(packetLength: number): void {
  if (!Number.isSafeInteger(packetLength) || packetLength < 0) {
    throw new FramingArgumentError("packet-length", { packetLength });
  }
  if (packetLength > SERIAL_MAX_PACKET_SIZE) {
    throw new SerialPacketTooLargeError(packetLength, SERIAL_MAX_PACKET_SIZE);
  }
}

/** Frame bytes carried per line for a given lineLength (always a multiple of 3, so lines decode alone). */
function frameBytesPerLine(lineLength: number): number {
  if (!Number.isSafeInteger(lineLength) || lineLength < SERIAL_MIN_LINE_LENGTH) {
    throw new FramingArgumentError("serial-line-length", { SERIAL_MIN_LINE_LENGTH, lineLength });
  }
  return ((lineLength - 4) >> 2) * 3;
}

/** The largest packet whose frame fits in `lines` console lines of the client layout. */
export function serialPacketLimitForLines(lines: number, lineLength = SERIAL_DEFAULT_LINE_LENGTH): number {
  return Math.max(0, Math.floor(lines) * frameBytesPerLine(lineLength) - FRAME_OVERHEAD);
}

/** Exact number of bytes on the wire for one packet of `packetLength` bytes in the client layout. */
export function serialFramedSize(packetLength: number, lineLength = SERIAL_DEFAULT_LINE_LENGTH): number {
  checkPacketLength(packetLength);
  const chars = base64Length(packetLength + FRAME_OVERHEAD);
  const charsPerLine = (frameBytesPerLine(lineLength) / 3) * 4;
  return chars + LINE_OVERHEAD * Math.ceil(chars / charsPerLine);
}

/** Exact number of bytes on the wire for one packet of `packetLength` bytes as a Zephyr device sends it. */
export function zephyrSerialFramedSize(packetLength: number): number {
  checkPacketLength(packetLength);
  return wireSize(zephyrLineLayout(packetLength + FRAME_OVERHEAD));
}

/** Encodes `packet` as serial frame lines in the client layout; returns the bytes to write to the port. */
export function encodeSerialFrame(packet: Uint8Array, lineLength = SERIAL_DEFAULT_LINE_LENGTH): Uint8Array {
  checkPacketLength(packet.length);
  const perLine = frameBytesPerLine(lineLength);
  const frameLength = packet.length + FRAME_OVERHEAD;
  const layout: number[] = [];
  for (let left = frameLength; left > 0; left -= perLine) layout.push(Math.min(perLine, left));
  return writeLines(buildFrame(packet), layout);
}

/** Encodes `packet` exactly as Zephyr's mcumgr_serial_tx_pkt does (for the simulated device). */
export function encodeSerialFrameZephyrStyle(packet: Uint8Array): Uint8Array {
  checkPacketLength(packet.length);
  return writeLines(buildFrame(packet), zephyrLineLayout(packet.length + FRAME_OVERHEAD));
}

/**
 * Frame bytes per line in Zephyr's layout. Zephyr keeps the 2-byte CRC whole on one line: when the data
 * ends on a line with 0 or 1 byte of room left, the last base64 group moves to a final line with the CRC.
 */
function zephyrLineLayout(frameLength: number): number[] {
  const dataLength = frameLength - 2;
  const layout: number[] = [];
  let capacity = ZEPHYR_FIRST_LINE_BYTES;
  let at = 0;
  for (;;) {
    const remaining = dataLength - at;
    if (remaining > capacity) {
      layout.push(capacity);
      at += capacity;
      capacity = ZEPHYR_LINE_BYTES;
    } else if (capacity - remaining >= 2) {
      layout.push(remaining + 2);
      return layout;
    } else {
      layout.push(capacity - 3, remaining - (capacity - 3) + 2);
      return layout;
    }
  }
}

function wireSize(layout: readonly number[]): number {
  let total = 0;
  for (const bytes of layout) total += LINE_OVERHEAD + base64Length(bytes);
  return total;
}

/** length || packet || CRC, in one allocation. */
function buildFrame(packet: Uint8Array): Uint8Array {
  const n = packet.length;
  const frame = new Uint8Array(n + FRAME_OVERHEAD);
  frame[0] = ((n + 2) >> 8) & 0xff;
  frame[1] = (n + 2) & 0xff;
  frame.set(packet, 2);
  const crc = crc16Xmodem(packet);
  frame[n + 2] = crc >> 8;
  frame[n + 3] = crc & 0xff;
  return frame;
}

/** Writes every line into one buffer sized up front, so encoding is linear with no string building. */
function writeLines(frame: Uint8Array, layout: readonly number[]): Uint8Array {
  const out = new Uint8Array(wireSize(layout));
  let o = 0;
  let at = 0;
  for (let line = 0; line < layout.length; line++) {
    const marker = line === 0 ? SERIAL_START_MARKER : SERIAL_CONTINUATION_MARKER;
    out[o] = marker[0]!;
    out[o + 1] = marker[1]!;
    const end = at + layout[line]!;
    o = encodeBase64Into(frame, at, end, out, o + 2);
    out[o++] = 0x0a;
    at = end;
  }
  return out;
}
