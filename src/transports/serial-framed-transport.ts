// A Transport over any serial byte stream (Node serial port, PTY, Web Serial): SMP console framing on the way
// out, the incremental frame decoder on the way in, console text handed to a listener. The owner runs the read
// loop and calls receive()/lose(); this class knows nothing about the platform.

import {
  SERIAL_DEFAULT_LINE_LENGTH,
  SERIAL_MAX_PACKET_SIZE,
  SerialFrameDecoder,
  encodeSerialFrame,
  type SerialFrameError,
} from "../core/framing/index.js";
import { TransportError, type Transport, type TransportCloseReason } from "../core/transport.js";

export interface ByteSink {
  write(bytes: Uint8Array): Promise<void>;
  /** Releases the port; called once by close(). */
  close(): Promise<void>;
}

export interface SerialFramedOptions {
  readonly lineLength?: number;
  readonly onConsoleText?: (text: string) => void;
  readonly onFrameError?: (error: SerialFrameError) => void;
}

export class SerialFramedTransport implements Transport {
  readonly maxPacketSize = SERIAL_MAX_PACKET_SIZE;
  readonly kind = "serial";
  readonly closed: Promise<TransportCloseReason>;
  private readonly decoder = new SerialFrameDecoder();
  private readonly listeners = new Set<(packet: Uint8Array) => void>();
  private writeChain: Promise<void> = Promise.resolve();
  private resolveClosed!: (reason: TransportCloseReason) => void;
  private ended = false;

  constructor(
    readonly label: string,
    private readonly sink: ByteSink,
    private readonly options: SerialFramedOptions = {},
  ) {
    this.closed = new Promise((resolve) => (this.resolveClosed = resolve));
  }

  /** Bytes read from the port, in any chunking. */
  receive(bytes: Uint8Array): void {
    if (this.ended) return;
    for (const event of this.decoder.push(bytes)) {
      if (event.type === "packet") for (const listener of this.listeners) listener(event.packet);
      else if (event.type === "console") this.options.onConsoleText?.(event.text);
      else this.options.onFrameError?.(event.error);
    }
  }

  /** The port failed or disappeared (unplug, read error). */
  lose(error: Error): void {
    if (this.ended) return;
    this.ended = true;
    this.listeners.clear();
    this.resolveClosed({ kind: "lost", error });
    void this.sink.close().catch(() => undefined);
  }

  get frameErrors(): number {
    return this.decoder.stats.frameErrors;
  }

  send(packet: Uint8Array): Promise<void> {
    if (this.ended) return Promise.reject(new TransportError("link-closed", { label: this.label }));
    const frame = encodeSerialFrame(packet, this.options.lineLength ?? SERIAL_DEFAULT_LINE_LENGTH);
    // One frame at a time: interleaved lines of two frames would garble both.
    const write = this.writeChain.then(() => this.sink.write(frame));
    this.writeChain = write.catch(() => undefined);
    return write.catch((error: unknown) => {
      const lost = new TransportError(
        "send-failed",
        { label: this.label },
        { variant: "serial-write", hint: "send-failed.serial-write", cause: error },
      );
      this.lose(lost);
      throw lost;
    });
  }

  onPacket(listener: (packet: Uint8Array) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    if (this.ended) return;
    this.ended = true;
    this.listeners.clear();
    await this.writeChain;
    this.resolveClosed({ kind: "user" });
    await this.sink.close().catch(() => undefined);
  }
}
