// Web Bluetooth transport against an in-Node fake of navigator.bluetooth (the same fake the browser tests
// install), with an echo SMP peer behind the device end: the Transport contract, then GATT specifics.

import { inEnglish } from "../support/in-english.js";
import { describe, expect, test } from "vitest";
import { SMP_GATT_SERVICE_UUID } from "../../src/core/framing/index.js";
import { TransportError } from "../../src/core/transport.js";
import {
  openWebBluetoothDevice,
  requestBluetoothDevice,
  requestWebBluetoothLink,
  type WebBluetoothLinkOptions,
} from "../../src/transports/web-bluetooth/index.js";
import type { FakeBluetoothDeviceSpec } from "../support/fake-web-apis/device.js";
import { VirtualClock } from "../../src/sim/clock.js";
import { EchoSmpPeer } from "../support/fake-web-apis/echo-peer.js";
import { createInProcessFakes, type InProcessFakes } from "../support/fake-web-apis/node.js";
import {
  PacketInbox,
  describeTransportContract,
  echoRequest,
  echoedText,
  textForPacketSize,
} from "./transport-contract.js";

function fakesWith(spec: Partial<FakeBluetoothDeviceSpec> = {}): InProcessFakes {
  return createInProcessFakes({
    bluetoothDevices: [{ id: "dev", name: "Zephyr SMP", peer: new EchoSmpPeer(), ...spec }],
  });
}

async function connect(fakes: InProcessFakes, options: WebBluetoothLinkOptions = {}) {
  const device = await requestBluetoothDevice({ bluetooth: fakes.bluetooth });
  return openWebBluetoothDevice(device, { probeTimeoutMs: 500, ...options });
}

describeTransportContract("Web Bluetooth", {
  async open() {
    const fakes = fakesWith();
    const transport = await connect(fakes);
    return { transport, loseLink: () => fakes.hub.unplug("dev") };
  },
});

describeTransportContract("Web Bluetooth, 244-byte writes", {
  async open() {
    const fakes = fakesWith({ attMtu: 498 });
    const transport = await connect(fakes, { writeSize: 244 });
    return { transport, loseLink: () => fakes.hub.unplug("dev") };
  },
});

describe("Web Bluetooth: choosing and connecting", () => {
  test("given filters (a vendor manifest's name or service data) replace the SMP service filter", async () => {
    const service = "0000feaa-0000-1000-8000-00805f9b34fb";
    const fakes = createInProcessFakes({
      bluetoothDevices: [
        {
          id: "other",
          name: "Acme Other",
          peer: new EchoSmpPeer(),
          serviceData: { service, data: Uint8Array.of(2, 9) },
        },
        {
          id: "mine",
          name: "Acme Sensor",
          peer: new EchoSmpPeer(),
          serviceData: { service, data: Uint8Array.of(1, 9) },
        },
      ],
    });
    const filters = [{ namePrefix: "Acme", serviceData: [{ service, dataPrefix: Uint8Array.of(1) }] }];
    const device = await requestBluetoothDevice({
      bluetooth: fakes.bluetooth,
      namePrefix: "ignored",
      filters,
    });
    expect(device.id).toBe("mine");
    expect(fakes.hub.calls[0]).toMatchObject({
      op: "ble-request",
      filters: [{ namePrefix: "Acme", serviceData: [{ service, dataPrefix: "AQ==" }] }],
    });
  });

  test("the chooser filters on the SMP service, and on a name prefix when given", async () => {
    const fakes = fakesWith();
    await requestBluetoothDevice({ bluetooth: fakes.bluetooth, namePrefix: "Zeph" });
    expect(fakes.hub.calls[0]).toEqual({
      op: "ble-request",
      acceptAll: false,
      filters: [{ services: [SMP_GATT_SERVICE_UUID], namePrefix: "Zeph" }, { namePrefix: "Zeph" }],
    });
  });

  test("a device that only advertises its name is found by the prefix", async () => {
    const fakes = fakesWith({ advertisesSmp: false, name: "Acme sensor" });
    await expect(requestBluetoothDevice({ bluetooth: fakes.bluetooth })).rejects.toMatchObject({
      code: "no-device-chosen",
    });
    const device = await requestBluetoothDevice({ bluetooth: fakes.bluetooth, namePrefix: "Acme" });
    expect(device.name).toBe("Acme sensor");
  });

  test("chooser failures and a missing API have their own codes", async () => {
    const fakes = fakesWith();
    fakes.hub.chooseNext("cancel");
    await expect(requestBluetoothDevice({ bluetooth: fakes.bluetooth })).rejects.toMatchObject({
      code: "no-device-chosen",
    });
    fakes.hub.chooseNext({ name: "NotFoundError", message: "Bluetooth adapter not available." });
    await expect(requestBluetoothDevice({ bluetooth: fakes.bluetooth })).rejects.toMatchObject({
      code: "bluetooth-unavailable",
    });
    fakes.hub.chooseNext({
      name: "SecurityError",
      message: "Must be handling a user gesture to show a permission request.",
    });
    await expect(requestBluetoothDevice({ bluetooth: fakes.bluetooth })).rejects.toMatchObject({
      code: "bluetooth-not-allowed",
      message: /right after a click/,
    });
    await expect(requestBluetoothDevice({})).rejects.toMatchObject({ code: "bluetooth-unsupported" });
  });

  test.each([
    ["ble-connect", "SecurityError", "GATT operation not authorized."],
    ["ble-connect", "NetworkError", "Authentication failed."],
    ["ble-notify", "NotAllowedError", "GATT operation failed due to insufficient authentication."],
    ["ble-notify", "NetworkError", "GATT Error: Not paired."],
  ] as const)("%s failing with %s (%s) asks the technician to pair", async (op, name, message) => {
    const fakes = fakesWith();
    fakes.hub.failNext(op, { name, message });
    const error = await connect(fakes).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransportError);
    expect(error).toMatchObject({ code: "bluetooth-pairing-required" });
    expect(inEnglish(error)).toMatch(
      /Pair the device in your computer's or phone's Bluetooth settings.*passkey/,
    );
  });

  test("a device without the SMP service is named as such", async () => {
    const fakes = fakesWith();
    fakes.hub.failNext("ble-discover", {
      name: "NotFoundError",
      message: "No Services matching UUID found in Device.",
    });
    await expect(connect(fakes)).rejects.toMatchObject({
      code: "smp-service-missing",
      message: /CONFIG_MCUMGR_TRANSPORT_BT/,
    });
  });

  test("a device out of range fails to connect with advice", async () => {
    const fakes = fakesWith();
    const device = await requestBluetoothDevice({ bluetooth: fakes.bluetooth });
    fakes.hub.unplug("dev");
    await expect(openWebBluetoothDevice(device)).rejects.toMatchObject({
      code: "bluetooth-connect-failed",
      message: /closer/,
    });
  });
});

describe("Web Bluetooth: writes and packet size", () => {
  test("writes are the configured size, 20 bytes without probing, or the size found; never concurrent", async () => {
    const cases = [
      { options: { probeTimeoutMs: 0, maxPacketSize: 4096 }, expected: 20 },
      { options: { writeSize: 244 }, expected: 244 },
      // ATT MTU 247 (the fake's default): 495-byte writes are refused, 244 go through.
      { options: {}, expected: 244 },
    ];
    for (const { options, expected } of cases) {
      const fakes = fakesWith();
      const transport = await connect(fakes, options);
      const inbox = new PacketInbox(transport);
      // The fake rejects overlapping GATT operations, as Chrome does; the queue must never trigger that.
      const texts = ["a".repeat(300), "b".repeat(700), "c".repeat(50)];
      await Promise.all(texts.map((t, i) => transport.send(echoRequest(i, t))));
      for (let i = 0; i < texts.length; i++) await inbox.next();
      const sizes = fakes.hub.writeSizes("dev");
      expect(Math.max(...sizes)).toBe(expected);
      await transport.close();
    }
  });

  test("the packet size comes from mcumgr params, or stays at one write without them", async () => {
    const fakes = fakesWith({ peer: new EchoSmpPeer({ bufSize: 2475 }) });
    const transport = await connect(fakes);
    expect(transport.maxPacketSize).toBe(2475);
    await transport.close();

    const silent = fakesWith({ peer: new EchoSmpPeer({ params: false }) });
    const plain = await connect(silent, { writeSize: 244 });
    expect(plain.maxPacketSize).toBe(244);
    await expect(plain.send(echoRequest(1, textForPacketSize(400)))).rejects.toMatchObject({
      code: "packet-too-large",
    });
    await plain.close();
  });

  test("a configured maxPacketSize is a ceiling, and lowering it survives a reconnect", async () => {
    const fakes = fakesWith({ peer: new EchoSmpPeer({ bufSize: 2475 }) });
    const factory = await requestWebBluetoothLink({
      bluetooth: fakes.bluetooth,
      maxPacketSize: 1024,
      probeTimeoutMs: 500,
    });
    const first = await factory.open();
    expect(first.maxPacketSize).toBe(1024);
    expect(first.lowerMaxPacketSize()).toBe(512);
    await first.close();
    const second = await factory.open();
    expect(second.maxPacketSize).toBe(512);
    for (let i = 0; i < 10; i++) second.lowerMaxPacketSize();
    // Never below one write: a 244-byte write was found to arrive whole.
    expect(second.writeSize).toBe(244);
    expect(second.maxPacketSize).toBe(244);
    await second.close();
  });

  test("falls back to writes with response where write-without-response is missing or refused", async () => {
    const missing = fakesWith({ writeMethods: ["with-response", "legacy"] });
    const a = await connect(missing);
    expect(a.writeMode).toBe("with-response");
    await a.close();

    const refused = fakesWith({ refusedWriteMethods: ["without-response"] });
    const b = await connect(refused);
    const inbox = new PacketInbox(b);
    await b.send(echoRequest(9, "fallback"));
    expect(echoedText(await inbox.next(), 9)).toBe("fallback");
    expect(b.writeMode).toBe("with-response");
    expect(refused.hub.calls.filter((c) => c.op === "ble-write").at(-1)).toMatchObject({
      method: "with-response",
    });
    await b.close();

    const legacy = fakesWith({ writeMethods: ["legacy"] });
    const c = await connect(legacy);
    expect(c.writeMode).toBe("legacy");
    await c.close();
  });

  test("a failing write loses the link and fails every queued packet", async () => {
    const fakes = fakesWith();
    const transport = await connect(fakes);
    fakes.hub.failNext("ble-write", {
      name: "NetworkError",
      message: "GATT operation failed for unknown reason.",
    });
    const sends = [1, 2, 3].map((i) =>
      transport.send(echoRequest(i, "x".repeat(100))).catch((e: unknown) => e),
    );
    const results = await Promise.all(sends);
    for (const result of results) expect(result).toBeInstanceOf(TransportError);
    await expect(transport.closed).resolves.toMatchObject({ kind: "lost" });
  });

  test("a cancelled send that has not started writing is dropped", async () => {
    const fakes = fakesWith();
    const transport = await connect(fakes);
    const controller = new AbortController();
    const first = transport.send(echoRequest(1, "y".repeat(400)));
    const second = transport.send(echoRequest(2, "z"), controller.signal);
    controller.abort();
    await first;
    await expect(second).rejects.toMatchObject({ code: "cancelled" });
    await transport.close();
  });
});

describe("Web Bluetooth: link loss and reconnect", () => {
  test("gattserverdisconnected is a link loss", async () => {
    const fakes = fakesWith();
    const transport = await connect(fakes);
    fakes.hub.unplug("dev");
    await expect(transport.closed).resolves.toMatchObject({ kind: "lost", error: { code: "link-lost" } });
  });

  test("after a reset the factory reconnects to the same device with backoff", async () => {
    // Fakes, echo peer, probes and backoff on one virtual clock: every wait is exact and takes no real time.
    const clock = new VirtualClock();
    const defer = (fn: () => void): void => void clock.schedule(0, fn);
    const fakes = createInProcessFakes(
      {
        bluetoothDevices: [{ id: "dev", name: "Zephyr SMP", peer: new EchoSmpPeer({ defer }), attMtu: 498 }],
      },
      defer,
    );
    const connects = (): number => fakes.hub.calls.filter((c) => c.op === "ble-connect").length;
    const factory = await clock.run(
      requestWebBluetoothLink({ bluetooth: fakes.bluetooth, probeTimeoutMs: 500, clock }),
    );
    const first = await clock.run(factory.open());
    fakes.hub.unplug("dev");
    await clock.run(first.closed);
    const before = connects();
    const started = clock.now();
    clock.schedule(700, () => fakes.hub.replug("dev"));
    const second = await clock.run(factory.open());
    // Tries at 0, 250 and 750 ms (backoff 250, then 500): the first two find no device, the third connects
    // (its write size is kept from the first connection, so no new probing connections).
    expect(connects() - before).toBe(3);
    expect(clock.now() - started).toBe(750);
    expect(fakes.hub.calls.filter((c) => c.op === "ble-request")).toHaveLength(1);
    const inbox = new PacketInbox(second);
    await clock.run(second.send(echoRequest(7, "reconnected")));
    expect(echoedText(await clock.run(inbox.next()), 7)).toBe("reconnected");
    await clock.run(second.close());
  });

  test("a reconnect that needs pairing stops at once instead of retrying", async () => {
    // MTU 498: the first write-size try succeeds, so the first open is a single connection.
    const fakes = fakesWith({ attMtu: 498 });
    const factory = await requestWebBluetoothLink({ bluetooth: fakes.bluetooth, probeTimeoutMs: 500 });
    await (await factory.open()).close();
    fakes.hub.failNext("ble-connect", { name: "SecurityError", message: "GATT operation not authorized." });
    await expect(factory.open()).rejects.toMatchObject({ code: "bluetooth-pairing-required" });
    expect(fakes.hub.calls.filter((c) => c.op === "ble-connect")).toHaveLength(2);
  });

  test("a device that does not come back ends the reconnect with a clear error when the window closes", async () => {
    const clock = new VirtualClock();
    const defer = (fn: () => void): void => void clock.schedule(0, fn);
    const fakes = createInProcessFakes(
      { bluetoothDevices: [{ id: "dev", name: "Zephyr SMP", peer: new EchoSmpPeer({ defer }) }] },
      defer,
    );
    const factory = await clock.run(
      requestWebBluetoothLink({ bluetooth: fakes.bluetooth, probeTimeoutMs: 500, clock }),
    );
    await clock.run(async () => (await factory.open()).close());
    fakes.hub.unplug("dev");
    const started = clock.now();
    const error = await clock.run(factory.open().catch((e: unknown) => e));
    expect(error).toMatchObject({ code: "bluetooth-not-back", message: /did not come back within 30 s/ });
    expect(clock.now() - started).toBe(30_000);
  });
});
