// Reads the shared reference vectors (../shared/vectors, beside the repository). Never copy or edit them.
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

// Beside the repository, or beside a folder that holds a copy of it (StrykerJS runs the tests in a sandbox
// under .stryker-tmp/), so the nearest ancestor that has shared/vectors.
function findVectors(): string {
  let dir = fileURLToPath(new URL("../../", import.meta.url));
  for (;;) {
    const candidate = join(dir, "shared", "vectors");
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return fileURLToPath(new URL("../../../shared/vectors/", import.meta.url));
    dir = parent;
  }
}

export const VECTORS_DIR = findVectors();

export function vectorPath(...parts: string[]): string {
  return join(VECTORS_DIR, ...parts);
}

export function readVectorJson(...parts: string[]): unknown {
  return JSON.parse(readFileSync(vectorPath(...parts), "utf8")) as unknown;
}

export function readVectorBytes(...parts: string[]): Uint8Array {
  return new Uint8Array(readFileSync(vectorPath(...parts)));
}

export function hexToBytes(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

export function bytesToHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}
