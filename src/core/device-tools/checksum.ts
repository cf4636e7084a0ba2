// Local checksums to compare with what the device computes over a file (fs hash/checksum): CRC-32 (IEEE 802.3,
// reflected, the "crc32" Zephyr's fs_mgmt uses) and SHA-256 through WebCrypto.

import { digest } from "../mcuboot/digest.js";

const CRC32_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 of `data` as an unsigned 32-bit number. */
export function crc32(data: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of data) crc = CRC32_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

export function sha256(data: Uint8Array): Promise<Uint8Array> {
  return digest("sha256", data);
}

/** The local value for a device hash type, or undefined for a type we cannot compute here. */
export async function localHash(type: string, data: Uint8Array): Promise<number | Uint8Array | undefined> {
  switch (type) {
    case "crc32":
      return crc32(data);
    case "sha256":
      return sha256(data);
    default:
      return undefined;
  }
}
