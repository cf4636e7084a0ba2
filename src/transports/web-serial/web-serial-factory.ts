// Choosing a Web Serial port and (re)opening it: the chooser must run inside the user's click, and the
// TransportFactory it returns reopens the same device after a reset without asking again. A USB CDC device
// re-enumerates when it resets, so the reopen retries for a while, and also tries a granted port with the same
// USB ids (Chrome may hand out a new SerialPort object for the re-enumerated device).

import type { TransportFactory } from "../../core/transport.js";
import type { SerialFramedTransport } from "../serial-framed-transport.js";
import { retryWithBackoff } from "../browser/retry-with-backoff.js";
import type { TransportClock } from "../transport-clock.js";
import { serialNotBackError, serialRequestError, serialUnsupportedError } from "./web-serial-errors.js";
import { openWebSerialPort, type WebSerialOpenOptions } from "./web-serial-port-link.js";
import {
  browserSerial,
  describePort,
  isSerialPortLike,
  type SerialLike,
  type SerialPortFilter,
  type SerialPortLike,
} from "./web-serial-types.js";

export interface WebSerialLinkOptions extends WebSerialOpenOptions {
  /** The platform object; navigator.serial by default. */
  readonly serial?: SerialLike | undefined;
  /** Offer only these USB devices in the chooser, e.g. [{ usbVendorId: 0x2fe3 }]. */
  readonly filters?: readonly SerialPortFilter[];
  /** How long a reopen keeps trying while the device re-enumerates (default 15 s). The first open tries once. */
  readonly reopenWindowMs?: number;
  /** Times the reopen's backoff; the standard timers by default. */
  readonly clock?: TransportClock;
}

export interface WebSerialFactory extends TransportFactory {
  /** The port the next open() tries first (the one last opened). */
  readonly port: SerialPortLike;
  open(signal?: AbortSignal): Promise<SerialFramedTransport>;
}

const DEFAULT_REOPEN_WINDOW_MS = 15_000;

function platform(options: WebSerialLinkOptions): SerialLike {
  const serial = options.serial ?? browserSerial();
  if (serial === undefined) throw serialUnsupportedError();
  return serial;
}

/** Shows the browser's port chooser. Call it from a click handler. */
export async function requestWebSerialPort(options: WebSerialLinkOptions = {}): Promise<SerialPortLike> {
  const serial = platform(options);
  let port: unknown;
  try {
    port = await serial.requestPort(options.filters ? { filters: options.filters } : {});
  } catch (error) {
    throw serialRequestError(error);
  }
  if (!isSerialPortLike(port)) throw serialRequestError(new Error("the browser returned no usable port"));
  return port;
}

/** Ports this site may already use (granted earlier), filtered like the chooser; no user gesture needed. */
export async function grantedWebSerialPorts(options: WebSerialLinkOptions = {}): Promise<SerialPortLike[]> {
  let ports: unknown;
  try {
    ports = await platform(options).getPorts();
  } catch (error) {
    throw serialRequestError(error);
  }
  if (!Array.isArray(ports)) return [];
  return ports.filter(isSerialPortLike).filter((port) => matchesFilters(port, options.filters));
}

/** Asks the user for a port and returns a factory for it (nothing is opened yet). */
export async function requestWebSerialLink(options: WebSerialLinkOptions = {}): Promise<WebSerialFactory> {
  return webSerialFactory(await requestWebSerialPort(options), options);
}

/** A TransportFactory over an already chosen or granted port. */
export function webSerialFactory(port: SerialPortLike, options: WebSerialLinkOptions = {}): WebSerialFactory {
  const reopenWindowMs = options.reopenWindowMs ?? DEFAULT_REOPEN_WINDOW_MS;
  let current = port;
  let opened = 0;

  async function candidates(): Promise<SerialPortLike[]> {
    const list = [current];
    const serial = options.serial ?? browserSerial();
    if (serial === undefined) return list;
    const granted: unknown = await serial.getPorts().catch(() => []);
    if (!Array.isArray(granted)) return list;
    for (const other of granted) {
      if (isSerialPortLike(other) && other !== current && sameUsbDevice(other, current)) list.push(other);
    }
    return list;
  }

  async function openOnce(): Promise<SerialFramedTransport> {
    let lastError: unknown;
    for (const candidate of opened === 0 ? [current] : await candidates()) {
      try {
        const transport = await openWebSerialPort(candidate, { ...options, label: describePort(candidate) });
        current = candidate;
        return transport;
      } catch (error) {
        lastError = error;
      }
    }
    throw lastError;
  }

  return {
    get label() {
      return describePort(current);
    },
    get port() {
      return current;
    },
    async open(signal?: AbortSignal): Promise<SerialFramedTransport> {
      const windowMs = opened === 0 ? 0 : reopenWindowMs;
      try {
        const transport = await retryWithBackoff(
          "connect",
          openOnce,
          { windowMs, initialDelayMs: 250, maxDelayMs: 2000 },
          { signal, clock: options.clock },
        );
        opened += 1;
        return transport;
      } catch (error) {
        if (windowMs > 0 && !signal?.aborted)
          throw serialNotBackError(describePort(current), windowMs, error);
        throw error;
      }
    },
  };
}

function sameUsbDevice(a: SerialPortLike, b: SerialPortLike): boolean {
  const x = a.getInfo();
  const y = b.getInfo();
  return x.usbVendorId !== undefined && x.usbVendorId === y.usbVendorId && x.usbProductId === y.usbProductId;
}

function matchesFilters(port: SerialPortLike, filters: readonly SerialPortFilter[] | undefined): boolean {
  if (filters === undefined || filters.length === 0) return true;
  const info = port.getInfo();
  return filters.some(
    (f) =>
      (f.usbVendorId === undefined || f.usbVendorId === info.usbVendorId) &&
      (f.usbProductId === undefined || f.usbProductId === info.usbProductId),
  );
}
