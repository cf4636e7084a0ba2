// The Zephyr 4.4 captures of ../shared/vectors/smp/responses.json, by name, with byte strings decoded.

import { readVectorJson } from "../vectors.js";

export type JsonValue =
  null | boolean | number | string | Uint8Array | JsonValue[] | { [key: string]: JsonValue };

export interface Capture {
  readonly name: string;
  readonly request: { readonly [key: string]: JsonValue };
  readonly response: { readonly [key: string]: JsonValue };
}

function revive(value: unknown): JsonValue {
  if (value === null || typeof value === "boolean" || typeof value === "number" || typeof value === "string")
    return value;
  if (Array.isArray(value)) return value.map(revive);
  if (typeof value === "object") {
    const entries = Object.entries(value);
    const only = entries[0];
    if (entries.length === 1 && only && only[0] === "$bytes" && typeof only[1] === "string") {
      return Uint8Array.from(only[1].match(/../g) ?? [], (h) => parseInt(h, 16));
    }
    return Object.fromEntries(entries.map(([k, v]) => [k, revive(v)]));
  }
  throw new Error(`unexpected JSON value ${String(value)}`);
}

function asMap(value: JsonValue): { readonly [key: string]: JsonValue } {
  if (value === null || typeof value !== "object" || Array.isArray(value) || value instanceof Uint8Array) {
    throw new Error("expected a map in the captures");
  }
  return value;
}

export function zephyrCaptures(): Capture[] {
  const all = asMap(revive(readVectorJson("smp", "responses.json")));
  const list = all.zephyr_server_captures;
  if (!Array.isArray(list)) throw new Error("zephyr_server_captures is not a list");
  return list.map((entry) => {
    const e = asMap(entry);
    if (typeof e.name !== "string") throw new Error("capture without a name");
    return { name: e.name, request: asMap(e.request_body ?? {}), response: asMap(e.response_body ?? {}) };
  });
}

export function capture(name: string): Capture {
  const found = zephyrCaptures().find((c) => c.name === name);
  if (!found) throw new Error(`no capture named ${name}`);
  return found;
}

/** The 527-byte file the captures uploaded to /lfs1/t.bin, rebuilt from the captured chunks. */
export function capturedFile(): Uint8Array {
  const parts = ["fs.upload first chunk v2", "fs.upload second chunk v2", "fs.upload last chunk v2"].map(
    (n) => {
      const data = capture(n).request.data;
      if (!(data instanceof Uint8Array)) throw new Error(`${n} has no data`);
      return data;
    },
  );
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
