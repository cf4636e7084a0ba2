// Rebuilds one serial SMP frame from the base64 of its lines (Zephyr SMP transport spec, serial section):
// u16 BE length (packet + 2) || packet || CRC16-XMODEM. Each line is decoded on its own ('=' only at a line's
// end), as Zephyr does, so both the client's and Zephyr's line layouts work. The line scanning (markers,
// console text) is serial-decoder.ts; this file only sees the characters of frame lines.

import { crc16Xmodem } from "./crc16.js";
import type { ErrorParams } from "../errors.js";
import { SerialFrameErrorKind } from "./framing-errors.js";

/** A dropped frame: its kind, what exactly was wrong (parameters) and which wording applies (variant). */
export type ReportFrameError = (kind: SerialFrameErrorKind, params: ErrorParams, variant?: string) => void;

/**
 * Where the frame is; "skipping" drops continuation lines of a frame already given up on. The values are
 * ordered: everything from lengthHigh on means a frame is being reassembled.
 */
const Phase = { idle: 0, skipping: 1, lengthHigh: 2, lengthLow: 3, body: 4 } as const;
type Phase = (typeof Phase)[keyof typeof Phase];

const EMPTY = new Uint8Array(0);

export class SerialFrameAssembler {
  private phase: Phase = Phase.idle;
  private lengthHigh = 0;
  /** Packet + CRC, sized from the length field (so never more than maxPacketSize + 2). */
  private body = EMPTY;
  private have = 0;
  // Base64 of the current line, one quad at a time.
  private quad = 0;
  private quadChars = 0;
  private quadPads = 0;
  private linePadded = false;

  constructor(
    private readonly maxPacketSize: number,
    private readonly report: ReportFrameError,
  ) {}

  get inFrame(): boolean {
    return this.phase >= Phase.lengthHigh;
  }

  /** A line with the start marker: a new frame begins (dropping one still in progress). */
  startLine(): void {
    this.resetLine();
    if (this.inFrame) {
      this.report(SerialFrameErrorKind.interrupted, ...this.progress());
    }
    this.phase = Phase.lengthHigh;
    this.body = EMPTY;
  }

  /** A line with the continuation marker; returns false when it belongs to no frame and must be ignored. */
  continuationLine(): boolean {
    this.resetLine();
    if (this.inFrame) return true;
    if (this.phase === Phase.idle) {
      this.report(SerialFrameErrorKind.orphanLine, {});
    }
    this.phase = Phase.skipping;
    return false;
  }

  /** One base64 digit (0..63); false when the frame was dropped and the rest of the line must be ignored. */
  digit(value: number): boolean {
    if (this.linePadded || this.quadPads > 0) {
      return this.fail(SerialFrameErrorKind.badBase64, {}, "text-after-padding");
    }
    this.quad = (this.quad << 6) | value;
    return ++this.quadChars === 4 ? this.quadDone(3) : true;
  }

  /** One '='; false when the frame was dropped and the rest of the line must be ignored. */
  pad(): boolean {
    if (this.linePadded || this.quadChars < 2) {
      return this.fail(SerialFrameErrorKind.badBase64, {}, "misplaced-padding");
    }
    this.quad <<= 6;
    this.quadPads++;
    if (++this.quadChars < 4) return true;
    this.linePadded = true;
    return this.quadDone(3 - this.quadPads);
  }

  /** The frame line ended; returns the packet if this line completed a good frame. */
  endLine(): Uint8Array | undefined {
    const partialQuad = this.quadChars !== 0;
    this.resetLine();
    if (partialQuad) {
      this.fail(SerialFrameErrorKind.badBase64, {}, "partial-quad");
      return undefined;
    }
    if (this.phase !== Phase.body || this.have !== this.body.length) return undefined;
    const body = this.body;
    this.body = EMPTY;
    if (crc16Xmodem(body) !== 0) {
      const n = body.length;
      const sent = (body[n - 2]! << 8) | body[n - 1]!;
      const computed = crc16Xmodem(body.subarray(0, n - 2));
      // A damaged length field can make a frame look complete early; its remaining lines belong to it.
      this.fail(SerialFrameErrorKind.badCrc, {
        received: `0x${hex4(sent)}`,
        computed: `0x${hex4(computed)}`,
        length: n - 2,
      });
      return undefined;
    }
    this.phase = Phase.idle;
    return body.subarray(0, body.length - 2);
  }

  /**
   * The stream ended. A frame line still open (`lineOpen`) is finished as if its "\n" had come, unless it
   * stopped mid-quad: then, like any frame still missing bytes, it is reported as incomplete.
   */
  finish(lineOpen: boolean): Uint8Array | undefined {
    const packet = lineOpen && this.quadChars === 0 ? this.endLine() : undefined;
    if (this.inFrame) {
      this.report(SerialFrameErrorKind.incomplete, ...this.progress());
    }
    this.reset();
    return packet;
  }

  reset(): void {
    this.resetLine();
    this.phase = Phase.idle;
    this.body = EMPTY;
    this.have = 0;
  }

  private quadDone(byteCount: number): boolean {
    const q = this.quad;
    this.quad = 0;
    this.quadChars = 0;
    this.quadPads = 0;
    if (this.phase === Phase.body && this.have + byteCount <= this.body.length) {
      // Hot path: packet bytes.
      this.body[this.have++] = q >> 16;
      if (byteCount > 1) this.body[this.have++] = (q >> 8) & 0xff;
      if (byteCount > 2) this.body[this.have++] = q & 0xff;
      return true;
    }
    for (let k = 0; k < byteCount; k++) if (!this.frameByte((q >> (16 - 8 * k)) & 0xff)) return false;
    return true;
  }

  private frameByte(b: number): boolean {
    if (this.phase === Phase.lengthHigh) {
      this.lengthHigh = b;
      this.phase = Phase.lengthLow;
      return true;
    }
    if (this.phase === Phase.lengthLow) {
      const length = (this.lengthHigh << 8) | b;
      if (length < 2) {
        return this.fail(SerialFrameErrorKind.badLength, { length }, "no-room-for-crc");
      }
      if (length - 2 > this.maxPacketSize) {
        return this.fail(SerialFrameErrorKind.tooLarge, {
          packetLength: length - 2,
          max: this.maxPacketSize,
        });
      }
      this.body = new Uint8Array(length);
      this.have = 0;
      this.phase = Phase.body;
      return true;
    }
    if (this.have < this.body.length) {
      this.body[this.have++] = b;
      return true;
    }
    return this.fail(
      SerialFrameErrorKind.badLength,
      { packetLength: this.body.length - 2 },
      "longer-than-announced",
    );
  }

  /** Drops the frame; its remaining continuation lines are ignored silently. */
  private fail(kind: SerialFrameErrorKind, params: ErrorParams, variant?: string): false {
    this.report(kind, params, variant);
    this.phase = Phase.skipping;
    this.body = EMPTY;
    return false;
  }

  /** How far the dropped frame had come: its byte count so far, or that its length had not arrived. */
  private progress(): [ErrorParams, string | undefined] {
    if (this.phase !== Phase.body) return [{}, "before-length"];
    return [{ received: this.have, expected: this.body.length }, undefined];
  }

  private resetLine(): void {
    this.quad = 0;
    this.quadChars = 0;
    this.quadPads = 0;
    this.linePadded = false;
  }
}

function hex4(n: number): string {
  return n.toString(16).padStart(4, "0");
}
