import { createHash } from "node:crypto";

/**
 * The image hash as MCUboot computes it, from the image format alone (not the parser under test): SHA-256 over
 * header, body and protected TLVs, whose sizes are the header's ih_hdr_size (u16 at 8), ih_protect_tlv_size
 * (u16 at 10) and ih_img_size (u32 at 12), little-endian; node:crypto does the hashing.
 */
export function mcubootImageHash(bytes: Uint8Array): string {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const signedEnd = view.getUint16(8, true) + view.getUint32(12, true) + view.getUint16(10, true);
  return createHash("sha256").update(bytes.subarray(0, signedEnd)).digest("hex");
}
