// The slice of the Web Serial API (WICG Serial API, https://wicg.github.io/serial/) this transport uses.
// TypeScript's DOM library does not declare it, so it is declared here, and the real navigator.serial is
// checked against it at run time instead of being cast.

export interface SerialPortFilter {
  readonly usbVendorId?: number;
  readonly usbProductId?: number;
}

export interface SerialPortRequestOptions {
  readonly filters?: readonly SerialPortFilter[];
}

export interface SerialPortInfo {
  readonly usbVendorId?: number | undefined;
  readonly usbProductId?: number | undefined;
}

export interface SerialOpenOptions {
  readonly baudRate: number;
  readonly dataBits?: number;
  readonly stopBits?: number;
  readonly parity?: "none" | "even" | "odd";
  readonly bufferSize?: number;
  readonly flowControl?: "none" | "hardware";
}

/** A SerialPort. `connected` exists since Chrome 124; older versions leave it undefined. */
export interface SerialPortLike extends EventTarget {
  readonly readable: ReadableStream<Uint8Array> | null;
  readonly writable: WritableStream<Uint8Array> | null;
  readonly connected?: boolean | undefined;
  getInfo(): SerialPortInfo;
  open(options: SerialOpenOptions): Promise<void>;
  close(): Promise<void>;
}

/** navigator.serial: fires "connect"/"disconnect" (target: the port) as devices come and go. */
export interface SerialLike extends EventTarget {
  requestPort(options?: SerialPortRequestOptions): Promise<SerialPortLike>;
  getPorts(): Promise<SerialPortLike[]>;
}

function hasMethods(value: unknown, names: readonly string[]): boolean {
  if (typeof value !== "object" || value === null) return false;
  return names.every((name) => typeof Reflect.get(value, name) === "function");
}

export function isSerialLike(value: unknown): value is SerialLike {
  return hasMethods(value, ["requestPort", "getPorts", "addEventListener", "removeEventListener"]);
}

export function isSerialPortLike(value: unknown): value is SerialPortLike {
  return hasMethods(value, ["open", "close", "getInfo", "addEventListener", "removeEventListener"]);
}

/** The browser's navigator.serial, or undefined where there is none (Firefox, Safari, Android, insecure page). */
export function browserSerial(): SerialLike | undefined {
  if (typeof navigator === "undefined") return undefined;
  const api: unknown = Reflect.get(navigator, "serial");
  return isSerialLike(api) ? api : undefined;
}

/**
 * The port's identity, in no language: "USB 2fe3:0100" when it says which USB device it is, else "UART" (a
 * platform or Bluetooth serial port). The edges put the link's kind into words (src/i18n/link-label.ts).
 */
export function describePort(port: SerialPortLike): string {
  const info = port.getInfo();
  if (info.usbVendorId === undefined) return "UART";
  const hex = (n: number | undefined): string => (n ?? 0).toString(16).padStart(4, "0");
  return `USB ${hex(info.usbVendorId)}:${hex(info.usbProductId)}`;
}
