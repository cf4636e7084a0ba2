// Finding the largest GATT write the link carries whole (write-size-probe.ts), against the in-Node fake of
// navigator.bluetooth with an ATT MTU, a device end that reassembles (or not), and writes over ATT_MTU − 3
// either refused (desktop systems) or silently cut (Android).

import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { requestPacketSize, osEcho } from "../../src/core/smp/index.js";
import { requestWebBluetoothLink } from "../../src/transports/web-bluetooth/index.js";
import { WRITE_SIZE_CANDIDATES, echoProbeText } from "../../src/transports/web-bluetooth/write-size-probe.js";
import type { FakeBluetoothDeviceSpec } from "../support/fake-web-apis/device.js";
import { EchoSmpPeer } from "../support/fake-web-apis/echo-peer.js";
import { createInProcessFakes } from "../support/fake-web-apis/node.js";
import { PacketInbox, echoRequest, echoedText } from "./transport-contract.js";

async function openWith(spec: Partial<FakeBluetoothDeviceSpec>) {
  const fakes = createInProcessFakes({
    bluetoothDevices: [{ id: "dev", name: "Zephyr SMP", peer: new EchoSmpPeer(), ...spec }],
  });
  const found: number[] = [];
  const factory = await requestWebBluetoothLink({
    bluetooth: fakes.bluetooth,
    probeTimeoutMs: 300,
    onWriteSizeFound: (size) => found.push(size),
  });
  const transport = await factory.open();
  const connects = () => fakes.hub.calls.filter((c) => c.op === "ble-connect").length;
  return { fakes, factory, transport, found, connects };
}

/** After the search the link must work: a packet bigger than one write, echoed back intact. */
async function echoWorks(transport: Awaited<ReturnType<typeof openWith>>["transport"], size: number) {
  const inbox = new PacketInbox(transport);
  const text = "z".repeat(size);
  await transport.send(echoRequest(9, text));
  expect(echoedText(await inbox.next(), 9)).toBe(text);
}

describe("finding the largest write", () => {
  test.each([
    { attMtu: 517, expected: 495, connects: 1 },
    { attMtu: 498, expected: 495, connects: 1 },
    { attMtu: 247, expected: 244, connects: 2 },
    { attMtu: 65, expected: 62, connects: 3 },
    { attMtu: 23, expected: 20, connects: 4 },
  ])(
    "ATT MTU $attMtu, oversize writes refused: $expected-byte writes",
    async ({ attMtu, expected, connects }) => {
      const link = await openWith({ attMtu });
      expect(link.transport.writeSize).toBe(expected);
      expect(link.found).toEqual([expected]);
      expect(link.connects()).toBe(connects);
      await echoWorks(link.transport, 1000);
      expect(Math.max(...link.fakes.hub.writeSizes("dev"))).toBe(expected);
      await link.transport.close();
    },
  );

  test("writes cut short without a word (Android): the device's half packet is dropped with the connection", async () => {
    const link = await openWith({ attMtu: 247, oversizeWrites: "cut" });
    expect(link.transport.writeSize).toBe(244);
    expect(link.connects()).toBe(2);
    await echoWorks(link.transport, 1000);
    await link.transport.close();
  });

  test("without reassembly (no buf_size), one write is one packet, so the packet size is the write size", async () => {
    const link = await openWith({ attMtu: 247, reassembly: false, peer: new EchoSmpPeer({ params: false }) });
    expect(link.transport.writeSize).toBe(244);
    expect(link.transport.maxPacketSize).toBe(244);
    await echoWorks(link.transport, 200);
    await link.transport.close();
  });

  test("a buf_size smaller than a candidate skips it: the probe packet would not fit the device's buffer", async () => {
    const link = await openWith({ attMtu: 517, peer: new EchoSmpPeer({ bufSize: 384 }) });
    expect(link.transport.writeSize).toBe(244);
    expect(link.connects()).toBe(1);
    expect(link.transport.maxPacketSize).toBe(384);
    await link.transport.close();
  });

  test("the size found is kept: reconnecting after a reset does not search again", async () => {
    const link = await openWith({ attMtu: 247 });
    await link.transport.close();
    const before = link.connects();
    const again = await link.factory.open();
    expect(again.writeSize).toBe(244);
    expect(link.connects()).toBe(before + 1);
    expect(link.found).toEqual([244]);
    await again.close();
  });

  test("the echo probe packet has exactly the size asked for", () => {
    // CBOR's text length header grows by a byte at 24 and at 256 characters, so two sizes cannot be made.
    const impossible = [36, 269];
    for (const size of WRITE_SIZE_CANDIDATES) expect(echoProbeText(size)).toBeDefined();
    fc.assert(
      fc.property(fc.integer({ min: 12, max: 512 }), (size) => {
        const text = echoProbeText(size);
        if (impossible.includes(size)) expect(text).toBeUndefined();
        else expect(requestPacketSize(osEcho, { d: text ?? "" })).toBe(size);
      }),
      { numRuns: 501 },
    );
  });
});
