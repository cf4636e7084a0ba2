// SmpClient over an in-test transport: matching by sequence, out-of-order and stale answers, timeouts,
// cancellation, link loss, many requests in flight, sequence wrap, device errors and version fallback.

import { afterEach, describe, expect, it } from "vitest";
import { CancelledError } from "../../../src/core/errors.js";
import { TransportError } from "../../../src/core/transport.js";
import { CborError } from "../../../src/core/smp/cbor.js";
import { type IgnoredPacket, SmpClient } from "../../../src/core/smp/client.js";
import { SmpClientError, SmpTimeoutError } from "../../../src/core/smp/client-errors.js";
import { imageUpload, osEcho, osMcumgrParams, osReset } from "../../../src/core/smp/commands/index.js";
import { SmpDeviceError } from "../../../src/core/smp/device-error.js";
import { SmpOp, SmpVersion } from "../../../src/core/smp/header.js";
import { encodePacket } from "../../../src/core/smp/packet.js";
import { encodeRequestPacket, requestPacketSize } from "../../../src/core/smp/request-packet.js";
import { SmpResponseError } from "../../../src/core/smp/validate.js";
import { FakeTransport, answer, flush } from "./fake-transport.js";
import { errorTextIn, inEnglish } from "../../support/in-english.js";

const clients: SmpClient[] = [];
afterEach(() => {
  // Fail whatever a test left pending, so no timer outlives it.
  for (const c of clients.splice(0)) c.dispose();
});

/** A request the test does not await: its eventual rejection (dispose, timeout) is expected. */
function background(p: Promise<unknown>): void {
  p.catch(() => undefined);
}

function setup(options: ConstructorParameters<typeof SmpClient>[1] = {}) {
  const transport = new FakeTransport();
  const client = new SmpClient(transport, options);
  clients.push(client);
  const ignored: IgnoredPacket[] = [];
  client.onIgnored((e) => ignored.push(e));
  return { transport, client, ignored };
}

/** A transport that echoes every echo request back, as a device would. */
function autoEcho(transport: FakeTransport): void {
  transport.onSend = (packet) => {
    const body = decodeBody(packet);
    queueMicrotask(() => transport.deliver(answer(headerOf(packet), { r: body })));
  };
}
const headerOf = (packet: Uint8Array) => {
  const t = new FakeTransport();
  t.sent.push(packet);
  return t.header();
};
const decodeBody = (packet: Uint8Array) => {
  const t = new FakeTransport();
  t.sent.push(packet);
  const d = t.body().d;
  return typeof d === "string" ? d : "";
};

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected a rejection");
}

describe("SmpClient matching", () => {
  it("sends the exact request packet and resolves with the typed response", async () => {
    const { transport, client } = setup();
    const p = client.request(osEcho, { d: "hi" });
    expect(transport.sent[0]).toEqual(encodeRequestPacket(osEcho, { d: "hi" }, 0, 2));
    transport.deliver(answer(transport.header(), { r: "hi" }));
    await expect(p).resolves.toEqual({ r: "hi" });
    expect(client.stats).toMatchObject({ sent: 1, answered: 1, ignored: 0 });
  });

  it("matches answers that arrive out of order", async () => {
    const { transport, client } = setup();
    const ps = ["a", "b", "c"].map((d) => client.request(osEcho, { d }));
    for (const n of [2, 0, 1]) transport.deliver(answer(transport.header(n), { r: `answer ${n}` }));
    await expect(Promise.all(ps)).resolves.toEqual([{ r: "answer 0" }, { r: "answer 1" }, { r: "answer 2" }]);
  });

  it("ignores and counts unknown sequences, wrong group/command/op, requests and garbage", async () => {
    const { transport, client, ignored } = setup();
    const p = client.request(osEcho, { d: "x" });
    const h = transport.header();
    transport.deliver(answer(h, { r: "stale" }, { sequence: 99 }));
    transport.deliver(answer(h, { r: "stale" }, { group: 1 }));
    transport.deliver(answer(h, { r: "stale" }, { command: 6 }));
    transport.deliver(answer(h, { r: "stale" }, { op: SmpOp.readResponse }));
    transport.deliver(answer(h, { d: "x" }, { op: SmpOp.write }));
    transport.deliver(new Uint8Array([1, 2, 3]));
    transport.deliver(answer(h, { r: "x" }));
    await expect(p).resolves.toEqual({ r: "x" });
    expect(ignored.map((e) => e.reason)).toEqual([
      "unknown-sequence",
      "mismatched",
      "mismatched",
      "mismatched",
      "not-a-response",
      "malformed",
    ]);
    expect(client.stats.ignored).toBe(6);
  });

  it("handles many requests in flight, answered in a shuffled order", async () => {
    const { transport, client } = setup();
    const count = 200;
    const ps = Array.from({ length: count }, (_, i) => client.request(osEcho, { d: String(i) }));
    const sequences = new Set(transport.sent.map((_, n) => transport.header(n).sequence));
    expect(sequences.size).toBe(count);
    const order = Array.from({ length: count }, (_, i) => (i * 7919) % count);
    for (const n of order) transport.deliver(answer(transport.header(n), { r: `#${n}` }));
    const results = await Promise.all(ps);
    results.forEach((r, i) => expect(r).toEqual({ r: `#${i}` }));
    expect(client.inFlight).toBe(0);
  });

  it("wraps sequence numbers from 255 to 0", async () => {
    const { transport, client } = setup({ firstSequence: 253 });
    autoEcho(transport);
    for (let i = 0; i < 6; i++) await client.request(osEcho, { d: `${i}` });
    expect(transport.sent.map((_, n) => transport.header(n).sequence)).toEqual([253, 254, 255, 0, 1, 2]);
  });

  it("never reuses a sequence still in flight, and refuses a 257th request", async () => {
    const { transport, client } = setup({ firstSequence: 10 });
    const ps = Array.from({ length: 256 }, () => client.request(osEcho, { d: "" }));
    ps.forEach(background);
    expect(new Set(transport.sent.map((_, n) => transport.header(n).sequence)).size).toBe(256);
    const error = await rejection(client.request(osEcho, { d: "" }));
    expect(error).toBeInstanceOf(SmpClientError);
    expect(error).toMatchObject({ code: "smp-too-many-in-flight" });
    transport.deliver(answer(transport.header(5), { r: "" }));
    await ps[5];
    const next = client.request(osEcho, { d: "again" });
    expect(transport.header().sequence).toBe(transport.header(5).sequence);
    transport.deliver(answer(transport.header(), { r: "again" }));
    await expect(next).resolves.toEqual({ r: "again" });
  });
});

describe("SmpClient timeouts and cancellation", () => {
  it("times out one request without disturbing the others", async () => {
    const { transport, client } = setup();
    const slow = client.request(osEcho, { d: "slow" }, { timeoutMs: 10 });
    const fine = client.request(osEcho, { d: "fine" }, { timeoutMs: 1000 });
    const error = await rejection(slow);
    expect(error).toBeInstanceOf(SmpTimeoutError);
    expect(error).toMatchObject({ code: "smp-timeout", command: "os.echo", timeoutMs: 10 });
    transport.deliver(answer(transport.header(1), { r: "fine" }));
    await expect(fine).resolves.toEqual({ r: "fine" });
    expect(client.stats.timedOut).toBe(1);
  });

  it("counts a late answer as late and keeps its sequence out of use while others are free", async () => {
    const { transport, client, ignored } = setup({ defaultTimeoutMs: 5 });
    const timedOut = rejection(client.request(osEcho, { d: "late" }));
    expect(await timedOut).toBeInstanceOf(SmpTimeoutError);
    const lateHeader = transport.header(0);
    autoEcho(transport);
    for (let i = 0; i < 300; i++) await client.request(osEcho, { d: "" }, { timeoutMs: 1000 });
    const used = transport.sent.slice(1).map((_, n) => transport.header(n + 1).sequence);
    expect(used).not.toContain(lateHeader.sequence);
    transport.onSend = undefined;
    transport.deliver(answer(lateHeader, { r: "late" }));
    expect(ignored.map((e) => e.reason)).toEqual(["late"]);
  });

  it("rejects at once, without sending, when the signal is already aborted", async () => {
    const { transport, client } = setup();
    const error = await rejection(client.request(osEcho, { d: "" }, { signal: AbortSignal.abort() }));
    expect(error).toBeInstanceOf(CancelledError);
    expect(transport.sent).toHaveLength(0);
  });

  it("rejects with CancelledError when aborted while waiting", async () => {
    const { transport, client } = setup();
    const controller = new AbortController();
    const p = client.request(osEcho, { d: "" }, { signal: controller.signal });
    controller.abort();
    expect(await rejection(p)).toBeInstanceOf(CancelledError);
    expect(client.inFlight).toBe(0);
    transport.deliver(answer(transport.header(), { r: "" }));
    expect(client.stats.ignored).toBe(1);
  });

  it("dispose fails pending requests and refuses new ones", async () => {
    const { transport, client } = setup();
    const p = client.request(osEcho, { d: "" });
    client.dispose();
    expect(await rejection(p)).toBeInstanceOf(CancelledError);
    expect(await rejection(client.request(osEcho, { d: "" }))).toMatchObject({ code: "smp-client-disposed" });
    expect(transport.listenerCount).toBe(0);
  });
});

describe("SmpClient and the link", () => {
  it("fails every pending request with link-lost when the link is lost, and later ones at once", async () => {
    const { transport, client } = setup();
    const ps = [client.request(osEcho, { d: "1" }), client.request(osMcumgrParams, {})];
    const cause = new Error("BLE disconnected");
    transport.lose(cause);
    for (const p of ps) {
      const error = await rejection(p);
      expect(error).toBeInstanceOf(TransportError);
      expect(error).toMatchObject({ code: "link-lost", cause });
    }
    expect(await rejection(client.request(osEcho, { d: "" }))).toMatchObject({ code: "link-lost" });
    expect(transport.sent).toHaveLength(2);
  });

  it("reports link-closed when the user closed the link", async () => {
    const { transport, client } = setup();
    const p = client.request(osEcho, { d: "" });
    await transport.close();
    expect(await rejection(p)).toMatchObject({ code: "link-closed" });
  });

  it("passes a transport's typed send error through, and wraps others as send-failed", async () => {
    const { transport, client } = setup();
    transport.onSend = () => Promise.reject(new TransportError("port-busy", { path: "/dev/ttyACM0" }));
    expect(await rejection(client.request(osEcho, { d: "" }))).toMatchObject({ code: "port-busy" });
    transport.onSend = () => Promise.reject(new Error("EIO"));
    expect(await rejection(client.request(osEcho, { d: "" }))).toMatchObject({ code: "send-failed" });
    expect(client.inFlight).toBe(0);
  });
});

describe("SmpClient answers that are errors", () => {
  it("turns a v2 err into SmpDeviceError with group, rc, name and command", async () => {
    const { transport, client } = setup();
    const p = client.request(imageUpload, { off: 0, data: new Uint8Array(4), len: 4 });
    transport.deliver(answer(transport.header(), { err: { group: 1, rc: 9 } }));
    const error = await rejection(p);
    expect(error).toBeInstanceOf(SmpDeviceError);
    expect(error).toMatchObject({
      command: "image.upload",
      group: 1,
      rc: 9,
      rcName: "NO_FREE_SLOT",
      style: "err",
    });
  });

  it("turns a v1 rc with rsn into SmpDeviceError", async () => {
    const { transport, client } = setup({ version: 1 });
    const p = client.request(osReset, {});
    transport.deliver(answer(transport.header(), { rc: 10, rsn: "upload in progress" }));
    expect(await rejection(p)).toMatchObject({
      rc: 10,
      rcName: "EBUSY",
      rsn: "upload in progress",
      style: "rc",
    });
  });

  it("rejects with SmpResponseError naming the bad field", async () => {
    const { transport, client } = setup();
    const p = client.request(osMcumgrParams, {});
    transport.deliver(answer(transport.header(), { buf_size: "big", buf_count: 4 }));
    const error = await rejection(p);
    expect(error).toBeInstanceOf(SmpResponseError);
    expect(error).toMatchObject({
      field: "buf_size",
      params: { expected: "unsigned-integer", got: "text" },
    });
    expect(inEnglish(error)).toMatch(/“buf_size”: expected an unsigned integer, got text\./);
  });

  it("names a missing field, and a wrong one by what it held", async () => {
    const { transport, client } = setup();
    const missing = client.request(osMcumgrParams, {});
    transport.deliver(answer(transport.header(), { buf_count: 4 }));
    const absent = await rejection(missing);
    expect(absent).toMatchObject({ code: "smp-bad-response", variant: "missing", field: "buf_size" });
    expect(inEnglish(absent)).toMatch(/lacks the field “buf_size” \(an unsigned integer\)/);

    const negative = client.request(osMcumgrParams, {});
    transport.deliver(answer(transport.header(), { buf_size: -5, buf_count: 4 }));
    const wrong = await rejection(negative);
    expect(wrong).toMatchObject({ params: { got: "integer", value: "-5" } });
    expect(inEnglish(wrong)).toMatch(/expected an unsigned integer, got the integer -5\./);
    // Every language words it without English left in the sentence's own words.
    expect(errorTextIn("de", wrong)).toMatch(
      /erwartet eine vorzeichenlose Ganzzahl, erhalten die Ganzzahl -5/,
    );
  });

  it("rejects with CborError when the matching answer's body is damaged", async () => {
    const { transport, client } = setup();
    const p = client.request(osEcho, { d: "" });
    const good = answer(transport.header(), { r: "" });
    const bad = good.slice();
    bad[8] = 0xff; // A CBOR "break" where a map should start.
    transport.deliver(bad);
    expect(await rejection(p)).toBeInstanceOf(CborError);
  });
});

describe("SmpClient protocol version", () => {
  it("speaks v2 by default and switches to v1 when the device answers with a v1 header", async () => {
    const { transport, client } = setup();
    const p = client.request(osEcho, { d: "" });
    expect(transport.header().version).toBe(SmpVersion.v2);
    transport.deliver(answer(transport.header(), { r: "" }, { version: SmpVersion.v1 }));
    await p;
    expect(client.version).toBe(1);
    background(client.request(osEcho, { d: "" }, { timeoutMs: Infinity }));
    expect(transport.header().version).toBe(SmpVersion.v1);
  });

  it("resends once as v1 when the device refuses v2 as too new", async () => {
    const { transport, client } = setup();
    transport.onSend = (packet) => {
      const h = headerOf(packet);
      const body = h.version === SmpVersion.v2 ? { rc: 13 } : { r: "ok" };
      queueMicrotask(() => transport.deliver(answer(h, body)));
    };
    await expect(client.request(osEcho, { d: "ok" })).resolves.toEqual({ r: "ok" });
    expect(transport.sent.map((_, n) => transport.header(n).version)).toEqual([SmpVersion.v2, SmpVersion.v1]);
    expect(client.version).toBe(1);
  });

  it("resends once as v2 when a v1 request is refused as too old, and gives up after that", async () => {
    const { transport, client } = setup({ version: 1 });
    transport.onSend = (packet) =>
      queueMicrotask(() => transport.deliver(answer(headerOf(packet), { rc: 12 })));
    const error = await rejection(client.request(osEcho, { d: "" }));
    expect(error).toMatchObject({ rcName: "UNSUPPORTED_TOO_OLD" });
    expect(transport.sent.map((_, n) => transport.header(n).version)).toEqual([SmpVersion.v1, SmpVersion.v2]);
  });

  it("keeps its version when autoVersion is off", async () => {
    const { transport, client } = setup({ autoVersion: false });
    transport.onSend = (packet) =>
      queueMicrotask(() => transport.deliver(answer(headerOf(packet), { rc: 13 })));
    expect(await rejection(client.request(osEcho, { d: "" }))).toBeInstanceOf(SmpDeviceError);
    expect(transport.sent).toHaveLength(1);
    expect(client.version).toBe(2);
  });
});

describe("request sizing", () => {
  it("requestPacketSize is the length of the packet the client sends", async () => {
    const { transport, client } = setup();
    const req = { off: 70000, data: new Uint8Array(300), len: 100_000, sha: new Uint8Array(32), image: 0 };
    background(client.request(imageUpload, req, { timeoutMs: Infinity }));
    await flush();
    expect(transport.sent[0]?.length).toBe(requestPacketSize(imageUpload, req));
    expect(
      encodePacket(
        { op: 2, version: 1, flags: 0, group: 1, sequence: 0, command: 1 },
        imageUpload.encode(req),
      ),
    ).toEqual(transport.sent[0]);
  });
});
