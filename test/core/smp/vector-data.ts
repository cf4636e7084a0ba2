// Typed, validated views of the shared SMP vectors (../shared/vectors/smp). JSON from disk is outside data, so
// every field is checked instead of cast; a vector file that changes shape fails loudly here.

import { type CborMap, type CborValue, isCborMap } from "../../../src/core/smp/cbor.js";
import { hexToBytes, readVectorJson } from "../../support/vectors.js";

type Json = Readonly<Record<string, unknown>>;

function isRecord(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function record(value: unknown, what: string): Json {
  if (!isRecord(value)) throw new Error(`vector: ${what} is not an object`);
  return value;
}

export function text(obj: Json, key: string): string {
  const v = obj[key];
  if (typeof v !== "string") throw new Error(`vector: ${key} is not a string`);
  return v;
}

export function int(obj: Json, key: string): number {
  const v = obj[key];
  if (typeof v !== "number" || !Number.isInteger(v)) throw new Error(`vector: ${key} is not an integer`);
  return v;
}

export function list(obj: Json, key: string): readonly unknown[] {
  const v = obj[key];
  if (!Array.isArray(v)) throw new Error(`vector: ${key} is not an array`);
  return v;
}

/** JSON with {"$bytes": hex} byte strings → the CBOR value our decoder produces. */
export function toCbor(value: unknown): CborValue {
  if (
    value === null ||
    typeof value === "string" ||
    typeof value === "boolean" ||
    typeof value === "number"
  ) {
    return value;
  }
  if (Array.isArray(value)) return value.map((v: unknown) => toCbor(v));
  if (isRecord(value)) {
    const keys = Object.keys(value);
    const hex = value.$bytes;
    if (keys.length === 1 && typeof hex === "string") return hexToBytes(hex);
    const out: Record<string, CborValue> = {};
    for (const k of keys) out[k] = toCbor(value[k]);
    return out;
  }
  throw new Error(`vector: unexpected JSON value ${String(value)}`);
}

export function toCborMap(value: unknown): CborMap {
  const v = toCbor(value);
  if (!isCborMap(v)) throw new Error("vector: expected a map");
  return v;
}

export function smpVersion(label: string): 1 | 2 {
  if (label === "v1") return 1;
  if (label === "v2") return 2;
  throw new Error(`vector: unexpected smp_version ${label}`);
}

export interface RequestVector {
  readonly name: string;
  readonly group: number;
  readonly command: number;
  readonly op: number;
  readonly version: 1 | 2;
  readonly sequence: number;
  readonly fields: CborMap;
  readonly hex: string;
}

export function requestVectors(): RequestVector[] {
  const file = record(readVectorJson("smp", "requests.json"), "requests.json");
  return list(file, "requests").map((raw) => {
    const e = record(raw, "request");
    return {
      name: text(e, "name"),
      group: int(e, "group_id"),
      command: int(e, "command_id"),
      op: int(e, "op"),
      version: smpVersion(text(e, "smp_version")),
      sequence: int(e, "sequence"),
      fields: toCborMap(e.fields),
      hex: text(e, "hex"),
    };
  });
}

function responsesFile(): Json {
  return record(readVectorJson("smp", "responses.json"), "responses.json");
}

export interface ResponseVector {
  readonly name: string;
  readonly fields: CborMap;
  readonly hex: string;
}

/** package_encoded or error_responses entries. */
export function responseVectors(section: "package_encoded" | "error_responses"): ResponseVector[] {
  return list(responsesFile(), section).map((raw) => {
    const e = record(raw, section);
    return { name: text(e, "name"), fields: toCborMap(e.fields), hex: text(e, "hex") };
  });
}

export interface CaptureVector {
  readonly name: string;
  readonly requestHex: string;
  readonly requestBody: CborMap;
  readonly requestGroup: number;
  readonly requestCommand: number;
  readonly requestOp: number;
  readonly requestVersionBits: number;
  readonly requestSequence: number;
  readonly responseHex: string;
  readonly responseBody: CborMap;
}

export function zephyrCaptures(): CaptureVector[] {
  return list(responsesFile(), "zephyr_server_captures").map((raw) => {
    const e = record(raw, "capture");
    const h = record(e.request_header, "request_header");
    return {
      name: text(e, "name"),
      requestHex: text(e, "request_hex"),
      requestBody: toCborMap(e.request_body),
      requestGroup: int(h, "group_id"),
      requestCommand: int(h, "command_id"),
      requestOp: int(h, "op"),
      requestVersionBits: int(h, "version_bits"),
      requestSequence: int(h, "sequence"),
      responseHex: text(e, "response_hex"),
      responseBody: toCborMap(e.response_body),
    };
  });
}

export interface PackageRcTable {
  /** undefined for the generic MGMT_ERR table. */
  readonly group: number | undefined;
  readonly codes: readonly { readonly name: string; readonly value: number }[];
}

export function packageRcTables(): PackageRcTable[] {
  const tables = record(responsesFile().error_codes, "error_codes");
  const out: PackageRcTable[] = [];
  const codesOf = (t: Json) =>
    list(t, "codes").map((c) => {
      const code = record(c, "code");
      return { name: text(code, "name"), value: int(code, "value") };
    });
  for (const [key, value] of Object.entries(tables)) {
    if (key.startsWith("MGMT_ERR")) out.push({ group: undefined, codes: codesOf(record(value, key)) });
  }
  for (const [key, value] of Object.entries(record(tables.per_group_v2_err_rc, "per_group"))) {
    out.push({ group: Number.parseInt(key, 10), codes: codesOf(record(value, key)) });
  }
  return out;
}
