import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { crc16Xmodem } from "../../../src/core/framing/crc16.js";
import { clientEncodeVectors, zephyrEncodeVectors } from "./framing-vectors.js";

/** Bit-by-bit CRC-16/XMODEM, the definition the table-driven version must match. */
function reference(bytes: Uint8Array): number {
  let crc = 0;
  for (const b of bytes) {
    crc ^= b << 8;
    for (let k = 0; k < 8; k++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc;
}

describe("crc16Xmodem", () => {
  it("gives the catalogue check value for '123456789'", () => {
    expect(crc16Xmodem(new TextEncoder().encode("123456789"))).toBe(0x31c3);
    expect(crc16Xmodem(new Uint8Array(0))).toBe(0);
  });

  it("matches the CRC recorded in every serial vector", () => {
    for (const v of [...clientEncodeVectors(), ...zephyrEncodeVectors()]) {
      expect(crc16Xmodem(v.packet), v.name).toBe(v.crc16);
    }
  });

  it("equals the bit-by-bit definition, continues across pieces, and is 0 over data + its CRC", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), fc.nat(), (data, cut) => {
        const crc = crc16Xmodem(data);
        expect(crc).toBe(reference(data));
        const at = cut % (data.length + 1);
        expect(crc16Xmodem(data.subarray(at), crc16Xmodem(data.subarray(0, at)))).toBe(crc);
        const withCrc = new Uint8Array([...data, crc >> 8, crc & 0xff]);
        expect(crc16Xmodem(withCrc)).toBe(0);
      }),
      { numRuns: 300 },
    );
  });
});
