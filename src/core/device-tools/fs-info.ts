// File facts without transferring the file (Zephyr "SMP group 8"): its size, a hash or checksum the device
// computes, the hash types it offers, closing the file it holds open, and comparing a device file with local
// bytes. SMP has no directory listing, so every function takes a full path such as "/lfs1/log.txt".

import { toHex } from "../bytes.js";
import {
  MgmtRc,
  SmpDeviceError,
  SmpGroup,
  SmpTimeoutError,
  fsClose,
  fsHash,
  fsHashTypes,
  fsStatus,
  type SmpClient,
} from "../smp/index.js";
import { localHash } from "./checksum.js";
import { type ToolRequestOptions, requestOptions, unlessNotSupported } from "./device-support.js";
import { DeviceToolError } from "./errors.js";

/** fs_mgmt path buffer (CONFIG_MCUMGR_GRP_FS_PATH_LEN default 64): a longer path cannot work. */
export const TYPICAL_MAX_PATH_BYTES = 64;

/** Checks a device path before sending it: not empty, absolute. Returns it trimmed of nothing (paths are exact). */
export function checkDevicePath(path: string): string {
  if (path.length === 0) {
    throw new DeviceToolError("fs-path-empty", {}, { hint: "fs-path-empty" });
  }
  if (!path.startsWith("/")) {
    throw new DeviceToolError("fs-path-relative", { path }, { hint: "fs-path-relative" });
  }
  return path;
}

export interface FileStatus {
  readonly path: string;
  readonly size: number;
}

export async function fileStatus(
  client: SmpClient,
  path: string,
  options: ToolRequestOptions = {},
): Promise<FileStatus> {
  const name = checkDevicePath(path);
  const response = await client.request(fsStatus, { name }, requestOptions(options));
  return { path: name, size: response.len };
}

export interface FileHashRequestOptions extends ToolRequestOptions {
  /** "crc32", "sha256" or another type the device lists; absent lets the device choose (usually crc32). */
  readonly type?: string;
  readonly offset?: number;
  readonly length?: number;
}

export interface FileHash {
  readonly path: string;
  readonly type: string;
  /** Where the hashed range starts (0 unless asked otherwise). */
  readonly offset: number;
  /** Bytes hashed. */
  readonly length: number;
  /** As the device sent it: a number for checksums, bytes for hashes. */
  readonly value: number | Uint8Array;
  /** Hex text: checksums as 8 hex digits (crc32 907292255 → "36142e5f"), hashes byte by byte. */
  readonly hex: string;
}

/** Hashing a large file takes the device a while: allow more than an ordinary request. */
const HASH_TIMEOUT_MS = 30_000;

export async function fileHash(
  client: SmpClient,
  path: string,
  options: FileHashRequestOptions = {},
): Promise<FileHash> {
  const name = checkDevicePath(path);
  const response = await client.request(
    fsHash,
    {
      name,
      ...(options.type !== undefined ? { type: options.type } : {}),
      ...(options.offset !== undefined ? { off: options.offset } : {}),
      ...(options.length !== undefined ? { len: options.length } : {}),
    },
    { timeoutMs: HASH_TIMEOUT_MS, ...requestOptions(options) },
  );
  return {
    path: name,
    type: response.type,
    offset: response.off ?? options.offset ?? 0,
    length: response.len,
    value: response.output,
    hex: hashHex(response.output),
  };
}

export function hashHex(value: number | Uint8Array): string {
  return typeof value === "number" ? (value >>> 0).toString(16).padStart(8, "0") : toHex(value);
}

export interface HashType {
  readonly name: string;
  /** How the device sends the value. */
  readonly output: "number" | "bytes";
  /** Size of the value in bytes. */
  readonly size: number;
}

/** The hash/checksum types the device offers, or undefined when it cannot list them (older builds). */
export async function fileHashTypes(
  client: SmpClient,
  options: ToolRequestOptions = {},
): Promise<HashType[] | undefined> {
  const response = await unlessNotSupported(() => client.request(fsHashTypes, {}, requestOptions(options)));
  if (response === undefined) return undefined;
  return Object.entries(response.types).map(([name, t]) => ({
    name,
    output: t.format === 0 ? "number" : "bytes",
    size: t.size,
  }));
}

/** Closes the file the device keeps open after a transfer; false when the device has no close command. */
export async function closeFile(client: SmpClient, options: ToolRequestOptions = {}): Promise<boolean> {
  return (await unlessNotSupported(() => client.request(fsClose, {}, requestOptions(options)))) !== undefined;
}

/**
 * Closes after a transfer, best effort: the data is already on its way, and a device that has no close command,
 * has nothing open or misses this request closes the file by itself after a few idle seconds.
 */
export async function closeQuietly(
  client: SmpClient,
  signal?: AbortSignal,
  timeoutMs = CLOSE_TIMEOUT_MS,
): Promise<void> {
  try {
    await closeFile(client, { timeoutMs, ...(signal ? { signal } : {}) });
  } catch (error) {
    if (!(error instanceof SmpDeviceError || error instanceof SmpTimeoutError)) throw error;
  }
}

const CLOSE_TIMEOUT_MS = 2_000;

export interface FileComparison {
  readonly path: string;
  readonly type: string;
  readonly match: boolean;
  readonly deviceHex: string;
  readonly localHex: string;
}

/**
 * Compares the device's file with `data` by a hash both sides can compute: sha256 when the device offers it,
 * else crc32. A size difference is a mismatch without hashing.
 */
export async function compareFile(
  client: SmpClient,
  path: string,
  data: Uint8Array,
  options: ToolRequestOptions & { readonly type?: string } = {},
): Promise<FileComparison> {
  const name = checkDevicePath(path);
  const status = await fileStatus(client, name, options);
  const type = options.type ?? (await preferredHashType(client, options));
  const local = await localHash(type, data);
  if (local === undefined) {
    throw new DeviceToolError("fs-hash-type-unknown", { type }, { hint: "fs-hash-type-unknown" });
  }
  if (status.size !== data.length) {
    return {
      path: name,
      type,
      match: false,
      deviceHex: `(${status.size} bytes)`,
      localHex: `(${data.length} bytes)`,
    };
  }
  if (data.length === 0) return { path: name, type, match: true, deviceHex: "", localHex: "" };
  const device = await fileHash(client, name, { ...options, type });
  const localHex = hashHex(local);
  return { path: name, type, match: device.hex === localHex, deviceHex: device.hex, localHex };
}

/** sha256 when the device lists it, else crc32 (the type every fs_mgmt with hashing has). */
export async function preferredHashType(
  client: SmpClient,
  options: ToolRequestOptions = {},
): Promise<string> {
  const types = await fileHashTypes(client, options);
  return types?.some((t) => t.name === "sha256") ? "sha256" : "crc32";
}

/** fs_mgmt's group codes this module reacts to. */
export const FsRc = { FILE_NOT_FOUND: 3, FILE_OFFSET_NOT_VALID: 11 } as const;

/** The file does not exist: v2 `err {8, 3}`, or v1 `rc` ENOENT. */
export function isFileNotFound(error: unknown): boolean {
  return (
    error instanceof SmpDeviceError &&
    (error.isGroupRc(SmpGroup.fs, FsRc.FILE_NOT_FOUND) || error.isMgmtRc(MgmtRc.ENOENT))
  );
}
