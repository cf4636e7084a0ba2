// Node-only front for the simulated device: SMP over UDP (one packet per datagram), like Zephyr's UDP transport.

import { createSocket, type RemoteInfo } from "node:dgram";
import type { AttachedPort, SimulatedDevice } from "../device.js";

export interface UdpFront {
  readonly host: string;
  readonly port: number;
  close(): Promise<void>;
}

export async function startUdpFront(device: SimulatedDevice, host: string, port: number): Promise<UdpFront> {
  const socket = createSocket(host.includes(":") ? "udp6" : "udp4");
  // One device port per client address, so answers go back to whoever asked.
  const peers = new Map<string, AttachedPort>();
  const peerFor = (remote: RemoteInfo): AttachedPort => {
    const key = `${remote.address}:${remote.port}`;
    let peer = peers.get(key);
    if (!peer) {
      peer = device.attach({
        kind: "udp",
        send(response) {
          socket.send(response, remote.port, remote.address);
          return 0;
        },
        lost() {
          peers.delete(key);
        },
      });
      peers.set(key, peer);
    }
    return peer;
  };
  socket.on("message", (message, remote) => {
    peerFor(remote).receive(new Uint8Array(message.buffer, message.byteOffset, message.byteLength));
  });
  await new Promise<void>((resolve, reject) => {
    socket.once("error", reject);
    socket.bind(port, host, () => {
      socket.off("error", reject);
      resolve();
    });
  });
  const bound = socket.address();
  return {
    host: bound.address,
    port: bound.port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const peer of peers.values()) peer.detach();
        socket.close(() => resolve());
      }),
  };
}
