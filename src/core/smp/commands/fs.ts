// File-system management group (8): Zephyr "SMP group 8" page and fs_mgmt.c. Upload and download share
// command 0 (write/read op).

import { type EmptyBody, SmpGroup, defineCommand } from "../command.js";
import { canonicalMap, opt, requestReader, responseReader } from "../validate.js";

export interface FileDownloadRequest {
  readonly name: string;
  readonly off: number;
}
export interface FileDownloadResponse {
  readonly off: number;
  readonly data: Uint8Array;
  /** Whole file length; in the answer to offset 0 only. */
  readonly len?: number;
}

export const fsDownload = defineCommand<FileDownloadRequest, FileDownloadResponse>({
  name: "fs.download",
  label: "file download",
  group: SmpGroup.fs,
  id: 0,
  op: "read",
  encode: (req) => canonicalMap({ name: req.name, off: req.off }),
  decodeRequest: (body) => {
    const r = requestReader(body, "file download");
    return { name: r.str("name"), off: r.uint("off") };
  },
  decode: (body) => {
    const r = responseReader(body, "file download");
    return { off: r.uint("off"), data: r.bytes("data"), ...opt("len", r.optUint("len")) };
  },
});

export interface FileUploadRequest {
  readonly name: string;
  readonly off: number;
  readonly data: Uint8Array;
  /** Whole file length; first chunk only. */
  readonly len?: number;
}
export interface FileUploadResponse {
  readonly off: number;
}

export const fsUpload = defineCommand<FileUploadRequest, FileUploadResponse>({
  name: "fs.upload",
  label: "file upload",
  group: SmpGroup.fs,
  id: 0,
  op: "write",
  encode: (req) => canonicalMap({ name: req.name, off: req.off, data: req.data, len: req.len }),
  decodeRequest: (body) => {
    const r = requestReader(body, "file upload");
    return {
      name: r.str("name"),
      off: r.uint("off"),
      data: r.bytes("data"),
      ...opt("len", r.optUint("len")),
    };
  },
  decode: (body) => ({ off: responseReader(body, "file upload").uint("off") }),
});

export interface FileStatusRequest {
  readonly name: string;
}
export interface FileStatusResponse {
  readonly len: number;
}

export const fsStatus = defineCommand<FileStatusRequest, FileStatusResponse>({
  name: "fs.status",
  label: "file status",
  group: SmpGroup.fs,
  id: 1,
  op: "read",
  encode: (req) => canonicalMap({ name: req.name }),
  decodeRequest: (body) => ({ name: requestReader(body, "file status").str("name") }),
  decode: (body) => ({ len: responseReader(body, "file status").uint("len") }),
});

export interface FileHashRequest {
  readonly name: string;
  /** Hash or checksum name, e.g. "crc32" (the usual default) or "sha256"; see fs.hash_types. */
  readonly type?: string;
  readonly off?: number;
  readonly len?: number;
}
export interface FileHashResponse {
  readonly type: string;
  readonly off?: number;
  readonly len: number;
  /** Checksums come as a number (crc32), hashes as bytes (sha256). */
  readonly output: number | Uint8Array;
}

export const fsHash = defineCommand<FileHashRequest, FileHashResponse>({
  name: "fs.hash",
  label: "file hash/checksum",
  group: SmpGroup.fs,
  id: 2,
  op: "read",
  encode: (req) => canonicalMap({ name: req.name, type: req.type, off: req.off, len: req.len }),
  decodeRequest: (body) => {
    const r = requestReader(body, "file hash/checksum");
    return {
      name: r.str("name"),
      ...opt("type", r.optStr("type")),
      ...opt("off", r.optUint("off")),
      ...opt("len", r.optUint("len")),
    };
  },
  decode: (body) => {
    const r = responseReader(body, "file hash/checksum");
    const output = r.raw("output") instanceof Uint8Array ? r.bytes("output") : r.uint("output");
    return { type: r.str("type"), ...opt("off", r.optUint("off")), len: r.uint("len"), output };
  },
});

export interface HashTypeInfo {
  /** 0: the output is a number, 1: a byte string. */
  readonly format: number;
  /** Output size in bytes. */
  readonly size: number;
}
export interface FileHashTypesResponse {
  readonly types: Readonly<Record<string, HashTypeInfo>>;
}

export const fsHashTypes = defineCommand<EmptyBody, FileHashTypesResponse>({
  name: "fs.hash_types",
  label: "list file hash types",
  group: SmpGroup.fs,
  id: 3,
  op: "read",
  encode: () => ({}),
  decodeRequest: () => ({}),
  decode: (body) => ({
    types: responseReader(body, "list file hash types")
      .child("types")
      .namedRecords((t) => ({ format: t.uint("format"), size: t.uint("size") })),
  }),
});

export const fsClose = defineCommand<EmptyBody, EmptyBody>({
  name: "fs.close",
  label: "close file",
  group: SmpGroup.fs,
  id: 4,
  op: "write",
  encode: () => ({}),
  decodeRequest: () => ({}),
  decode: () => ({}),
});

export const FS_COMMANDS = [fsDownload, fsUpload, fsStatus, fsHash, fsHashTypes, fsClose] as const;
