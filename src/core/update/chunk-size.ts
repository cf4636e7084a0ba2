// Chunk sizing: the largest data length whose encoded upload request still fits the packet limit. The CBOR
// overhead depends on the data length itself (a byte string header is 1, 2, 3 or 5 bytes), so we encode the
// worst case and shrink until it fits instead of guessing a constant.

import { UploadError } from "./errors.js";

/** Zephyr's serial transport keeps the frame's length and CRC (4 bytes) in the same buffer as the packet. */
export const DEVICE_BUFFER_RESERVE = 4;

/** Used when the device does not answer mcumgr params: Zephyr's smallest common configuration. */
export const SAFE_DEFAULT_BUF_SIZE = 384;
export const SAFE_DEFAULT_BUF_COUNT = 1;

export function packetLimit(bufSize: number, transportMax: number): number {
  return Math.min(bufSize - DEVICE_BUFFER_RESERVE, transportMax);
}

/**
 * @param encodedSize size in bytes of the whole request packet carrying `dataLength` bytes of data
 *   (with every other field at its worst case)
 */
export function fitChunk(
  limit: number,
  encodedSize: (dataLength: number) => number,
  available: number,
): number {
  const most = Math.max(0, Math.min(available, limit));
  let n = most;
  for (let guard = 0; guard < 16 && n > 0; guard++) {
    const over = encodedSize(n) - limit;
    if (over <= 0) break;
    n = Math.max(0, n - over);
  }
  if (n === 0 || encodedSize(n) > limit) {
    throw new UploadError("chunk-does-not-fit", { limit }, { hint: "chunk-does-not-fit" });
  }
  // Shrinking by the overshoot can cross a CBOR length boundary, below which the byte string's header is
  // shorter: take back the bytes that fit again.
  while (n < most && encodedSize(n + 1) <= limit) n++;
  return n;
}
