// A fake navigator.serial that behaves like Chrome's where our transport can tell: streams that lock, close()
// refusing locked streams, InvalidStateError on a second open, NetworkError when the OS refuses the port, and on
// unplug a fatal read error, `readable`/`writable` going null and a "disconnect" event. The bytes go to and come
// from the simulated device end through a FakeBackend. Runs in the page and in Node.

import {
  encodeBytes,
  type FakeBackend,
  type FakeCall,
  type FakePageSetup,
  type FakeUsbFilter,
} from "./protocol.js";

async function call(backend: FakeBackend, request: FakeCall): Promise<string | undefined> {
  const result = await backend(request);
  if (!result.ok) throw new DOMException(result.message, result.name);
  return result.value;
}

export class FakeSerialPort extends EventTarget {
  readable: ReadableStream<Uint8Array> | null = null;
  writable: WritableStream<Uint8Array> | null = null;
  connected = true;
  private isOpen = false;
  private readController: ReadableStreamDefaultController<Uint8Array> | undefined;
  private writeController: WritableStreamDefaultController | undefined;

  constructor(
    readonly id: string,
    private readonly info: { readonly usbVendorId?: number; readonly usbProductId?: number },
    private readonly backend: FakeBackend,
    private readonly serial: EventTarget,
  ) {
    super();
  }

  getInfo(): { usbVendorId?: number; usbProductId?: number } {
    return { ...this.info };
  }

  async open(options: { readonly baudRate: number }): Promise<void> {
    if (this.isOpen) throw new DOMException("The port is already open.", "InvalidStateError");
    if (!Number.isInteger(options.baudRate) || options.baudRate <= 0) {
      throw new TypeError("Failed to execute 'open' on 'SerialPort': Requested baud rate must be non-zero.");
    }
    await call(this.backend, { op: "serial-open", port: this.id, baudRate: options.baudRate });
    this.isOpen = true;
    this.readable = this.newReadable();
    this.writable = new WritableStream<Uint8Array>({
      start: (controller) => {
        this.writeController = controller;
      },
      write: async (chunk) => {
        await call(this.backend, { op: "serial-write", port: this.id, data: encodeBytes(chunk) });
      },
    });
  }

  private newReadable(): ReadableStream<Uint8Array> {
    return new ReadableStream<Uint8Array>({
      start: (controller) => {
        this.readController = controller;
      },
      cancel: () => {
        this.readController = undefined;
      },
    });
  }

  /** A recoverable line error (break, framing, parity, overrun): Chrome errors `readable` and makes a new one. */
  lineError(name: string): void {
    const old = this.readController;
    if (!old) return;
    this.readable = this.newReadable();
    old.error(new DOMException(`A ${name} was detected.`, name));
  }

  async close(): Promise<void> {
    if (!this.isOpen) throw new DOMException("The port is already closed.", "InvalidStateError");
    if (this.readable?.locked === true || this.writable?.locked === true) {
      throw new TypeError("Failed to execute 'close' on 'SerialPort': Cannot cancel a locked stream");
    }
    await this.readable?.cancel().catch(() => undefined);
    await this.writable?.close().catch(() => undefined);
    this.readable = null;
    this.writable = null;
    this.readController = undefined;
    this.isOpen = false;
    await call(this.backend, { op: "serial-close", port: this.id }).catch(() => undefined);
  }

  /** Bytes from the device. */
  deliver(bytes: Uint8Array): void {
    try {
      this.readController?.enqueue(bytes);
    } catch {
      // The stream was cancelled or errored: like a real port, bytes then go nowhere.
    }
  }

  /** The USB device went away: a fatal read error, streams gone, "disconnect" events. */
  unplug(): void {
    this.connected = false;
    const lost = new DOMException("The device has been lost.", "NetworkError");
    try {
      this.readController?.error(lost);
    } catch {
      // Already closed.
    }
    this.writeController?.error(lost);
    this.readController = undefined;
    this.readable = null;
    this.writable = null;
    this.dispatchEvent(new Event("disconnect"));
    this.serial.dispatchEvent(new Event("disconnect"));
  }

  replug(): void {
    this.connected = true;
    this.dispatchEvent(new Event("connect"));
    this.serial.dispatchEvent(new Event("connect"));
  }
}

export class FakeSerial extends EventTarget {
  private readonly ports = new Map<string, FakeSerialPort>();
  private readonly granted = new Set<string>();

  constructor(
    setup: FakePageSetup,
    private readonly backend: FakeBackend,
  ) {
    super();
    for (const spec of setup.serialPorts) {
      const info = {
        ...(spec.usbVendorId !== undefined ? { usbVendorId: spec.usbVendorId } : {}),
        ...(spec.usbProductId !== undefined ? { usbProductId: spec.usbProductId } : {}),
      };
      this.ports.set(spec.id, new FakeSerialPort(spec.id, info, backend, this));
    }
  }

  /** The device end plays the user at the chooser: it answers with a port id or a DOMException. */
  async requestPort(options: { readonly filters?: readonly FakeUsbFilter[] } = {}): Promise<FakeSerialPort> {
    const id = await call(this.backend, { op: "serial-request", filters: options.filters ?? [] });
    const port = id === undefined ? undefined : this.ports.get(id);
    if (port === undefined) throw new DOMException("No port selected by the user.", "NotFoundError");
    this.granted.add(port.id);
    return port;
  }

  async getPorts(): Promise<FakeSerialPort[]> {
    return [...this.ports.values()].filter((port) => this.granted.has(port.id) && port.connected);
  }

  /** Marks a port as permitted earlier (what getPorts() returns after a reload). */
  grant(id: string): void {
    if (this.ports.has(id)) this.granted.add(id);
  }

  port(id: string): FakeSerialPort | undefined {
    return this.ports.get(id);
  }
}
