// Small validators shared by every command definition: they read one field of a decoded CBOR map, check its
// type, and name the exact field (e.g. "images[1].slot") when it is wrong. Unknown keys are always tolerated,
// because real servers add keys (legacy `rc: 0`, new firmware fields) that older clients must ignore.

import { type ErrorParams, McuFlashError } from "../errors.js";
import { type CborMap, type CborValue, isCborMap } from "./cbor.js";

/** Which side of the exchange a body came from; it decides which error class a bad field raises. */
export type BodyKind = "request" | "response";

/** Marks a field that is not there at all (not even null). */
const MISSING: unique symbol = Symbol("missing");

/** What a field should hold; the catalog words each ("smp-type.*"). */
export type ExpectedType = "integer" | "unsigned-integer" | "text" | "boolean" | "bytes" | "map" | "array";

const EXPECTED_WORDS: Readonly<Record<ExpectedType, string>> = {
  integer: "smp-type.integer",
  "unsigned-integer": "smp-type.unsigned-integer",
  text: "smp-type.text",
  boolean: "smp-type.boolean",
  bytes: "smp-type.bytes",
  map: "smp-type.map",
  array: "smp-type.array",
};

/** What a field held instead, as parameters: a kind the catalog words ("smp-value.*") and, where it helps, the
 *  value or the length. */
function found(value: CborValue): ErrorParams {
  if (value === null) return { got: "null", gotKey: "smp-value.null" };
  if (value === undefined) return { got: "nothing", gotKey: "smp-value.nothing" };
  if (value instanceof Uint8Array) return { got: "bytes", gotKey: "smp-value.bytes", length: value.length };
  if (Array.isArray(value)) return { got: "array", gotKey: "smp-value.array" };
  switch (typeof value) {
    case "string":
      return { got: "text", gotKey: "smp-value.text" };
    case "boolean":
      return value ? { got: "true", gotKey: "smp-value.true" } : { got: "false", gotKey: "smp-value.false" };
    case "number":
      return Number.isInteger(value)
        ? { got: "integer", gotKey: "smp-value.integer", value: String(value) }
        : { got: "number", gotKey: "smp-value.number", value: String(value) };
    case "bigint":
      return { got: "integer", gotKey: "smp-value.integer", value: String(value) };
    default:
      return { got: "map", gotKey: "smp-value.map" };
  }
}

/** The parameters of a bad field: where, what it should hold, and what it held (absent: the "missing" words). */
function fieldProblem(
  command: string,
  field: string,
  expected: ExpectedType,
  value: CborValue | typeof MISSING,
): { params: ErrorParams; variant: string | undefined } {
  const base = { command, field, expected, expectedKey: EXPECTED_WORDS[expected] };
  return value === MISSING
    ? { params: base, variant: "missing" }
    : { params: { ...base, ...found(value) }, variant: undefined };
}

/** A response from the device is missing a field or has one of the wrong type. */
export class SmpResponseError extends McuFlashError {
  readonly command: string;
  readonly field: string;

  constructor(command: string, field: string, expected: ExpectedType, value: CborValue | typeof MISSING) {
    const { params, variant } = fieldProblem(command, field, expected, value);
    super("smp-bad-response", params, { hint: "smp-bad-response", variant });
    this.command = command;
    this.field = field;
  }
}

/** A request body (as a simulator or test receives it) is missing a field or has one of the wrong type. */
export class SmpRequestError extends McuFlashError {
  readonly command: string;
  readonly field: string;

  constructor(command: string, field: string, expected: ExpectedType, value: CborValue | typeof MISSING) {
    const { params, variant } = fieldProblem(command, field, expected, value);
    super("smp-bad-request", params, { hint: "smp-bad-request", variant });
    this.command = command;
    this.field = field;
  }
}

/** An integer as a JS number; cbor-x hands 64-bit encodings back as bigint even when they are small. */
function asInteger(value: CborValue): number | undefined {
  if (typeof value === "number") return Number.isSafeInteger(value) ? value : undefined;
  if (typeof value === "bigint") {
    return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER)
      ? Number(value)
      : undefined;
  }
  return undefined;
}

/** Reads typed fields out of one CBOR map, with a path for messages. */
export class FieldReader {
  constructor(
    readonly map: CborMap,
    readonly command: string,
    readonly kind: BodyKind = "response",
    readonly path: string = "",
  ) {}

  static of(value: CborValue, command: string, kind: BodyKind, path: string): FieldReader {
    if (!isCborMap(value)) {
      const where = path === "" ? "(body)" : path;
      throw kind === "response"
        ? new SmpResponseError(command, where, "map", value)
        : new SmpRequestError(command, where, "map", value);
    }
    return new FieldReader(value, command, kind, path);
  }

  fieldPath(key: string): string {
    return this.path === "" ? key : `${this.path}.${key}`;
  }

  fail(field: string, expected: ExpectedType, value: CborValue | typeof MISSING): never {
    if (this.kind === "response") throw new SmpResponseError(this.command, field, expected, value);
    throw new SmpRequestError(this.command, field, expected, value);
  }

  has(key: string): boolean {
    return Object.prototype.hasOwnProperty.call(this.map, key) && this.map[key] !== undefined;
  }

  /** The raw value; undefined when absent. */
  raw(key: string): CborValue {
    return Object.prototype.hasOwnProperty.call(this.map, key) ? this.map[key] : undefined;
  }

  private required(key: string, expected: ExpectedType): CborValue {
    if (!this.has(key)) this.fail(this.fieldPath(key), expected, MISSING);
    return this.raw(key);
  }

  private wrong(key: string, expected: ExpectedType, value: CborValue): never {
    return this.fail(this.fieldPath(key), expected, value);
  }

  int(key: string): number {
    const value = this.required(key, "integer");
    const n = asInteger(value);
    return n === undefined ? this.wrong(key, "integer", value) : n;
  }

  optInt(key: string): number | undefined {
    return this.has(key) ? this.int(key) : undefined;
  }

  uint(key: string): number {
    const value = this.required(key, "unsigned-integer");
    const n = asInteger(value);
    return n === undefined || n < 0 ? this.wrong(key, "unsigned-integer", value) : n;
  }

  optUint(key: string): number | undefined {
    return this.has(key) ? this.uint(key) : undefined;
  }

  str(key: string): string {
    const value = this.required(key, "text");
    return typeof value === "string" ? value : this.wrong(key, "text", value);
  }

  optStr(key: string): string | undefined {
    return this.has(key) ? this.str(key) : undefined;
  }

  bool(key: string): boolean {
    const value = this.required(key, "boolean");
    return typeof value === "boolean" ? value : this.wrong(key, "boolean", value);
  }

  optBool(key: string): boolean | undefined {
    return this.has(key) ? this.bool(key) : undefined;
  }

  bytes(key: string): Uint8Array {
    const value = this.required(key, "bytes");
    return value instanceof Uint8Array ? value : this.wrong(key, "bytes", value);
  }

  optBytes(key: string): Uint8Array | undefined {
    return this.has(key) ? this.bytes(key) : undefined;
  }

  child(key: string): FieldReader {
    return FieldReader.of(this.required(key, "map"), this.command, this.kind, this.fieldPath(key));
  }

  optChild(key: string): FieldReader | undefined {
    return this.has(key) ? this.child(key) : undefined;
  }

  array(key: string): readonly CborValue[] {
    const value = this.required(key, "array");
    return Array.isArray(value) ? value : this.wrong(key, "array", value);
  }

  optArray(key: string): readonly CborValue[] | undefined {
    return this.has(key) ? this.array(key) : undefined;
  }

  /** An array whose items are maps, each read by `read`. */
  records<T>(key: string, read: (item: FieldReader) => T): T[] {
    return this.array(key).map((item, i) =>
      read(FieldReader.of(item, this.command, this.kind, `${this.fieldPath(key)}[${i}]`)),
    );
  }

  uintArray(key: string): number[] {
    return this.array(key).map((item, i) => {
      const n = asInteger(item);
      return n === undefined || n < 0
        ? this.fail(`${this.fieldPath(key)}[${i}]`, "unsigned-integer", item)
        : n;
    });
  }

  strArray(key: string): string[] {
    return this.array(key).map((item, i) =>
      typeof item === "string" ? item : this.fail(`${this.fieldPath(key)}[${i}]`, "text", item),
    );
  }

  /** Every entry of this map whose value is itself a map (name → record); others (e.g. `rc`) and the names
   *  in `skip` are left out. */
  namedRecords<T>(read: (item: FieldReader) => T, skip: readonly string[] = []): Record<string, T> {
    const out: Record<string, T> = {};
    for (const [name, value] of Object.entries(this.map)) {
      if (!isCborMap(value) || skip.includes(name)) continue;
      out[name] = read(new FieldReader(value, this.command, this.kind, this.fieldPath(name)));
    }
    return out;
  }

  /** Every entry of this map as an unsigned integer (statistics fields). */
  uintValues(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const name of Object.keys(this.map)) out[name] = this.uint(name);
    return out;
  }
}

/** Reads a whole response body. */
export function responseReader(body: CborMap, command: string): FieldReader {
  return new FieldReader(body, command, "response");
}

/** Reads a whole request body (simulator and tests). */
export function requestReader(body: CborMap, command: string): FieldReader {
  return new FieldReader(body, command, "request");
}

/** `{ [key]: value }` when value is defined, `{}` otherwise: optional fields under exactOptionalPropertyTypes. */
export function opt<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  if (value === undefined) return {};
  const out: { [P in K]?: V } = {};
  out[key] = value;
  return out;
}

/**
 * Builds a request map in canonical key order (shorter keys first, then bytewise), the order the reference
 * encoder uses, leaving out undefined fields. Devices do not care about order; byte-identical vectors do.
 */
export function canonicalMap(fields: { readonly [key: string]: CborValue }): CborMap {
  const keys = Object.keys(fields).filter((k) => fields[k] !== undefined);
  keys.sort((a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0));
  const out: Record<string, CborValue> = {};
  for (const k of keys) out[k] = fields[k];
  return out;
}
