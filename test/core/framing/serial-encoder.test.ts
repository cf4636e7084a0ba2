import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  SERIAL_DEFAULT_LINE_LENGTH,
  SERIAL_MAX_PACKET_SIZE,
  encodeSerialFrame,
  encodeSerialFrameZephyrStyle,
  serialFramedSize,
  zephyrSerialFramedSize,
} from "../../../src/core/framing/serial-encoder.js";
import { FramingArgumentError, SerialPacketTooLargeError } from "../../../src/core/framing/framing-errors.js";
import { bytesToHex } from "../../support/vectors.js";
import { clientEncodeVectors, zephyrEncodeVectors } from "./framing-vectors.js";

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error("expected a throw");
}

/** The wire bytes cut after every "\n", i.e. the lines as they were written. */
function lines(wire: Uint8Array): string[] {
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i < wire.length; i++) {
    if (wire[i] === 0x0a) {
      out.push(bytesToHex(wire.subarray(start, i + 1)));
      start = i + 1;
    }
  }
  expect(start, "the wire ends with a complete line").toBe(wire.length);
  return out;
}

describe("encodeSerialFrame (client layout, as smp.packet.encode)", () => {
  const vectors = clientEncodeVectors();

  it("has the vectors", () => {
    expect(vectors.length).toBeGreaterThanOrEqual(6);
    expect(new Set(vectors.map((v) => v.lineLength))).toEqual(new Set([8, 128, 8192]));
  });

  for (const v of vectors) {
    it(`reproduces "${v.name}" byte for byte`, () => {
      const wire = encodeSerialFrame(v.packet, v.lineLength);
      expect(bytesToHex(wire)).toBe(bytesToHex(v.wire));
      expect(lines(wire)).toEqual(v.lines.map(bytesToHex));
      expect(serialFramedSize(v.packet.length, v.lineLength)).toBe(v.wire.length);
    });
  }

  it("defaults to lines of at most 127 bytes (line length 128)", () => {
    expect(SERIAL_DEFAULT_LINE_LENGTH).toBe(128);
    const wire = encodeSerialFrame(new Uint8Array(5000).fill(0xa5));
    for (const line of lines(wire)) expect(line.length / 2).toBeLessThanOrEqual(127);
    expect(wire.length).toBe(serialFramedSize(5000));
  });

  it("sizes and splits every packet and line length exactly", () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 1200 }),
        fc.integer({ min: 8, max: 400 }),
        (packet, lineLength) => {
          const wire = encodeSerialFrame(packet, lineLength);
          expect(wire.length).toBe(serialFramedSize(packet.length, lineLength));
          const all = lines(wire);
          all.forEach((hex, i) => {
            expect(hex.slice(0, 4)).toBe(i === 0 ? "0609" : "0414");
            expect(hex.length / 2).toBeLessThanOrEqual(lineLength - 1);
            expect((hex.length / 2 - 3) % 4).toBe(0);
          });
        },
      ),
      { numRuns: 200 },
    );
  });

  it("refuses packets the 16-bit length field cannot describe, and nonsense line lengths", () => {
    expect(() => encodeSerialFrame(new Uint8Array(SERIAL_MAX_PACKET_SIZE))).not.toThrow();
    expect(() => encodeSerialFrame(new Uint8Array(SERIAL_MAX_PACKET_SIZE + 1))).toThrow(
      SerialPacketTooLargeError,
    );
    expect(() => serialFramedSize(SERIAL_MAX_PACKET_SIZE + 1)).toThrow(SerialPacketTooLargeError);
    for (const bad of [7, 0, -1, 8.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => encodeSerialFrame(new Uint8Array(10), bad)).toThrow(FramingArgumentError);
      expect(() => serialFramedSize(10, bad)).toThrow(FramingArgumentError);
    }
    for (const bad of [-1, 1.5, Number.NaN])
      expect(() => serialFramedSize(bad)).toThrow(FramingArgumentError);
    expect(thrown(() => encodeSerialFrame(new Uint8Array(70000)))).toMatchObject({
      code: "serial-packet-too-large",
    });
    expect(thrown(() => encodeSerialFrame(new Uint8Array(1), 4))).toMatchObject({
      code: "framing-bad-argument",
    });
  });

  it("is linear: a maximum-size packet encodes quickly", () => {
    const packet = new Uint8Array(SERIAL_MAX_PACKET_SIZE).map((_, i) => i * 31);
    const started = performance.now();
    for (let k = 0; k < 20; k++) encodeSerialFrame(packet);
    // ~1.3 MB of input; generous bound so slow CI machines pass, but quadratic building would not.
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe("encodeSerialFrameZephyrStyle (Zephyr mcumgr_serial_tx_pkt layout)", () => {
  const vectors = zephyrEncodeVectors();

  it("has the vectors", () => {
    expect(vectors.length).toBe(22);
  });

  for (const v of vectors) {
    it(`reproduces "${v.name}" byte for byte`, () => {
      const wire = encodeSerialFrameZephyrStyle(v.packet);
      expect(bytesToHex(wire)).toBe(bytesToHex(v.wire));
      expect(lines(wire)).toEqual(v.lines.map(bytesToHex));
      expect(zephyrSerialFramedSize(v.packet.length)).toBe(v.wire.length);
      // The vectors note where Zephyr's layout and the client layout agree.
      expect(bytesToHex(encodeSerialFrame(v.packet)) === bytesToHex(v.wire)).toBe(v.sameAsClientLayout);
    });
  }

  it("keeps every line within 127 bytes and the CRC on one line", () => {
    for (let n = 0; n < 800; n++) {
      const wire = encodeSerialFrameZephyrStyle(new Uint8Array(n));
      expect(wire.length).toBe(zephyrSerialFramedSize(n));
      const all = lines(wire);
      for (const line of all) expect(line.length / 2).toBeLessThanOrEqual(127);
      const last = all[all.length - 1] ?? "";
      const chars = last.length / 2 - 3;
      const padding = (last.match(/3d(?=(3d)?0a$)/g) ?? []).length;
      expect((chars / 4) * 3 - padding, `last line of ${n}`).toBeGreaterThanOrEqual(2);
    }
  });
});
