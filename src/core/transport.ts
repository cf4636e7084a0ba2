// The one interface every link implements (DESIGN.md "Interfaces worth getting right"): it moves whole SMP
// packets (8-byte header + CBOR body) and reports how it ended. Framing happens inside the transport.

import { type ErrorParams, McuFlashError, type McuFlashErrorOptions } from "./errors.js";

export type TransportCloseReason =
  { readonly kind: "user" } | { readonly kind: "lost"; readonly error: Error };

/** What kind of link a transport is: decides how the upload engine paces requests (see upload.ts). */
export type LinkKind = "serial" | "ble" | "udp";

export interface Transport {
  /**
   * Which device, in no language, for logs, audit records and error parameters: a port path
   * ("/dev/ttyACM0"), "USB 2fe3:0100", a Bluetooth name, "UDP 192.0.2.1:1337". Never decides behaviour (use
   * `kind`); the edges word the kind around it (src/i18n/link-label.ts).
   */
  readonly label: string;
  /** The kind of link, where the transport knows it. */
  readonly kind?: LinkKind;
  /**
   * Largest SMP packet (header included) this link can carry in one request. The upload engine fits chunks to
   * min(this, device buf_size). May be Infinity for stream links that only the device limits.
   */
  readonly maxPacketSize: number;
  /** Sends one whole SMP packet. Rejects with a TransportError when the link is gone. */
  send(packet: Uint8Array, signal?: AbortSignal): Promise<void>;
  /** Subscribes to whole received SMP packets; returns an unsubscribe function. */
  onPacket(listener: (packet: Uint8Array) => void): () => void;
  /** Resolves once the link is closed, saying whether the user closed it or it was lost. Never rejects. */
  readonly closed: Promise<TransportCloseReason>;
  /** Closes the link (idempotent). */
  close(): Promise<void>;
  /**
   * Optional: carry smaller packets from now on, after the device left large requests unanswered (BLE without
   * reassembly). Returns the new maxPacketSize.
   */
  lowerMaxPacketSize?(): number;
}

/** Something that can (re)open a link to the same device, e.g. after a reset. */
export interface TransportFactory {
  readonly label: string;
  /** The kind of link it opens, where the factory knows it. */
  readonly kind?: LinkKind;
  open(signal?: AbortSignal): Promise<Transport>;
}

/** The link failed or is gone. `code`: "link-lost" | "link-closed" | "send-failed" | "port-busy" | ... */
export class TransportError extends McuFlashError {
  constructor(code: string, params: ErrorParams = {}, options: McuFlashErrorOptions = {}) {
    super(code, params, options);
  }
}
