// The one configured CBOR codec for SMP bodies (DESIGN.md conventions). Encodes maps as plain CBOR maps with
// text keys and byte strings without tag 64; decodes definite and indefinite-length maps and arrays
// (Zephyr sends indefinite ones) into plain objects, arrays and Uint8Arrays.

import { Decoder, Encoder } from "cbor-x";
import { McuFlashError } from "../errors.js";
import { plainBytes } from "../bytes.js";

export class CborError extends McuFlashError {
  constructor(message: string, cause?: unknown) {
    super("smp-bad-cbor", message, {
      cause,
      hint: "The packet body is not valid CBOR; the link may be corrupting data or the peer is not an SMP server.",
    });
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
    throw new CborError("Could not encode the SMP request body.", error);
  }
}

/** Decodes exactly one CBOR item that must be a map; anything else is a CborError. */
export function decodeCborMap(bytes: Uint8Array): CborMap {
  let value: unknown;
  try {
    value = decoder.decode(bytes);
  } catch (error) {
    throw new CborError(`The SMP body (${bytes.length} bytes) is not valid CBOR.`, error);
  }
  const normalized = normalize(value, 0);
  if (!isCborMap(normalized)) throw new CborError("The SMP body is CBOR but not a map.");
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
  if (depth > 64) throw new CborError("The SMP body nests CBOR too deeply.");
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
      throw new CborError("The SMP body holds a CBOR tag or value type SMP does not use.");
    }
    default:
      throw new CborError("The SMP body holds a CBOR value type SMP does not use.");
  }
}
