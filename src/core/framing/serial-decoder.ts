// Incremental decoder for "SMP over console" (Zephyr SMP transport spec, serial section; vectors:
// shared/vectors/smp/serial_frames.json). Bytes arrive in arbitrary chunks mixed with console output (shell
// prompts, log lines); it separates whole SMP packets from console text and drops damaged frames.
//
// Rules, matching Zephyr and smpclient:
// - A frame line runs from a marker (06 09 starts a frame, 04 14 continues it) to "\n". Markers are found
//   anywhere, also mid-line (Zephyr's shell prints the prompt and then the frame on the same line).
// - Everything else is console text, including log lines that arrive between the lines of one frame.
// - '\r' inside a frame line is ignored (a PTY or terminal may turn "\n" into "\r\n").
// - A byte that cannot be in a frame line (for example the next frame's marker after a lost "\n") ends the line
//   early and is then read as console text, so one lost newline costs at most one frame.
// The frame itself (base64, length field, CRC) is rebuilt by serial-frame-assembler.ts.

import { BASE64_VALUE, PAD } from "./base64-ascii.js";
import { FramingArgumentError, SerialFrameError, type SerialFrameErrorKind } from "./framing-errors.js";
import { SerialFrameAssembler } from "./serial-frame-assembler.js";
import { SERIAL_MAX_PACKET_SIZE } from "./serial-encoder.js";

export interface SerialFrameDecoderOptions {
  /** Frames announcing a larger packet are dropped unread (bounds memory). Default: the format's maximum. */
  readonly maxPacketSize?: number;
}

/** What one push produced, in stream order. */
export type SerialDecodeEvent =
  | { readonly type: "packet"; readonly packet: Uint8Array }
  | { readonly type: "console"; readonly text: string }
  | { readonly type: "frame-error"; readonly error: SerialFrameError };

export interface SerialDecoderStats {
  readonly packets: number;
  readonly consoleBytes: number;
  readonly frameErrors: number;
  readonly frameErrorsByKind: Readonly<Record<SerialFrameErrorKind, number>>;
}

const LF = 0x0a;
const CR = 0x0d;

/** What the bytes being read are: console text, a frame line, or a frame line being ignored. */
const Line = { console: 0, frame: 1, ignored: 2 } as const;
type Line = (typeof Line)[keyof typeof Line];

function zeroCounts(): Record<SerialFrameErrorKind, number> {
  return {
    "bad-crc": 0,
    "bad-length": 0,
    "too-large": 0,
    "bad-base64": 0,
    interrupted: 0,
    "orphan-line": 0,
    incomplete: 0,
  };
}

/**
 * Usage: `for (const event of decoder.push(chunk)) ...` for every chunk read from the port; `flush()` when the
 * port closes; `reset()` on reconnect. push() never throws: damaged frames come back as "frame-error" events
 * and are counted in `stats`. Console text is handed over as soon as it arrives (prompts have no newline),
 * split wherever the reads split it; only a possible marker's first byte and an unfinished UTF-8 character
 * are held back, so an endless console line costs no memory. A frame never holds more than
 * maxPacketSize + 2 bytes. Packets returned are fresh buffers the caller owns.
 */
export class SerialFrameDecoder {
  private readonly frame: SerialFrameAssembler;
  private text = new TextDecoder();
  private line: Line = Line.console;
  private heldMarkerByte = -1;
  private events: SerialDecodeEvent[] = [];
  private readonly counts = { packets: 0, consoleBytes: 0, frameErrors: 0, byKind: zeroCounts() };

  constructor(options: SerialFrameDecoderOptions = {}) {
    const max = options.maxPacketSize ?? SERIAL_MAX_PACKET_SIZE;
    if (!Number.isSafeInteger(max) || max < 0 || max > SERIAL_MAX_PACKET_SIZE) {
      throw new FramingArgumentError("serial-packet-limit", { SERIAL_MAX_PACKET_SIZE, max });
    }
    this.frame = new SerialFrameAssembler(max, (kind, params, variant) => {
      this.counts.frameErrors++;
      this.counts.byKind[kind]++;
      this.events.push({ type: "frame-error", error: new SerialFrameError(kind, params, variant) });
    });
  }

  /** Counters since construction (reset() keeps them: they describe the link's health over the session). */
  get stats(): SerialDecoderStats {
    const c = this.counts;
    return {
      packets: c.packets,
      consoleBytes: c.consoleBytes,
      frameErrors: c.frameErrors,
      frameErrorsByKind: { ...c.byKind },
    };
  }

  /** Feeds bytes read from the port; returns the packets, console text and frame errors they completed. */
  push(chunk: Uint8Array): SerialDecodeEvent[] {
    const events: SerialDecodeEvent[] = [];
    this.events = events;
    let i = 0;
    while (i < chunk.length) {
      if (this.line !== Line.console) i = this.scanFrameLine(chunk, i);
      else if (this.heldMarkerByte >= 0) i = this.resolveHeldMarker(chunk, i);
      else i = this.scanConsole(chunk, i);
    }
    return events;
  }

  /**
   * The stream ended: a frame line without its "\n" is finished as if it had one, held console bytes are
   * handed over, and a frame still missing bytes is reported as "incomplete". The decoder is then reset.
   */
  flush(): SerialDecodeEvent[] {
    const events: SerialDecodeEvent[] = [];
    this.events = events;
    this.packet(this.frame.finish(this.line === Line.frame));
    if (this.heldMarkerByte >= 0) this.console(Uint8Array.of(this.heldMarkerByte));
    const tail = this.text.decode();
    if (tail.length > 0) this.pushConsoleText(tail);
    this.reset();
    return events;
  }

  /** Forgets any partial frame, line and console text without reporting them (e.g. after reconnecting). */
  reset(): void {
    this.frame.reset();
    this.text = new TextDecoder();
    this.line = Line.console;
    this.heldMarkerByte = -1;
  }

  private scanConsole(chunk: Uint8Array, from: number): number {
    for (let i = from; i < chunk.length; i++) {
      const b = chunk[i]!;
      if (b !== 0x06 && b !== 0x04) continue;
      if (i + 1 === chunk.length) {
        this.console(chunk.subarray(from, i));
        this.heldMarkerByte = b;
        return chunk.length;
      }
      if (isMarker(b, chunk[i + 1]!)) {
        this.console(chunk.subarray(from, i));
        this.beginLine(b);
        return i + 2;
      }
    }
    this.console(chunk.subarray(from));
    return chunk.length;
  }

  /** The previous chunk ended on 06 or 04: this chunk's first byte says whether it was a marker. */
  private resolveHeldMarker(chunk: Uint8Array, at: number): number {
    const held = this.heldMarkerByte;
    this.heldMarkerByte = -1;
    if (isMarker(held, chunk[at]!)) {
      this.beginLine(held);
      return at + 1;
    }
    this.console(Uint8Array.of(held));
    return at;
  }

  private beginLine(markerFirstByte: number): void {
    if (markerFirstByte === 0x06) {
      this.frame.startLine();
      this.line = Line.frame;
    } else {
      this.line = this.frame.continuationLine() ? Line.frame : Line.ignored;
    }
  }

  private scanFrameLine(chunk: Uint8Array, from: number): number {
    const frame = this.frame;
    for (let i = from; i < chunk.length; i++) {
      const b = chunk[i]!;
      const value = BASE64_VALUE[b]!;
      if (value >= 0) {
        if (this.line === Line.frame && !frame.digit(value)) this.line = Line.ignored;
      } else if (b === PAD) {
        if (this.line === Line.frame && !frame.pad()) this.line = Line.ignored;
      } else if (b !== CR) {
        if (this.line === Line.frame) this.packet(frame.endLine());
        this.line = Line.console;
        // "\n" belongs to the frame line; any other byte ends the line and is read again as console text.
        return b === LF ? i + 1 : i;
      }
    }
    return chunk.length;
  }

  private packet(packet: Uint8Array | undefined): void {
    if (packet === undefined) return;
    this.counts.packets++;
    this.events.push({ type: "packet", packet });
  }

  private console(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    this.counts.consoleBytes += bytes.length;
    const text = this.text.decode(bytes, { stream: true });
    if (text.length > 0) this.pushConsoleText(text);
  }

  /** Console text directly after console text (a held byte, then the rest) becomes one event. */
  private pushConsoleText(text: string): void {
    const last = this.events[this.events.length - 1];
    if (last?.type === "console") {
      this.events[this.events.length - 1] = { type: "console", text: last.text + text };
    } else {
      this.events.push({ type: "console", text });
    }
  }
}

function isMarker(first: number, second: number): boolean {
  return (first === 0x06 && second === 0x09) || (first === 0x04 && second === 0x14);
}
