// The receive path of Zephyr's SMP serial console transport (drivers/console/uart_mcumgr.c and
// subsys/mgmt/mcumgr/transport/src/smp_uart.c), which is where a pipelined client meets a stock device's limits:
// - the UART interrupt puts each incoming line (one frame fragment, up to "\n") into one of
//   CONFIG_UART_MCUMGR_RX_BUF_COUNT buffers (2 by default) of CONFIG_UART_MCUMGR_RX_BUF_SIZE bytes (128), taken
//   at the line's first byte. With none free it logs "Insufficient buffers, fragment dropped" and ignores the
//   line up to its "\n"; a line longer than the buffer is ignored too;
// - a work item decodes the buffered lines into the SMP packet and frees them. It cannot run while the device's
//   SMP work queue holds the CPU writing or erasing flash, so lines that arrive meanwhile wait in their buffers;
// - a packet that lost a line fails its length or CRC check and is dropped without an answer.
// A stop-and-wait client never sends while the device writes flash, so it never meets this; a client that keeps
// requests in flight does, unless it keeps them few.

import { SerialFrameDecoder } from "../core/framing/index.js";
import type { RequestAnnotations } from "./device-queue.js";

export interface UartConsoleOptions {
  /** CONFIG_UART_MCUMGR_RX_BUF_COUNT. */
  readonly lineBuffers: number;
  /** CONFIG_UART_MCUMGR_RX_BUF_SIZE: the longest line a buffer holds, "\n" included. */
  readonly lineBufferSize: number;
}

/** Zephyr's defaults. */
export const ZEPHYR_UART_CONSOLE: UartConsoleOptions = { lineBuffers: 2, lineBufferSize: 128 };

export type UartDropReason = "no-line-buffer" | "line-too-long" | "bad-frame";

export interface UartConsoleHost {
  /** True while the SMP work queue holds the CPU (flash write or erase): fragments wait. */
  stalled(): boolean;
  /** Calls `fn` once the stall ends (at once if there is none). */
  whenUnstalled(fn: () => void): void;
  /** A whole packet, decoded from its lines. */
  deliver(packet: Uint8Array, annotations: RequestAnnotations | undefined): void;
  dropped(reason: UartDropReason, length: number): void;
}

interface LineBuffer {
  bytes: number[];
  /** Annotations of the request whose bytes started this line (fault injection). */
  readonly annotations: RequestAnnotations | undefined;
}

const LF = 0x0a;

export class UartConsoleReceiver {
  private free: number;
  private current: LineBuffer | undefined;
  /** Counting the bytes of a line being ignored (no buffer, or too long), up to its "\n". */
  private ignoring: number | undefined;
  private readonly ready: LineBuffer[] = [];
  private draining = false;
  private readonly decoder = new SerialFrameDecoder();
  private packetAnnotations: RequestAnnotations | undefined;

  constructor(
    readonly options: UartConsoleOptions,
    private readonly host: UartConsoleHost,
  ) {
    this.free = options.lineBuffers;
  }

  /** Line buffers in use now (for tests and the simulator's stats). */
  get buffersInUse(): number {
    return this.options.lineBuffers - this.free;
  }

  /** Bytes as the UART receives them, in order; `annotations` belong to the request these bytes carry. */
  receive(bytes: Uint8Array, annotations?: RequestAnnotations): void {
    for (const byte of bytes) this.receiveByte(byte, annotations);
  }

  /** A reset: buffers and any half-received line are gone. */
  reset(): void {
    this.free = this.options.lineBuffers;
    this.current = undefined;
    this.ignoring = undefined;
    this.ready.length = 0;
    this.decoder.reset();
    this.packetAnnotations = undefined;
  }

  private receiveByte(byte: number, annotations: RequestAnnotations | undefined): void {
    if (this.ignoring !== undefined) {
      this.ignoring += 1;
      if (byte === LF) this.ignoring = undefined;
      return;
    }
    if (this.current === undefined) {
      if (this.free === 0) {
        this.host.dropped("no-line-buffer", 1);
        this.ignoring = byte === LF ? undefined : 1;
        return;
      }
      this.free -= 1;
      this.current = { bytes: [], annotations };
    }
    const line = this.current;
    if (line.bytes.length >= this.options.lineBufferSize) {
      this.host.dropped("line-too-long", line.bytes.length);
      this.release();
      this.current = undefined;
      this.ignoring = byte === LF ? undefined : 1;
      return;
    }
    line.bytes.push(byte);
    if (byte !== LF) return;
    this.current = undefined;
    this.ready.push(line);
    this.drain();
  }

  /** The fragment work item: decodes waiting lines, unless the CPU is busy with flash. */
  private drain(): void {
    if (this.draining) return;
    if (this.host.stalled()) {
      this.draining = true;
      this.host.whenUnstalled(() => {
        this.draining = false;
        this.drain();
      });
      return;
    }
    for (let line = this.ready.shift(); line !== undefined; line = this.ready.shift()) {
      this.release();
      const bytes = Uint8Array.from(line.bytes);
      // A line that starts a frame starts a new packet: the request it belongs to is this line's.
      if (bytes[0] === 0x06 && bytes[1] === 0x09) this.packetAnnotations = line.annotations;
      for (const event of this.decoder.push(bytes)) {
        if (event.type === "packet") this.host.deliver(event.packet, this.packetAnnotations);
        else if (event.type === "frame-error") this.host.dropped("bad-frame", 0);
      }
    }
  }

  private release(): void {
    this.free = Math.min(this.options.lineBuffers, this.free + 1);
  }
}
