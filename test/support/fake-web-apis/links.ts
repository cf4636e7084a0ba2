// The device end of one fake connection: turns the host's bytes (serial console frames) or GATT writes into SMP
// packets for a peer (the simulated device, or the echo peer), and the peer's answers back into serial frames
// (Zephyr's line layout) or notifications of ATT_MTU − 3 bytes, as Zephyr's smp_uart / smp_bt would.

import {
  GattReassembler,
  SerialFrameDecoder,
  encodeSerialFrameZephyrStyle,
  splitForGatt,
} from "../../../src/core/framing/index.js";

/** What a peer asks of the link it is attached to (the simulator's DevicePort has this shape). */
export interface PeerPort {
  readonly kind: "serial" | "ble" | "udp";
  /** Sends a response; returns how long the link keeps the peer busy (always 0 here). */
  send(packet: Uint8Array): number;
  /** The peer went away (a reset). */
  lost(reason: Error): void;
}

export interface PeerConnection {
  receive(packet: Uint8Array): void;
  /** Raw console bytes, where the peer models a UART's line buffers (the simulated device does). */
  receiveSerial?(bytes: Uint8Array): void;
  detach(): void;
}

/** Anything that answers SMP packets: SimulatedDevice fits, as does EchoSmpPeer. */
export interface SmpPeer {
  attach(port: PeerPort): PeerConnection;
  /** Resolves when the peer answers again after a reset. */
  whenRunning?(): Promise<void>;
}

interface EndOptions {
  /** Requests are swallowed while this says so (a device that never answers). */
  readonly muted: () => boolean;
  readonly onLost: (reason: Error) => void;
}

export class SerialDeviceEnd {
  private readonly decoder = new SerialFrameDecoder();
  private readonly connection: PeerConnection;
  private detached = false;

  constructor(
    peer: SmpPeer,
    private readonly output: (bytes: Uint8Array) => void,
    private readonly options: EndOptions,
  ) {
    this.connection = peer.attach({
      kind: "serial",
      send: (packet) => {
        if (!this.detached) this.output(encodeSerialFrameZephyrStyle(packet));
        return 0;
      },
      lost: (reason) => {
        if (this.detach()) this.options.onLost(reason);
      },
    });
  }

  /** Bytes written by the host: through the device's console line buffers where it has them, as on a UART. */
  push(bytes: Uint8Array): void {
    if (this.detached || this.options.muted()) return;
    if (this.connection.receiveSerial) {
      this.connection.receiveSerial(bytes);
      return;
    }
    for (const event of this.decoder.push(bytes)) {
      if (event.type === "packet" && !this.options.muted()) this.connection.receive(event.packet);
    }
  }

  /** Returns false when already detached. */
  detach(): boolean {
    if (this.detached) return false;
    this.detached = true;
    this.connection.detach();
    return true;
  }
}

export interface GattEndOptions extends EndOptions {
  /** Notifications carry attMtu − 3 bytes. */
  readonly attMtu: number;
  /** CONFIG_MCUMGR_TRANSPORT_BT_REASSEMBLY: without it every write is a packet of its own. */
  readonly reassembly: boolean;
}

export class GattDeviceEnd {
  private readonly reassembler = new GattReassembler({ accept: "requests" });
  private readonly connection: PeerConnection;
  private detached = false;
  /** Sizes of the writes received, for tests on the host's write size. */
  readonly writeSizes: number[] = [];

  constructor(
    peer: SmpPeer,
    private readonly notify: (value: Uint8Array) => void,
    private readonly options: GattEndOptions,
  ) {
    this.connection = peer.attach({
      kind: "ble",
      send: (packet) => {
        if (this.detached) return 0;
        for (const piece of splitForGatt(packet, options.attMtu - 3)) this.notify(piece.slice());
        return 0;
      },
      lost: (reason) => {
        if (this.detach()) this.options.onLost(reason);
      },
    });
  }

  write(value: Uint8Array): void {
    if (this.detached) return;
    this.writeSizes.push(value.length);
    const packets = this.options.reassembly
      ? this.reassembler.push(value).flatMap((e) => (e.type === "packet" ? [e.packet] : []))
      : [value];
    if (this.options.muted()) return;
    for (const packet of packets) this.connection.receive(packet);
  }

  detach(): boolean {
    if (this.detached) return false;
    this.detached = true;
    this.connection.detach();
    return true;
  }
}
