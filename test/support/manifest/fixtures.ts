// Manifests, demo-signed images and an in-memory fetcher for the manifest tests.

import { toHex } from "../../../src/core/bytes.js";
import type { Fetcher } from "../../../src/core/manifest/index.js";
import { buildDemoImage, demoPublicKeyPem } from "../../../src/sim/demo-firmware.js";

export const BASE = "https://vendor.example/fw/manifest.json";

export interface DemoFile {
  readonly bytes: Uint8Array;
  readonly sha256: string;
}

export async function sha256Of(bytes: Uint8Array): Promise<string> {
  return toHex(new Uint8Array(await crypto.subtle.digest("SHA-256", new Uint8Array(bytes))));
}

/** An image signed by the public demo key (what the simulated device and the demo manifests use). */
export async function demoFile(version: string, seed = 3, bodySize = 8 * 1024): Promise<DemoFile> {
  const [major = 0, minor = 0, revision = 0] = version.split(".").map(Number);
  const bytes = await buildDemoImage({ version: { major, minor, revision }, bodySize, seed });
  return { bytes, sha256: await sha256Of(bytes) };
}

/** A valid manifest (as JSON data) with one release per file; `patch` is merged at the top level. */
export async function manifestJson(
  releases: readonly { readonly version: string; readonly file: DemoFile; readonly url?: string }[],
  patch: Record<string, unknown> = {},
): Promise<Record<string, unknown>> {
  return {
    $schema: "https://mcuflash.dev/manifest.schema.json",
    schemaVersion: 1,
    product: "Acme Sensor",
    vendor: "Acme",
    keys: [{ name: "Acme release key", pem: await demoPublicKeyPem() }],
    match: {
      bluetooth: [{ namePrefix: "Acme" }],
      serial: [{ usbVendorId: "0x2fe3", usbProductId: "0x0100" }],
      device: { board: "^nrf52840dk" },
    },
    update: { mode: "test-and-confirm", noDowngrade: true },
    releases: releases.map((r) => ({
      version: r.version,
      notes: `Release ${r.version}`,
      images: [
        { image: 0, url: r.url ?? `app-${r.version}.bin`, sha256: r.file.sha256, size: r.file.bytes.length },
      ],
    })),
    ...patch,
  };
}

export interface MemoryFetcher {
  readonly fetch: Fetcher;
  readonly calls: string[];
}

/** Serves `files` by absolute URL; anything else fails like a 404. */
export function memoryFetcher(files: ReadonlyMap<string, Uint8Array | string>): MemoryFetcher {
  const calls: string[] = [];
  return {
    calls,
    fetch: (url) => {
      calls.push(url);
      const file = files.get(url);
      if (file === undefined) return Promise.reject(new Error(`404 Not Found: ${url}`));
      return Promise.resolve(typeof file === "string" ? new TextEncoder().encode(file) : file);
    },
  };
}
