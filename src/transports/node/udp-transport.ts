// SMP over UDP (Zephyr's UDP transport): one SMP packet per datagram, no framing. Node only (CLI).
// UDP has no connection, so a lost device shows up as request timeouts, not as a closed link.

import { createSocket, type Socket } from "node:dgram";
import { TransportError, type Transport, type TransportCloseReason } from "../../core/transport.js";

/** Zephyr's default CONFIG_MCUMGR_TRANSPORT_UDP_MTU; the device's buf_size may lower it further. */
export const DEFAULT_UDP_MTU = 1024;

export interface UdpAddress {
  readonly host: string;
  readonly port: number;
}

/** Parses HOST:PORT (or [IPv6]:PORT). Port 0 ("any free port") only when binding a server. */
export function parseUdpAddress(text: string, allowPortZero = false): UdpAddress | undefined {
  const match = /^\[?([^\]]+?)\]?:(\d{1,5})$/.exec(text.trim());
  if (!match) return undefined;
  const port = Number(match[2]);
  if (!Number.isInteger(port) || port < (allowPortZero ? 0 : 1) || port > 65535) return undefined;
  return { host: match[1] ?? "", port };
}

export class UdpTransport implements Transport {
  readonly label: string;
  readonly kind = "udp";
  readonly maxPacketSize: number;
  readonly closed: Promise<TransportCloseReason>;
  private readonly listeners = new Set<(packet: Uint8Array) => void>();
  private resolveClosed!: (reason: TransportCloseReason) => void;
  private isClosed = false;

  private constructor(
    private readonly socket: Socket,
    address: UdpAddress,
    mtu: number,
  ) {
    this.label = `UDP ${address.host}:${address.port}`;
    this.maxPacketSize = mtu;
    this.closed = new Promise((resolve) => (this.resolveClosed = resolve));
    socket.on("message", (message) => {
      const packet = new Uint8Array(message.buffer, message.byteOffset, message.byteLength);
      for (const listener of this.listeners) listener(packet);
    });
    socket.on("error", (error) => this.finish({ kind: "lost", error }));
  }

  static async open(address: UdpAddress, mtu = DEFAULT_UDP_MTU): Promise<UdpTransport> {
    const socket = createSocket(address.host.includes(":") ? "udp6" : "udp4");
    await new Promise<void>((resolve, reject) => {
      socket.once("error", reject);
      socket.connect(address.port, address.host, () => {
        socket.off("error", reject);
        resolve();
      });
    }).catch((error: unknown) => {
      socket.close();
      throw new TransportError(
        "udp-open-failed",
        { host: address.host, port: address.port },
        { hint: "udp-open-failed", cause: error },
      );
    });
    return new UdpTransport(socket, address, mtu);
  }

  async send(packet: Uint8Array): Promise<void> {
    if (this.isClosed) throw new TransportError("link-closed", { label: this.label });
    await new Promise<void>((resolve, reject) =>
      this.socket.send(packet, (error) =>
        error
          ? reject(new TransportError("send-failed", { label: this.label }, { cause: error }))
          : resolve(),
      ),
    );
  }

  onPacket(listener: (packet: Uint8Array) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    this.finish({ kind: "user" });
  }

  private finish(reason: TransportCloseReason): void {
    if (this.isClosed) return;
    this.isClosed = true;
    this.listeners.clear();
    try {
      this.socket.close();
    } catch {
      // Already closed by an error: nothing left to release.
    }
    this.resolveClosed(reason);
  }
}
