// The real Zephyr 4.4.0 exchanges in ../shared/vectors/smp/responses.json (zephyr_server_captures), checked
// for shape as they are read.
import { hexToBytes, readVectorJson } from "../vectors.js";

export interface Capture {
  readonly name: string;
  readonly source: string;
  readonly request: Uint8Array;
  readonly response: Uint8Array;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function text(record: Record<string, unknown>, key: string): string {
  const value = record[key];
  if (typeof value !== "string") throw new Error(`capture field ${key} is not a string`);
  return value;
}

let cache: Capture[] | undefined;

export function zephyrCaptures(): Capture[] {
  if (cache) return cache;
  const root = readVectorJson("smp", "responses.json");
  if (!isRecord(root) || !Array.isArray(root.zephyr_server_captures))
    throw new Error("unexpected responses.json");
  cache = root.zephyr_server_captures.map((entry: unknown) => {
    if (!isRecord(entry)) throw new Error("capture is not an object");
    return {
      name: text(entry, "name"),
      source: text(entry, "source"),
      request: hexToBytes(text(entry, "request_hex")),
      response: hexToBytes(text(entry, "response_hex")),
    };
  });
  return cache;
}

export function capture(name: string, source?: string): Capture {
  const found = zephyrCaptures().find(
    (c) => c.name === name && (source === undefined || c.source.includes(source)),
  );
  if (!found) throw new Error(`no capture named ${name}`);
  return found;
}

/** Captures of the native_sim smp_server (groups os/stat/settings/fs/shell/enum/zbasic). */
export function nativeSimCaptures(): Capture[] {
  return zephyrCaptures().filter((c) => c.source.includes("native_sim"));
}

/** Captures of the mps2-an385 device under MCUboot (buf_size 1024). */
export function mps2Captures(): Capture[] {
  return zephyrCaptures().filter((c) => c.source.includes("mps2-an385"));
}

export function uploadSessionOffsets(): number[] {
  const root = readVectorJson("smp", "responses.json");
  if (!isRecord(root) || !isRecord(root.zephyr_image_upload_session)) throw new Error("no upload session");
  const offsets = root.zephyr_image_upload_session.acknowledged_offsets;
  if (!Array.isArray(offsets) || !offsets.every((o): o is number => typeof o === "number")) {
    throw new Error("bad offsets");
  }
  return offsets;
}
