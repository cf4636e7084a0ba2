import { describe, expect, it } from "vitest";
import { inEnglish } from "../../support/in-english.js";
import fc from "fast-check";
import {
  SMP_GATT_CHARACTERISTIC_UUID,
  SMP_GATT_SERVICE_UUID,
  gattMaxWrite,
  splitForGatt,
} from "../../../src/core/framing/gatt-split.js";
import { GattReassembler, type GattReassemblyEvent } from "../../../src/core/framing/gatt-reassembler.js";
import { FramingArgumentError, GattFrameError } from "../../../src/core/framing/framing-errors.js";
import { encodeHeader, SmpOp } from "../../../src/core/smp/header.js";
import { concatBytes } from "../../../src/core/bytes.js";
import { bytesToHex } from "../../support/vectors.js";
import { bleIdentifiers, bleVectors } from "./framing-vectors.js";

function collect(reassembler: GattReassembler, notifications: Iterable<Uint8Array>): GattReassemblyEvent[] {
  const events: GattReassemblyEvent[] = [];
  for (const n of notifications) events.push(...reassembler.push(n));
  return events;
}

const summary = (events: readonly GattReassemblyEvent[]): string[] =>
  events.map((e) => (e.type === "packet" ? bytesToHex(e.packet) : e.error.code));

/** A well-formed SMP packet with `bodyLength` bytes after the header. */
function smpPacket(op: SmpOp, bodyLength: number, fill = 0xa0): Uint8Array {
  const header = encodeHeader({
    op,
    version: 1,
    flags: 0,
    length: bodyLength,
    group: 1,
    sequence: 7,
    command: 1,
  });
  return concatBytes(header, new Uint8Array(bodyLength).fill(fill));
}

describe("SMP over GATT, recorded examples", () => {
  it("uses the recorded service and characteristic UUIDs", () => {
    expect(bleIdentifiers()).toEqual({
      service: SMP_GATT_SERVICE_UUID,
      characteristic: SMP_GATT_CHARACTERISTIC_UUID,
    });
  });

  const vectors = bleVectors();
  it("has client and device examples", () => {
    expect(vectors.filter((v) => v.writes !== undefined).length).toBe(2);
    expect(vectors.filter((v) => v.notifications !== undefined).length).toBe(2);
  });

  for (const v of vectors) {
    it(`"${v.name}" splits and reassembles as recorded`, () => {
      const pieces = v.writes ?? v.notifications ?? [];
      expect(splitForGatt(v.packet, gattMaxWrite(v.attMtu)).map(bytesToHex)).toEqual(pieces.map(bytesToHex));
      const reassembler = new GattReassembler({ accept: v.writes ? "requests" : "responses" });
      const events = pieces.flatMap((piece, i) => {
        const out = reassembler.push(piece);
        // Nothing comes out before the last piece.
        expect(out.length).toBe(i === pieces.length - 1 ? 1 : 0);
        return out;
      });
      expect(summary(events)).toEqual([bytesToHex(v.packet)]);
      if (v.totalExpected !== undefined) expect(v.packet.length).toBe(v.totalExpected);
      expect(reassembler.pendingBytes).toBe(0);
    });
  }
});

describe("splitForGatt", () => {
  it("cuts into plain in-order slices of at most maxWrite bytes", () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 3000 }),
        fc.integer({ min: 1, max: 600 }),
        (packet, maxWrite) => {
          const writes = splitForGatt(packet, maxWrite);
          expect(writes.length).toBe(Math.ceil(packet.length / maxWrite));
          writes.forEach((w, i) => expect(w.length).toBe(i < writes.length - 1 ? maxWrite : w.length));
          for (const w of writes) expect(w.length).toBeLessThanOrEqual(maxWrite);
          expect(bytesToHex(concatBytes(...writes))).toBe(bytesToHex(packet));
        },
      ),
      { numRuns: 200 },
    );
  });

  it("refuses impossible sizes", () => {
    for (const bad of [0, -3, 2.5, Number.NaN])
      expect(() => splitForGatt(new Uint8Array(4), bad)).toThrow(FramingArgumentError);
    for (const bad of [22, 0, 100.5]) expect(() => gattMaxWrite(bad)).toThrow(FramingArgumentError);
    expect(gattMaxWrite(23)).toBe(20);
    expect(gattMaxWrite(247)).toBe(244);
  });
});

describe("GattReassembler", () => {
  it("returns packets sent back to back over any MTU, with any notification sizes", () => {
    const packets = fc.array(
      fc.record({
        op: fc.constantFrom(SmpOp.readResponse, SmpOp.writeResponse),
        length: fc.nat({ max: 700 }),
        fill: fc.nat({ max: 255 }),
      }),
      { minLength: 1, maxLength: 6 },
    );
    fc.assert(
      fc.property(
        packets,
        fc.integer({ min: 1, max: 512 }),
        fc.array(fc.nat(), { maxLength: 20 }),
        (specs, maxWrite, sizes) => {
          const sent = specs.map((s) => smpPacket(s.op, s.length, s.fill));
          const reassembler = new GattReassembler({ accept: "responses" });
          const events: GattReassemblyEvent[] = [];
          let k = 0;
          for (const packet of sent) {
            // Each packet starts a fresh notification, as Zephyr sends them; sizes vary up to maxWrite.
            for (let at = 0; at < packet.length;) {
              const size = 1 + ((sizes[k++ % Math.max(1, sizes.length)] ?? maxWrite) % maxWrite);
              events.push(...reassembler.push(packet.subarray(at, at + size)));
              at += size;
            }
          }
          expect(summary(events)).toEqual(sent.map(bytesToHex));
          expect(reassembler.stats).toMatchObject({ packets: sent.length, frameErrors: 0 });
        },
      ),
      { numRuns: 200 },
    );
  });

  it("handles a header split across notifications and an empty body", () => {
    const packet = smpPacket(SmpOp.writeResponse, 0);
    const r = new GattReassembler();
    expect(collect(r, [packet.subarray(0, 3), new Uint8Array(0), packet.subarray(3, 7)])).toEqual([]);
    expect(r.pendingBytes).toBe(7);
    expect(summary(r.push(packet.subarray(7)))).toEqual([bytesToHex(packet)]);
  });

  it("reports an overrun and resyncs at the next notification", () => {
    const packet = smpPacket(SmpOp.readResponse, 30);
    const r = new GattReassembler();
    const events = collect(r, [concatBytes(packet, Uint8Array.of(1, 2, 3)), packet]);
    expect(summary(events)).toEqual(["gatt-frame-overrun", bytesToHex(packet)]);
    expect(r.stats.frameErrorsByKind.overrun).toBe(1);
  });

  it("after a lost notification, takes the overrunning notification as the next packet's start", () => {
    const a = smpPacket(SmpOp.readResponse, 50, 1);
    const b = smpPacket(SmpOp.readResponse, 30, 2);
    const r = new GattReassembler();
    // a's middle 20 bytes never arrive; b comes whole in one notification.
    const events = collect(r, [a.subarray(0, 20), a.subarray(40), b]);
    expect(summary(events)).toEqual(["gatt-frame-overrun", bytesToHex(b)]);
  });

  it("drops garbage headers and too-large packets, then reads the next good one", () => {
    const good = smpPacket(SmpOp.writeResponse, 12);
    const r = new GattReassembler({ accept: "responses", maxPacketSize: 100 });
    const events = collect(r, [
      Uint8Array.of(0xff, 0, 0, 4, 0, 0, 0, 0, 1, 2, 3, 4), // reserved bits set
      smpPacket(SmpOp.write, 4), // a request where responses are expected
      smpPacket(SmpOp.readResponse, 200).subarray(0, 20), // larger than allowed
      good,
    ]);
    expect(summary(events)).toEqual([
      "gatt-frame-bad-header",
      "gatt-frame-bad-header",
      "gatt-frame-too-large",
      bytesToHex(good),
    ]);
    const error = events[0]?.type === "frame-error" ? events[0].error : undefined;
    expect(error).toBeInstanceOf(GattFrameError);
    expect(error).toMatchObject({ variant: "reserved-bits", params: { firstByte: "0xff" } });
    expect(inEnglish(error)).toMatch(
      /did not start with a valid SMP header and was dropped \(reserved header bits set, first byte 0xff\)/,
    );
    const request = events[1]?.type === "frame-error" ? events[1].error : undefined;
    expect(request).toMatchObject({ variant: "unexpected-op", params: { op: SmpOp.write } });
    expect(inEnglish(request)).toMatch(new RegExp(`\\(unexpected operation ${SmpOp.write}\\)`));
    const tooLarge = events[2]?.type === "frame-error" ? events[2].error : undefined;
    expect(tooLarge?.params).toEqual({ packetLength: 208, max: expect.any(Number) });
    expect(inEnglish(tooLarge)).toMatch(/\(header announces 208 bytes, limit \d+\)/);
  });

  it("reset() drops a partial packet (reconnect)", () => {
    const packet = smpPacket(SmpOp.readResponse, 40);
    const r = new GattReassembler();
    r.push(packet.subarray(0, 25));
    r.reset();
    expect(r.pendingBytes).toBe(0);
    expect(summary(collect(r, splitForGatt(packet, 20)))).toEqual([bytesToHex(packet)]);
  });

  it("rejects an impossible maxPacketSize", () => {
    for (const bad of [7, 65544, 1.5])
      expect(() => new GattReassembler({ maxPacketSize: bad })).toThrow(FramingArgumentError);
  });

  it("never throws on garbage and never returns more than it was given", () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 300 }), { maxLength: 30 }), (notifications) => {
        const r = new GattReassembler({ maxPacketSize: 1024 });
        let given = 0;
        let returned = 0;
        for (const n of notifications) {
          given += n.length;
          for (const e of r.push(n)) {
            if (e.type === "packet") {
              returned += e.packet.length;
              expect(e.packet.length).toBe(8 + (((e.packet[2] ?? 0) << 8) | (e.packet[3] ?? 0)));
              expect(e.packet.length).toBeLessThanOrEqual(1024);
            } else expect(e.error).toBeInstanceOf(GattFrameError);
          }
        }
        expect(returned).toBeLessThanOrEqual(given);
      }),
      { numRuns: 300 },
    );
  });
});
