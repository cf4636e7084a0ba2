// The one configured CBOR codec for SMP bodies (DESIGN.md conventions). Encodes maps as plain CBOR maps with
// text keys and byte strings without tag 64; decodes definite and indefinite-length maps and arrays
// (Zephyr sends indefinite ones) into plain objects, arrays and Uint8Arrays.

import { Decoder, Encoder } from "cbor-x";
import { type ErrorParams, McuFlashError } from "../errors.js";
import { plainBytes } from "../bytes.js";

export class CborError extends McuFlashError {
  constructor(variant: string, params: ErrorParams = {}, cause?: unknown) {
    super("smp-bad-cbor", params, { variant, cause, hint: "smp-bad-cbor" });
  }
}

/** A decoded CBOR value as SMP uses it. */
export type CborValue =
  | null
  | undefined
  | boolean
  | number
  | bigint
  | string
  | Uint8Array
  | readonly CborValue[]
  | { readonly [key: string]: CborValue };

export type CborMap = { readonly [key: string]: CborValue };

const encoder = new Encoder({
  useRecords: false,
  mapsAsObjects: true,
  tagUint8Array: false,
  useFloat32: 0,
  variableMapSize: true,
  pack: false,
});

const decoder = new Decoder({ useRecords: false, mapsAsObjects: true, pack: false });

export function encodeCbor(map: CborMap): Uint8Array {
  try {
    return plainBytes(encoder.encode(map));
  } catch (error) {
    throw new CborError("could-encode-smp", {}, error);
  }
}

/** Decodes exactly one CBOR item that must be a map; anything else is a CborError. */
export function decodeCborMap(bytes: Uint8Array): CborMap {
  let value: unknown;
  try {
    value = decoder.decode(bytes);
  } catch (error) {
    throw new CborError("smp-body-bytes", { bytesLength: bytes.length }, error);
  }
  const normalized = normalize(value, 0);
  if (!isCborMap(normalized)) throw new CborError("smp-body-cbor", {});
  return normalized;
}

export function isCborMap(value: unknown): value is CborMap {
  return (
    typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array)
  );
}

// cbor-x hands back Node Buffers, Maps with non-string keys, or tagged objects for exotic input; turn
// everything into the plain shapes of CborValue so validators never meet a surprise.
function normalize(value: unknown, depth: number): CborValue {
  if (depth > 64) throw new CborError("smp-body-nests", {});
  if (value === null || value === undefined) return value;
  switch (typeof value) {
    case "boolean":
    case "number":
    case "bigint":
    case "string":
      return value;
    case "object": {
      if (value instanceof Uint8Array) return plainBytes(value);
      if (Array.isArray(value)) return value.map((v: unknown) => normalize(v, depth + 1));
      if (value instanceof Map) {
        const out: Record<string, CborValue> = {};
        for (const [k, v] of value) out[String(k)] = normalize(v, depth + 1);
        return out;
      }
      if (Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null) {
        const out: Record<string, CborValue> = {};
        for (const [k, v] of Object.entries(value)) out[k] = normalize(v, depth + 1);
        return out;
      }
      throw new CborError("smp-body-holds", {});
    }
    default:
      throw new CborError("smp-body-holds2", {});
  }
}
