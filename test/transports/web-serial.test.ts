// Web Serial transport against an in-Node fake of navigator.serial (the same fake the browser tests install),
// with an echo SMP peer behind the device end: the Transport contract, then what is specific to Web Serial.

import { inEnglish } from "../support/in-english.js";
import { describe, expect, test } from "vitest";
import { TransportError } from "../../src/core/transport.js";
import {
  grantedWebSerialPorts,
  openWebSerialPort,
  requestWebSerialLink,
  requestWebSerialPort,
  webSerialFactory,
} from "../../src/transports/web-serial/index.js";
import { VirtualClock } from "../../src/sim/clock.js";
import { EchoSmpPeer } from "../support/fake-web-apis/echo-peer.js";
import { createInProcessFakes, type InProcessFakes } from "../support/fake-web-apis/node.js";
import { PacketInbox, describeTransportContract, echoRequest, echoedText } from "./transport-contract.js";

const ZEPHYR_VID = 0x2fe3;

function fakesWith(peer = new EchoSmpPeer(), clock?: VirtualClock): InProcessFakes {
  const defer = clock ? (fn: () => void) => void clock.schedule(0, fn) : undefined;
  return createInProcessFakes(
    {
      serialPorts: [
        { id: "other", usbVendorId: 0x1366, usbProductId: 0x1015, peer: new EchoSmpPeer({ defer }) },
        { id: "dev", usbVendorId: ZEPHYR_VID, usbProductId: 0x0100, peer },
      ],
    },
    defer,
  );
}

/** Fakes, echo peer and the factory's backoff all on one virtual clock: waits are exact and instant. */
function onVirtualTime(): { clock: VirtualClock; fakes: InProcessFakes } {
  const clock = new VirtualClock();
  const peer = new EchoSmpPeer({ defer: (fn) => void clock.schedule(0, fn) });
  return { clock, fakes: fakesWith(peer, clock) };
}

function serialOpens(fakes: InProcessFakes): number {
  return fakes.hub.calls.filter((c) => c.op === "serial-open").length;
}

describeTransportContract("Web Serial", {
  async open() {
    const fakes = fakesWith();
    const port = await requestWebSerialPort({ serial: fakes.serial, filters: [{ usbVendorId: ZEPHYR_VID }] });
    const transport = await openWebSerialPort(port, { serial: fakes.serial });
    return { transport, loseLink: () => fakes.hub.unplug("dev") };
  },
});

describe("Web Serial", () => {
  test("the chooser gets the USB filters and the port is labelled by its USB ids", async () => {
    const fakes = fakesWith();
    const factory = await requestWebSerialLink({
      serial: fakes.serial,
      filters: [{ usbVendorId: ZEPHYR_VID }],
    });
    expect(fakes.hub.calls[0]).toEqual({ op: "serial-request", filters: [{ usbVendorId: ZEPHYR_VID }] });
    expect(factory.label).toBe("USB 2fe3:0100");
    const transport = await factory.open();
    expect(transport.label).toBe("USB 2fe3:0100");
    expect(fakes.hub.calls[1]).toEqual({ op: "serial-open", port: "dev", baudRate: 115200 });
    await transport.close();
  });

  test("opens at the chosen baud rate and reuses a port granted earlier", async () => {
    const fakes = fakesWith();
    fakes.serial.grant("dev");
    const [port, ...rest] = await grantedWebSerialPorts({
      serial: fakes.serial,
      filters: [{ usbVendorId: ZEPHYR_VID }],
    });
    expect(rest).toEqual([]);
    if (!port) throw new Error("no granted port");
    const transport = await webSerialFactory(port, { serial: fakes.serial, baudRate: 1_000_000 }).open();
    expect(fakes.hub.calls).toContainEqual({ op: "serial-open", port: "dev", baudRate: 1_000_000 });
    await transport.close();
  });

  test("console text between frames goes to its own callback", async () => {
    const fakes = fakesWith();
    const text: string[] = [];
    const port = await requestWebSerialPort({ serial: fakes.serial, filters: [{ usbVendorId: ZEPHYR_VID }] });
    const transport = await openWebSerialPort(port, { onConsoleText: (t) => text.push(t) });
    const inbox = new PacketInbox(transport);
    fakes.hub.printConsole("dev", "[00:00:01.000] <inf> app: booted\r\nuart:~$ ");
    await transport.send(echoRequest(1, "hi"));
    expect(echoedText(await inbox.next(), 1)).toBe("hi");
    expect(text.join("")).toBe("[00:00:01.000] <inf> app: booted\r\nuart:~$ ");
    await transport.close();
  });

  test("a port held by another program is reported as busy, with what to do", async () => {
    const fakes = fakesWith();
    fakes.hub.setBusy("dev", true);
    const port = await requestWebSerialPort({ serial: fakes.serial, filters: [{ usbVendorId: ZEPHYR_VID }] });
    const error = await openWebSerialPort(port).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransportError);
    expect(error).toMatchObject({ code: "port-busy" });
    expect(inEnglish(error)).toMatch(/in use by another program.*Close any terminal/);
  });

  test("opening a port this page already has open is port-busy too", async () => {
    const fakes = fakesWith();
    const port = await requestWebSerialPort({ serial: fakes.serial, filters: [{ usbVendorId: ZEPHYR_VID }] });
    const first = await openWebSerialPort(port);
    await expect(openWebSerialPort(port)).rejects.toMatchObject({
      code: "port-busy",
      message: /already open/,
    });
    await first.close();
  });

  test("closing releases both stream locks and closes the port, so it opens again", async () => {
    const fakes = fakesWith();
    const port = await requestWebSerialPort({ serial: fakes.serial, filters: [{ usbVendorId: ZEPHYR_VID }] });
    const first = await openWebSerialPort(port);
    await first.send(echoRequest(1, "x"));
    await first.close();
    expect(port.readable).toBeNull();
    expect(fakes.hub.calls.at(-1)).toEqual({ op: "serial-close", port: "dev" });
    const second = await openWebSerialPort(port);
    const inbox = new PacketInbox(second);
    await second.send(echoRequest(2, "again"));
    expect(echoedText(await inbox.next(), 2)).toBe("again");
    await second.close();
  });

  test("a cancelled chooser and a missing API have their own codes", async () => {
    const fakes = fakesWith();
    fakes.hub.chooseNext("cancel");
    await expect(requestWebSerialPort({ serial: fakes.serial })).rejects.toMatchObject({
      code: "no-port-chosen",
    });
    fakes.hub.chooseNext({
      name: "SecurityError",
      message: "Must be handling a user gesture to show a permission request.",
    });
    await expect(requestWebSerialPort({ serial: fakes.serial })).rejects.toMatchObject({
      code: "serial-not-allowed",
    });
    await expect(requestWebSerialPort({})).rejects.toMatchObject({ code: "serial-unsupported" });
  });

  test("a break on the line is reported and the link carries on", async () => {
    const { clock, fakes } = onVirtualTime();
    const port = await clock.run(
      requestWebSerialPort({ serial: fakes.serial, filters: [{ usbVendorId: ZEPHYR_VID }] }),
    );
    const lineErrors: TransportError[] = [];
    const transport = await clock.run(openWebSerialPort(port, { onReadError: (e) => lineErrors.push(e) }));
    fakes.serial.port("dev")?.lineError("BreakError");
    // The error reaches the page as an event on a later task; letting due tasks run delivers it.
    await clock.advance(0);
    expect(lineErrors.map((e) => e.code)).toEqual(["serial-line-error"]);
    const inbox = new PacketInbox(transport);
    await clock.run(transport.send(echoRequest(3, "still here")));
    expect(echoedText(await clock.run(inbox.next()), 3)).toBe("still here");
    expect(lineErrors).toHaveLength(1);
    await clock.run(transport.close());
  });

  test("after a reset the factory reopens the same port once it re-enumerates, backing off between tries", async () => {
    const { clock, fakes } = onVirtualTime();
    const factory = await clock.run(
      requestWebSerialLink({ serial: fakes.serial, filters: [{ usbVendorId: ZEPHYR_VID }], clock }),
    );
    const first = await clock.run(factory.open());
    fakes.hub.unplug("dev");
    await expect(clock.run(first.closed)).resolves.toMatchObject({
      kind: "lost",
      error: { code: "link-lost" },
    });
    const opensBefore = serialOpens(fakes);
    const started = clock.now();
    clock.schedule(400, () => fakes.hub.replug("dev"));
    const second = await clock.run(factory.open());
    // Tries at 0, 250 (both before the port is back) and 750 ms (250, then 500 ms of backoff): the third opens.
    expect(clock.now() - started).toBe(750);
    expect(serialOpens(fakes) - opensBefore).toBe(3);
    expect(second.label).toBe("USB 2fe3:0100");
    const inbox = new PacketInbox(second);
    await clock.run(second.send(echoRequest(4, "back")));
    expect(echoedText(await clock.run(inbox.next()), 4)).toBe("back");
    await clock.run(second.close());
  });

  test("a port that does not come back ends the reopen with a clear error when the window closes", async () => {
    const { clock, fakes } = onVirtualTime();
    const factory = await clock.run(
      requestWebSerialLink({
        serial: fakes.serial,
        filters: [{ usbVendorId: ZEPHYR_VID }],
        reopenWindowMs: 15_000,
        clock,
      }),
    );
    const first = await clock.run(factory.open());
    fakes.hub.unplug("dev");
    await clock.run(first.closed);
    const started = clock.now();
    const error = await clock.run(factory.open().catch((e: unknown) => e));
    expect(error).toMatchObject({ code: "port-not-back", message: /did not come back within 15 s/ });
    // It kept trying for the whole window, and not a moment longer.
    expect(clock.now() - started).toBe(15_000);
  });

  test("a cancelled reopen stops at once, in the middle of its backoff", async () => {
    const { clock, fakes } = onVirtualTime();
    const factory = await clock.run(
      requestWebSerialLink({ serial: fakes.serial, filters: [{ usbVendorId: ZEPHYR_VID }], clock }),
    );
    await clock.run(async () => (await factory.open()).close());
    fakes.hub.unplug("dev");
    const controller = new AbortController();
    const started = clock.now();
    clock.schedule(50, () => controller.abort());
    await expect(clock.run(factory.open(controller.signal))).rejects.toMatchObject({ code: "cancelled" });
    expect(clock.now() - started).toBe(50);
    expect(clock.pendingTimers()).toBe(0);
  });
});
