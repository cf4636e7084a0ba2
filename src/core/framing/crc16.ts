// CRC-16/XMODEM (poly 0x1021, init 0, no reflection, no final xor): the checksum of SMP serial frames
// (Zephyr serial_util.c computes crc16_itu_t(0, ...), which is the same function).
//
// The upload engine and the simulator push megabytes through this, so it processes 8 bytes per step
// ("slicing-by-8"): table k holds the effect of a byte followed by k zero bytes. Because this CRC is linear
// (zero init), those effects XOR together.

const POLY = 0x1021;
const SLICES = 8;

const TABLES: Uint16Array = (() => {
  const t = new Uint16Array(256 * SLICES);
  for (let i = 0; i < 256; i++) {
    let crc = i << 8;
    for (let bit = 0; bit < 8; bit++) crc = crc & 0x8000 ? ((crc << 1) ^ POLY) & 0xffff : (crc << 1) & 0xffff;
    t[i] = crc;
  }
  for (let k = 1; k < SLICES; k++) {
    for (let i = 0; i < 256; i++) {
      const prev = t[(k - 1) * 256 + i]!;
      t[k * 256 + i] = ((prev << 8) & 0xffff) ^ t[prev >> 8]!;
    }
  }
  return t;
})();

/**
 * CRC-16/XMODEM of `bytes`. Pass the previous result as `crc` to continue over data that arrives in pieces.
 * The CRC of data followed by its own big-endian CRC is 0.
 */
export function crc16Xmodem(bytes: Uint8Array, crc = 0): number {
  const t = TABLES;
  let c = crc & 0xffff;
  let i = 0;
  const end8 = bytes.length - (bytes.length % SLICES);
  for (; i < end8; i += SLICES) {
    c =
      t[7 * 256 + ((c >> 8) ^ bytes[i]!)]! ^
      t[6 * 256 + ((c & 0xff) ^ bytes[i + 1]!)]! ^
      t[5 * 256 + bytes[i + 2]!]! ^
      t[4 * 256 + bytes[i + 3]!]! ^
      t[3 * 256 + bytes[i + 4]!]! ^
      t[2 * 256 + bytes[i + 5]!]! ^
      t[256 + bytes[i + 6]!]! ^
      t[bytes[i + 7]!]!;
  }
  for (; i < bytes.length; i++) c = ((c << 8) & 0xffff) ^ t[(c >> 8) ^ bytes[i]!]!;
  return c;
}
