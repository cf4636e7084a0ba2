// The CLI's links meet the Transport contract too: the Node serial transport over a PTY (node-pty's open()
// gives a master/slave pair; the test plays the device on the master side with core/framing, the transport
// opens the slave path like any serial port) and UDP against an echo SMP server on 127.0.0.1.

import { createSocket, type RemoteInfo } from "node:dgram";
import { writeSync } from "node:fs";
import type { Readable } from "node:stream";
import { openNodeSerial } from "../../src/transports/node/node-serial-transport.js";
import { UdpTransport } from "../../src/transports/node/udp-transport.js";
import { EchoSmpPeer } from "../support/fake-web-apis/echo-peer.js";
import { SerialDeviceEnd, type PeerConnection } from "../support/fake-web-apis/links.js";
import { describeTransportContract } from "./transport-contract.js";

interface PtyPair {
  /** Path of the slave side, e.g. /dev/pts/3. */
  readonly path: string;
  /** What the transport wrote. */
  readonly master: Readable;
  /** Writes to the master side (the transport reads it from the slave). */
  write(bytes: Uint8Array): void;
  /** Stops node-pty's own reader on the slave, so the transport is the only one reading it. */
  releaseSlave(): void;
  /** Closes the master side: the slave reads fail, as when a USB adapter is unplugged. */
  hangUp(): void;
}

function prop(value: unknown, key: string): unknown {
  return (typeof value === "object" || typeof value === "function") && value !== null
    ? Reflect.get(value, key)
    : undefined;
}

/** Writes all of `bytes` to a non-blocking fd, waiting while the PTY buffer is full (the reader is in this process). */
async function writeAll(fd: number, bytes: Uint8Array): Promise<void> {
  for (let at = 0; at < bytes.length;) {
    try {
      at += writeSync(fd, bytes, at);
    } catch (error) {
      if (prop(error, "code") !== "EAGAIN") return; // The PTY was closed: the bytes go nowhere, like on a wire.
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
  }
}

function isReadable(value: unknown): value is Readable {
  return typeof value === "object" && value !== null && typeof Reflect.get(value, "on") === "function";
}

/** node-pty's open() is not in its typings; everything it returns is checked here. */
async function openPty(): Promise<PtyPair> {
  const mod: unknown = await import("node-pty");
  const open = prop(mod, "open") ?? prop(prop(mod, "default"), "open");
  if (typeof open !== "function") throw new Error("node-pty has no open()");
  const term: unknown = open({ encoding: null });
  const path = prop(term, "ptsName");
  const fd = prop(term, "_fd");
  const master = prop(term, "_master");
  const slave = prop(term, "_slave");
  if (typeof path !== "string" || typeof fd !== "number" || !isReadable(master) || !isReadable(slave)) {
    throw new Error("node-pty open() returned an unexpected shape");
  }
  // Once the transport closes the slave, reads on the master fail with EIO; that is expected here.
  master.on("error", () => undefined);
  let writing = Promise.resolve();
  return {
    path,
    master,
    write(bytes) {
      writing = writing.then(() => writeAll(fd, bytes));
    },
    releaseSlave: () => slave.destroy(),
    hangUp: () => master.destroy(),
  };
}

describeTransportContract("Node serial over a PTY", {
  async open() {
    const pty = await openPty();
    const end = new SerialDeviceEnd(new EchoSmpPeer(), (bytes) => pty.write(bytes), {
      muted: () => false,
      onLost: () => undefined,
    });
    pty.master.on("data", (chunk: Buffer) => end.push(new Uint8Array(chunk)));
    const transport = await openNodeSerial(pty.path);
    pty.releaseSlave();
    return {
      transport,
      loseLink: () => pty.hangUp(),
      dispose: () => {
        end.detach();
        pty.hangUp();
      },
    };
  },
});

describeTransportContract("UDP", {
  noLinkLoss: "UDP has no connection: a device that goes away shows up as request timeouts",
  async open() {
    const peer = new EchoSmpPeer();
    const server = createSocket("udp4");
    const connections = new Map<string, PeerConnection>();
    server.on("message", (message: Buffer, from: RemoteInfo) => {
      const key = `${from.address}:${from.port}`;
      let connection = connections.get(key);
      if (!connection) {
        connection = peer.attach({
          kind: "udp",
          send: (packet) => {
            server.send(packet, from.port, from.address);
            return 0;
          },
          lost: () => undefined,
        });
        connections.set(key, connection);
      }
      connection.receive(new Uint8Array(message));
    });
    await new Promise<void>((resolve) => server.bind(0, "127.0.0.1", resolve));
    const address = server.address();
    const transport = await UdpTransport.open({ host: "127.0.0.1", port: address.port }, 4096);
    return { transport, dispose: () => new Promise<void>((resolve) => server.close(() => resolve())) };
  },
});
