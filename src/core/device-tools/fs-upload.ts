// Uploading a file to the device (Zephyr fs_mgmt "file upload"), through the image upload engine: the same
// offset-driven, windowed, resumable loop (update/upload.ts) with an adapter that speaks fs upload. The
// device's answer is the truth: `off` in a success, and `len` (the file's current length) next to the error
// FILE_OFFSET_NOT_VALID when a chunk arrived at the wrong place — the adapter turns that into an offset, so the
// engine rewinds exactly as it does for images. The first chunk carries `len` and makes the device truncate the
// file; resuming therefore starts with a chunk at the length the device already has, once a hash shows that
// those bytes are ours.

import {
  MgmtRc,
  SmpDeviceError,
  SmpGroup,
  fsUpload,
  requestPacketSize,
  type FileUploadRequest,
  type SmpClient,
} from "../smp/index.js";
import { UploadError } from "../update/errors.js";
import type { UploadProgress } from "../update/progress.js";
import { classifyFailure } from "../update/smp-device-session.js";
import {
  uploadImage,
  type UploadChunkRequest,
  type UploadOptions,
  type UploadRpc,
  type UploadTimeouts,
} from "../update/upload.js";
import { localHash } from "./checksum.js";
import { type DeviceBuffers, readDeviceBuffers } from "./device-support.js";
import { DeviceToolError } from "./errors.js";
import {
  FsRc,
  checkDevicePath,
  closeQuietly,
  fileHash,
  fileStatus,
  hashHex,
  isFileNotFound,
  preferredHashType,
} from "./fs-info.js";

/** Progress of a file transfer: bytes the device has confirmed (upload) or sent (download). */
export type TransferProgress = UploadProgress;

export interface FileUploadOptions {
  /** The device's SMP buffers, if already known; otherwise they are asked for. */
  readonly buffers?: DeviceBuffers;
  /**
   * Continue a partial copy of this file on the device (an earlier upload that was cut off) when its bytes
   * hash the same as the start of `data`; otherwise the upload starts from 0.
   */
  readonly resume?: boolean;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: TransferProgress) => void;
  readonly timeouts?: Partial<UploadTimeouts>;
  /** Consecutive failed attempts tolerated before giving up. */
  readonly maxRetries?: number;
  readonly now?: () => number;
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export interface FileUploadResult {
  readonly path: string;
  readonly bytes: number;
  /** Bytes the device already had (resume), 0 for a fresh upload. */
  readonly resumedFrom: number;
  readonly requests: number;
  readonly retransmittedBytes: number;
  readonly chunkDataSize: number;
  readonly elapsedMs: number;
}

/** Opening (truncating) a file and the last write (flush, close) take littlefs longer than a chunk. */
export const FILE_UPLOAD_TIMEOUTS: UploadTimeouts = {
  chunkMs: 5_000,
  firstChunkMs: 15_000,
  lastChunkMs: 15_000,
};

export async function uploadFile(
  client: SmpClient,
  path: string,
  data: Uint8Array,
  options: FileUploadOptions = {},
): Promise<FileUploadResult> {
  const name = checkDevicePath(path);
  const signal = options.signal;
  const signalOption = signal ? { signal } : {};
  const now = options.now ?? (() => performance.now());
  const started = now();
  const buffers = options.buffers ?? (await readDeviceBuffers(client, signalOption));

  if (data.length === 0) {
    // Nothing for the engine to do; one opening chunk creates (or empties) the file.
    await client.request(fsUpload, { name, off: 0, data, len: 0 }, signalOption);
    await closeQuietly(client, signal);
    options.onProgress?.({
      bytes: 0,
      total: 0,
      bytesPerSecond: 0,
      etaSeconds: 0,
      elapsedMs: now() - started,
    });
    return {
      path: name,
      bytes: 0,
      resumedFrom: 0,
      requests: 1,
      retransmittedBytes: 0,
      chunkDataSize: 0,
      elapsedMs: now() - started,
    };
  }

  const timeouts = { ...FILE_UPLOAD_TIMEOUTS, ...options.timeouts };
  const resumeAt = options.resume ? await resumePoint(client, name, data, signalOption) : 0;
  const link = new FileUploadLink(client, name, data, resumeAt);
  let confirmed = 0;
  const engineOptions: UploadOptions = {
    // The engine sends `sha` with the first chunk of an image; fs upload has no such field, the adapter drops it.
    sha256: new Uint8Array(0),
    bufSize: buffers.bufSize,
    bufCount: buffers.bufCount,
    // A serial console's line buffers, not buf_count, decide how many requests it takes in flight.
    pacing: client.transport.kind === "serial" ? "console" : "device",
    transportMaxPacket: client.transport.maxPacketSize,
    classifyFailure,
    timeouts,
    now,
    onOffset: (offset) => {
      confirmed = offset;
    },
    ...signalOption,
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    ...(options.sleep ? { sleep: options.sleep } : {}),
    ...(options.maxRetries !== undefined ? { maxRetries: options.maxRetries } : {}),
  };
  try {
    const result = await uploadImage(link, data, engineOptions);
    await closeQuietly(client, signal, Math.min(timeouts.chunkMs, 2_000));
    return {
      path: name,
      bytes: result.bytes,
      resumedFrom: link.resumedFrom,
      requests: result.requests,
      retransmittedBytes: result.retransmittedBytes,
      chunkDataSize: result.chunkDataSize,
      elapsedMs: now() - started,
    };
  } catch (error) {
    throw describeUploadFailure(error, name, confirmed, data.length);
  }
}

/** Where a resumed upload may continue: the device's length of `name` if those bytes equal ours, else 0. */
export async function resumePoint(
  client: SmpClient,
  name: string,
  data: Uint8Array,
  options: { readonly signal?: AbortSignal } = {},
): Promise<number> {
  let size: number;
  try {
    size = (await fileStatus(client, name, options)).size;
  } catch (error) {
    if (isFileNotFound(error)) return 0;
    throw error;
  }
  if (size === 0 || size > data.length) return 0;
  const type = await preferredHashType(client, options);
  try {
    const device = await fileHash(client, name, { ...options, type, offset: 0, length: size });
    const local = await localHash(type, data.subarray(0, size));
    return local !== undefined && device.length === size && hashHex(local) === device.hex ? size : 0;
  } catch (error) {
    // A device that cannot hash the file cannot prove the bytes are ours: start over.
    if (error instanceof SmpDeviceError) return 0;
    throw error;
  }
}

/** The engine's view of fs upload. */
class FileUploadLink implements UploadRpc {
  resumedFrom = 0;

  constructor(
    private readonly client: SmpClient,
    private readonly name: string,
    private readonly data: Uint8Array,
    private resumeAt: number,
  ) {}

  encodedSize(request: UploadChunkRequest): number {
    return requestPacketSize(fsUpload, this.toFs(request), this.client.version);
  }

  async sendChunk(
    request: UploadChunkRequest,
    options: { timeoutMs: number; signal?: AbortSignal },
  ): Promise<{ off: number }> {
    if (request.len !== undefined && this.resumeAt > 0) {
      // The engine's opening chunk, when resuming: send the same amount from where the device stands instead.
      // No `len`, so a device that lost track answers with its length and nothing is truncated.
      const from = this.resumeAt;
      const probe = this.data.subarray(from, from + request.data.length);
      const answer = await this.send({ name: this.name, off: from, data: probe }, options);
      this.resumeAt = 0;
      if (answer.off === from + probe.length) {
        this.resumedFrom = from;
        return answer;
      }
      // The device's file is not what it was a moment ago: start over with the real opening chunk.
    }
    return this.send(this.toFs(request), options);
  }

  private toFs(request: UploadChunkRequest): FileUploadRequest {
    return {
      name: this.name,
      off: request.off,
      data: request.data,
      ...(request.len !== undefined ? { len: request.len } : {}),
    };
  }

  private async send(
    request: FileUploadRequest,
    options: { timeoutMs: number; signal?: AbortSignal },
  ): Promise<{ off: number }> {
    try {
      return await this.client.request(fsUpload, request, options);
    } catch (error) {
      const off = offsetInError(error);
      if (off !== undefined) return { off };
      throw error;
    }
  }
}

/**
 * The file length Zephyr reports next to FILE_OFFSET_NOT_VALID (v2 `err {8, 11}`, or v1 `rc` EINVAL from a
 * server translating group codes): the offset the device expects next.
 */
export function offsetInError(error: unknown): number | undefined {
  if (!(error instanceof SmpDeviceError)) return undefined;
  if (!error.isGroupRc(SmpGroup.fs, FsRc.FILE_OFFSET_NOT_VALID) && !error.isMgmtRc(MgmtRc.EINVAL))
    return undefined;
  const len = error.body.len;
  const value = typeof len === "bigint" ? Number(len) : len;
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 0 ? value : undefined;
}

function describeUploadFailure(error: unknown, name: string, confirmed: number, size: number): unknown {
  if (!(error instanceof UploadError)) return error;
  switch (error.code) {
    case "upload-stalled":
      return new DeviceToolError(
        "fs-upload-stalled",
        { name, confirmed, size },
        { hint: "fs-upload-stalled", cause: error },
      );
    case "bad-offset":
      return new DeviceToolError(
        "fs-upload-bad-offset",
        { size, name },
        { hint: "fs-upload-bad-offset", cause: error },
      );
    case "chunk-does-not-fit":
      return new DeviceToolError("fs-upload-no-room", {}, { hint: "fs-upload-no-room", cause: error });
    default:
      return error;
  }
}
