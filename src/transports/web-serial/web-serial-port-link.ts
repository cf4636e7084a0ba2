// One open Web Serial port as a Transport: opens the port, runs the read loop that feeds SerialFramedTransport
// (SMP console framing lives there), writes whole frames, and turns an unplug or a fatal read error into a link
// loss. Closing cancels the reader, releases both stream locks and closes the port, so it can be opened again.

import { TransportError } from "../../core/transport.js";
import { SerialFramedTransport, type SerialFramedOptions } from "../serial-framed-transport.js";
import { errorName } from "../browser/dom-error.js";
import { serialLostError, serialOpenError } from "./web-serial-errors.js";
import { describePort, type SerialLike, type SerialPortLike } from "./web-serial-types.js";

export const DEFAULT_BAUD_RATE = 115200;
// Chrome's default read buffer is 255 bytes; a Zephyr device answering a 2 KiB frame in one burst would make
// the browser stall the USB pipe between reads. 4 KiB holds a whole typical response.
const DEFAULT_BUFFER_SIZE = 4096;

// Read errors after which Chrome hands out a fresh `readable` and the port stays usable (Serial API, "readable").
const RECOVERABLE_READ_ERRORS = new Set(["BreakError", "FramingError", "ParityError", "BufferOverrunError"]);

export interface WebSerialOpenOptions extends SerialFramedOptions {
  readonly baudRate?: number;
  readonly bufferSize?: number;
  /** Shown in logs and errors; default from the USB ids, e.g. "USB 2fe3:0100". */
  readonly label?: string;
  /** navigator.serial, to hear its "disconnect" events too (some Chrome versions fire only there). */
  readonly serial?: SerialLike | undefined;
  /** A recoverable line error (break, framing, parity, overrun): bytes were lost, the link goes on. */
  readonly onReadError?: (error: TransportError) => void;
}

/** Opens `port` and returns a Transport over it. Rejects with TransportError ("port-busy", ...). */
export async function openWebSerialPort(
  port: SerialPortLike,
  options: WebSerialOpenOptions = {},
): Promise<SerialFramedTransport> {
  const label = options.label ?? describePort(port);
  try {
    await port.open({
      baudRate: options.baudRate ?? DEFAULT_BAUD_RATE,
      bufferSize: options.bufferSize ?? DEFAULT_BUFFER_SIZE,
    });
  } catch (error) {
    throw serialOpenError(label, error);
  }
  return new PortLink(port, label, options).transport;
}

class PortLink {
  readonly transport: SerialFramedTransport;
  private writer: WritableStreamDefaultWriter<Uint8Array> | undefined;
  private reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  private closing = false;
  private readonly loopDone: Promise<void>;

  constructor(
    private readonly port: SerialPortLike,
    private readonly label: string,
    private readonly options: WebSerialOpenOptions,
  ) {
    this.transport = new SerialFramedTransport(
      label,
      { write: (bytes) => this.write(bytes), close: () => this.release() },
      options,
    );
    port.addEventListener("disconnect", this.onDisconnect);
    options.serial?.addEventListener("disconnect", this.onDisconnect);
    this.loopDone = this.readLoop();
  }

  private readonly onDisconnect = (event: Event): void => {
    // navigator.serial's event names the port that went away; ignore other ports.
    if (event.target !== this.port && event.currentTarget !== this.port) return;
    this.transport.lose(serialLostError(this.label));
  };

  private async write(bytes: Uint8Array): Promise<void> {
    if (this.writer === undefined) {
      const writable = this.port.writable;
      if (writable === null) throw serialLostError(this.label);
      this.writer = writable.getWriter();
    }
    await this.writer.write(bytes);
  }

  private async readLoop(): Promise<void> {
    while (!this.closing) {
      const readable = this.port.readable;
      if (readable === null) {
        // Chrome drops `readable` for good after a fatal error (the device is gone).
        this.transport.lose(serialLostError(this.label));
        return;
      }
      const reader = readable.getReader();
      this.reader = reader;
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          if (value instanceof Uint8Array) this.transport.receive(value);
        }
        if (!this.closing) {
          this.transport.lose(serialLostError(this.label));
          return;
        }
      } catch (error) {
        if (this.closing) return;
        if (!RECOVERABLE_READ_ERRORS.has(errorName(error))) {
          this.transport.lose(serialLostError(this.label, error));
          return;
        }
        this.options.onReadError?.(
          new TransportError(
            "serial-line-error",
            { label: this.label, error: errorName(error) },
            { hint: "serial-line-error", cause: error },
          ),
        );
      } finally {
        reader.releaseLock();
        this.reader = undefined;
      }
    }
  }

  /** Called once by SerialFramedTransport on close() or a loss. Never throws: the port may already be gone. */
  private async release(): Promise<void> {
    this.closing = true;
    this.port.removeEventListener("disconnect", this.onDisconnect);
    this.options.serial?.removeEventListener("disconnect", this.onDisconnect);
    await this.reader?.cancel().catch(() => undefined);
    await this.loopDone;
    // port.close() refuses while either stream is locked.
    this.writer?.releaseLock();
    this.writer = undefined;
    await this.port.close().catch(() => undefined);
  }
}
