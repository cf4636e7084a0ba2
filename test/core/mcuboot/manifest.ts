// Typed, validated access to vectors/mcuboot/manifest.json for the golden tests (read at test time).
import { readFileSync } from "node:fs";
import { readVectorJson, vectorPath } from "../../support/vectors.js";

export function get(value: unknown, ...path: (string | number)[]): unknown {
  let at = value;
  for (const key of path) {
    if (typeof at !== "object" || at === null) return undefined;
    at = Reflect.get(at, key);
  }
  return at;
}

export function str(value: unknown, ...path: (string | number)[]): string {
  const v = get(value, ...path);
  if (typeof v !== "string") throw new Error(`manifest: ${path.join(".")} is not a string`);
  return v;
}

export function optStr(value: unknown, ...path: (string | number)[]): string | undefined {
  const v = get(value, ...path);
  return typeof v === "string" ? v : undefined;
}

export function num(value: unknown, ...path: (string | number)[]): number {
  const v = get(value, ...path);
  if (typeof v !== "number") throw new Error(`manifest: ${path.join(".")} is not a number`);
  return v;
}

export function list(value: unknown, ...path: (string | number)[]): unknown[] {
  const v = get(value, ...path);
  return Array.isArray(v) ? v : [];
}

export interface Entry {
  readonly path: string;
  readonly kind: string;
  readonly raw: unknown;
}

let cache: Entry[] | undefined;

export function manifest(): Entry[] {
  cache ??= list(readVectorJson("mcuboot", "manifest.json")).map((raw) => ({
    path: str(raw, "path"),
    kind: str(raw, "kind"),
    raw,
  }));
  return cache;
}

export function entry(path: string): Entry {
  const found = manifest().find((e) => e.path === path);
  if (!found) throw new Error(`manifest: no entry ${path}`);
  return found;
}

export function vectorBytes(path: string): Uint8Array {
  return new Uint8Array(readFileSync(vectorPath("mcuboot", path)));
}

export function vectorText(path: string): string {
  return readFileSync(vectorPath("mcuboot", path), "utf8");
}
