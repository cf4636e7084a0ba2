// Fuzz campaign for the serial decoder: a small sample in `npm test`, the full campaign under `npm run fuzz`
// (FUZZ_RUNS sets the count). Checks that damaged and garbage input never throws, never yields a packet that
// was not sent (beyond CRC-16 collisions, told apart by a 32-bit tag inside each packet), and that every frame
// the damage did not touch is still delivered.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { encodeSerialFrame, encodeSerialFrameZephyrStyle } from "../../../src/core/framing/serial-encoder.js";
import { SerialFrameError } from "../../../src/core/framing/framing-errors.js";
import { SerialFrameDecoder } from "../../../src/core/framing/serial-decoder.js";
import { concatBytes } from "../../../src/core/bytes.js";
import { fuzzRuns } from "../../support/campaign-size.js";
import { bytesToHex } from "../../support/vectors.js";
import { ascii, splitAt } from "./serial-harness.js";

const MAX_PACKET = 4096;

function fnv1a(bytes: Uint8Array): number {
  let h = 0x811c9dc5;
  for (const b of bytes) h = Math.imul(h ^ b, 0x01000193) >>> 0;
  return h;
}

/** A packet whose last 4 bytes are a hash of the rest, so a CRC-16 collision is recognisable. */
function tagged(body: Uint8Array): Uint8Array {
  const h = fnv1a(body);
  return concatBytes(body, Uint8Array.of(h >>> 24, (h >>> 16) & 0xff, (h >>> 8) & 0xff, h & 0xff));
}

function hasValidTag(packet: Uint8Array): boolean {
  if (packet.length < 4) return false;
  const n = packet.length;
  const h = fnv1a(packet.subarray(0, n - 4));
  const tag =
    ((packet[n - 4]! << 24) | (packet[n - 3]! << 16) | (packet[n - 2]! << 8) | packet[n - 1]!) >>> 0;
  return h === tag;
}

/** A stretch of wire bytes and the frame it belongs to (-1: console text between frames). */
interface Segment {
  bytes: Uint8Array;
  readonly owner: number;
}

interface FrameSpec {
  readonly body: Uint8Array;
  readonly layout: "zephyr" | number;
  readonly before: string;
  readonly between: readonly string[];
}

const noise = fc
  .oneof(
    fc.string({ unit: "binary-ascii", maxLength: 20 }),
    fc.constantFrom("uart:~$ ", "[00:00:01.234,000] <inf> app: tick\r\n", "\x06 \x04 ", "AAAA=\n"),
  )
  .filter(
    (s) => !s.includes("\x06\x09") && !s.includes("\x04\x14") && !s.endsWith("\x06") && !s.endsWith("\x04"),
  );

const frameSpec: fc.Arbitrary<FrameSpec> = fc.record({
  body: fc.oneof(fc.uint8Array({ maxLength: 120 }), fc.uint8Array({ maxLength: 1500 })),
  layout: fc.oneof(fc.constant<"zephyr">("zephyr"), fc.constantFrom(8, 64, 128, 8192)),
  before: noise,
  between: fc.array(noise, { maxLength: 3 }),
});

function segments(frames: readonly FrameSpec[]): { segs: Segment[]; packets: Uint8Array[] } {
  const segs: Segment[] = [];
  const packets: Uint8Array[] = [];
  frames.forEach((f, index) => {
    const packet = tagged(f.body);
    packets.push(packet);
    segs.push({ bytes: ascii(f.before), owner: -1 });
    const wire =
      f.layout === "zephyr" ? encodeSerialFrameZephyrStyle(packet) : encodeSerialFrame(packet, f.layout);
    const lines: Uint8Array[] = [];
    for (let i = 0, start = 0; i < wire.length; i++) {
      if (wire[i] === 0x0a) {
        lines.push(wire.subarray(start, i + 1));
        start = i + 1;
      }
    }
    lines.forEach((line, k) => {
      segs.push({ bytes: line, owner: index });
      // Noise after the last line is outside the frame: the frame is complete at its last "\n".
      segs.push({ bytes: ascii(f.between[k] ?? ""), owner: k < lines.length - 1 ? index : -1 });
    });
  });
  return { segs, packets };
}

const SPECIAL = [[0x0a], [0x0d], [0x3d], [0x06, 0x09], [0x04, 0x14], [0x06], [0x41, 0x41, 0x41, 0x41]];

const mutation = fc.record({
  op: fc.constantFrom("flip", "delete", "insert", "special", "duplicate"),
  where: fc.nat(),
  from: fc.nat(),
  length: fc.integer({ min: 1, max: 40 }),
  bits: fc.integer({ min: 1, max: 255 }),
  special: fc.nat({ max: SPECIAL.length - 1 }),
});
type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

/** Applies one mutation inside one segment; returns the owner of the damaged segment. */
function mutate(segs: Segment[], m: Mutation): number {
  const target = segs[m.where % segs.length]!;
  const at = m.where % (target.bytes.length + 1);
  const b = target.bytes;
  const source = segs[m.from % segs.length]!.bytes;
  let inserted: Uint8Array;
  switch (m.op) {
    case "flip": {
      if (b.length === 0) return -1;
      const copy = Uint8Array.from(b);
      const i = Math.min(at, b.length - 1);
      copy[i] = copy[i]! ^ m.bits;
      target.bytes = copy;
      return target.owner;
    }
    case "delete":
      if (b.length === 0) return -1;
      target.bytes = concatBytes(b.subarray(0, at), b.subarray(Math.min(b.length, at + m.length)));
      return target.owner;
    case "insert":
      inserted = Uint8Array.from({ length: m.length }, (_, i) => (m.bits * (i + 7)) & 0xff);
      break;
    case "special":
      inserted = Uint8Array.from(SPECIAL[m.special] ?? []);
      break;
    case "duplicate": {
      const start = m.from % (source.length + 1);
      inserted = source.slice(start, start + m.length);
      break;
    }
  }
  target.bytes = concatBytes(b.subarray(0, at), inserted, b.subarray(at));
  return target.owner;
}

function run(wire: Uint8Array, cuts: readonly number[]) {
  const decoder = new SerialFrameDecoder({ maxPacketSize: MAX_PACKET });
  const packets: Uint8Array[] = [];
  let errors = 0;
  const events = [...splitAt(wire, cuts).flatMap((c) => decoder.push(c)), ...decoder.flush()];
  for (const e of events) {
    if (e.type === "packet") {
      expect(e.packet.length).toBeLessThanOrEqual(MAX_PACKET);
      packets.push(e.packet);
    } else if (e.type === "frame-error") {
      expect(e.error).toBeInstanceOf(SerialFrameError);
      expect(e.error.code).toMatch(/^serial-frame-[a-z0-9-]+$/);
      errors++;
    } else expect(typeof e.text).toBe("string");
  }
  expect(decoder.stats.packets).toBe(packets.length);
  expect(decoder.stats.frameErrors).toBe(errors);
  return packets;
}

describe("serial decoder fuzz", () => {
  it("damaged streams: nothing foreign comes out, untouched frames all do", () => {
    let damagedFrames = 0;
    let collisions = 0;
    fc.assert(
      fc.property(
        fc.array(frameSpec, { minLength: 1, maxLength: 6 }),
        fc.array(mutation, { minLength: 1, maxLength: 6 }),
        fc.array(fc.nat(), { maxLength: 25 }),
        (frames, mutations, cuts) => {
          const { segs, packets } = segments(frames);
          const touched = new Set(mutations.map((m) => mutate(segs, m)));
          damagedFrames += touched.size;
          const received = run(concatBytes(...segs.map((s) => s.bytes)), cuts);
          const sent = new Set(packets.map(bytesToHex));
          for (const p of received) {
            if (sent.has(bytesToHex(p))) continue;
            // Only a CRC-16 collision may let a damaged frame through; the 32-bit tag exposes it.
            expect(hasValidTag(p)).toBe(false);
            collisions++;
          }
          // Every frame the damage did not touch arrives, in order.
          const expected = packets.filter((_, i) => !touched.has(i)).map(bytesToHex);
          let next = 0;
          for (const p of received) if (bytesToHex(p) === expected[next]) next++;
          expect(next).toBe(expected.length);
        },
      ),
      { numRuns: fuzzRuns(200_000, 300) },
    );
    // CRC-16 lets through about 1 in 65,536 damaged frames; allow a generous margin over that.
    expect(collisions).toBeLessThanOrEqual(Math.ceil((damagedFrames / 65_536) * 8));
  });

  it("garbage made of frame-like pieces never throws and stays within the limits", () => {
    const piece = fc.oneof(
      fc.uint8Array({ maxLength: 40 }),
      fc.constantFrom(...SPECIAL.map((s) => Uint8Array.from(s))),
      fc
        .string({
          unit: fc.constantFrom(..."ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/="),
          maxLength: 200,
        })
        .map(ascii),
      fc.uint8Array({ maxLength: 300 }).map((p) => encodeSerialFrame(p, 64)),
    );
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 40 }),
        fc.array(fc.nat(), { maxLength: 25 }),
        (pieces, cuts) => {
          run(concatBytes(...pieces), cuts);
        },
      ),
      { numRuns: fuzzRuns(300_000, 200) },
    );
  });

  it("random bytes never throw", () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 4000 }),
        fc.array(fc.nat(), { maxLength: 10 }),
        (bytes, cuts) => {
          run(bytes, cuts);
        },
      ),
      { numRuns: fuzzRuns(100_000, 100) },
    );
  });
});
