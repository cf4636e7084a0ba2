// Reading request fields the way Zephyr's handlers do (zcbor_map_decode_bulk in subsys/mgmt/mcumgr/util):
// the body must be a CBOR map; unknown keys are skipped; a known key whose value has the wrong type fails the
// whole decode (the handler then answers MGMT_ERR_EINVAL); missing keys keep the handler's default.

import { type CborMap, type CborValue, decodeCborMap } from "../../core/smp/cbor.js";

export type RequestBody = { readonly ok: true; readonly map: CborMap } | { readonly ok: false };

/** Decodes a request body. An empty body is not a map for zcbor either, so it is not `ok`. */
export function readRequestBody(cbor: Uint8Array): RequestBody {
  if (cbor.length === 0) return { ok: false };
  try {
    return { ok: true, map: decodeCborMap(cbor) };
  } catch {
    return { ok: false };
  }
}

export type FieldKind = "tstr" | "bstr" | "bool" | "uint32" | "uint64" | "int32" | "uintList" | "tstrList";

type FieldType<K extends FieldKind> = K extends "tstr"
  ? string
  : K extends "bstr"
    ? Uint8Array
    : K extends "bool"
      ? boolean
      : K extends "uintList"
        ? number[]
        : K extends "tstrList"
          ? string[]
          : number;

export type FieldSpec = Readonly<Record<string, FieldKind>>;
export type DecodedFields<S extends FieldSpec> = { -readonly [K in keyof S]?: FieldType<S[K]> };

function isList(value: CborValue): value is readonly CborValue[] {
  return Array.isArray(value);
}

function asUnsigned(value: CborValue, max: number): number | undefined {
  if (typeof value === "number") {
    return Number.isInteger(value) && value >= 0 && value <= max ? value : undefined;
  }
  if (typeof value === "bigint") {
    return value >= 0n && value <= BigInt(max) ? Number(value) : undefined;
  }
  return undefined;
}

/** Unsigned 64-bit values beyond 2^53 still come back as (inexact) numbers: they only ever mean "too big". */
const UINT64_MAX_AS_NUMBER = 2 ** 64;

function convert(kind: FieldKind, value: CborValue): unknown {
  switch (kind) {
    case "tstr":
      return typeof value === "string" ? value : undefined;
    case "bstr":
      return value instanceof Uint8Array ? value : undefined;
    case "bool":
      return typeof value === "boolean" ? value : undefined;
    case "uint32":
      return asUnsigned(value, 0xffffffff);
    case "uint64":
      return asUnsigned(value, UINT64_MAX_AS_NUMBER);
    case "int32":
      return typeof value === "number" && Number.isInteger(value) && Math.abs(value) <= 0x7fffffff
        ? value
        : undefined;
    case "uintList": {
      if (!isList(value)) return undefined;
      const out: number[] = [];
      for (const item of value) {
        const n = asUnsigned(item, 0xffffffff);
        if (n === undefined) return undefined;
        out.push(n);
      }
      return out;
    }
    case "tstrList": {
      // shell_mgmt stops at the first element that is not a text string, it does not fail.
      if (!isList(value)) return undefined;
      const out: string[] = [];
      for (const item of value) {
        if (typeof item !== "string") break;
        out.push(item);
      }
      return out;
    }
  }
}

/** The decoded fields, or undefined when the body is not a map or a known key has a value of the wrong type. */
export function decodeFields<S extends FieldSpec>(body: RequestBody, spec: S): DecodedFields<S> | undefined {
  if (!body.ok) return undefined;
  const out: Record<string, unknown> = {};
  for (const [key, kind] of Object.entries(spec)) {
    if (!Object.prototype.hasOwnProperty.call(body.map, key)) continue;
    const converted = convert(kind, body.map[key]);
    if (converted === undefined) return undefined;
    out[key] = converted;
  }
  // Every value in `out` was converted to the type its spec names just above.
  return out as DecodedFields<S>;
}
