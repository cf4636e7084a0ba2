// A vendor's files for the install tests, written to a temp dir: demo-signed images (the simulated device
// accepts them and the manifest's key verifies them), manifests that are right and ones that are wrong in
// one field each, and a plain HTML page with the <mcuflash-install> element.

import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readFileSync } from "node:fs";
import { buildDemoImage, demoPublicKeyPem } from "../../../src/sim/demo-firmware.js";
import { vectorPath } from "../vectors.js";

export interface VendorFiles {
  readonly dir: string;
  readonly image: Uint8Array;
  readonly sha256: string;
}

function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

function manifest(patch: Record<string, unknown>, image: Uint8Array, sha: string, key: string): string {
  return JSON.stringify(
    {
      $schema: "../manifest.schema.json",
      schemaVersion: 1,
      product: "Acme Sensor",
      vendor: "Acme Devices",
      keys: [{ name: "Acme release key", url: "keys/acme-release.pem" }],
      match: {
        bluetooth: [{ namePrefix: "Acme" }],
        serial: [{ usbVendorId: "0x2fe3", usbProductId: "0x0100" }],
        device: { board: "^nrf52840dk" },
      },
      update: { mode: "test-and-confirm", noDowngrade: true },
      releases: [
        {
          version: "1.0.0",
          date: "2025-11-01",
          notes: "First release.",
          images: [{ image: 0, url: "firmware/acme-1.0.0.bin", sha256: "0".repeat(64), size: 1024 }],
        },
        {
          version: "1.1.0",
          date: "2026-01-05",
          notes: "Faster sensor sampling.\nFixes a Bluetooth reconnect issue.",
          images: [{ image: 0, url: "firmware/acme-1.1.0.bin", sha256: sha, size: image.length }],
        },
      ],
      ...patch,
    },
    null,
    2,
  ).replace("keys/acme-release.pem", key);
}

/** Writes the vendor's files; `embedScript` is the URL path of the element's bundle for the HTML page. */
export async function writeVendorFiles(embedScript: string): Promise<VendorFiles> {
  const dir = mkdtempSync(join(tmpdir(), "mcuflash-vendor-"));
  mkdirSync(join(dir, "firmware"));
  mkdirSync(join(dir, "keys"));
  const image = await buildDemoImage({
    version: { major: 1, minor: 1, revision: 0 },
    bodySize: 20 * 1024,
    seed: 21,
  });
  const sha = sha256(image);
  writeFileSync(join(dir, "firmware", "acme-1.1.0.bin"), image);
  writeFileSync(join(dir, "keys", "acme-release.pem"), await demoPublicKeyPem());
  writeFileSync(
    join(dir, "keys", "other.pem"),
    readFileSync(vectorPath("mcuboot", "keys", "ed25519.pub.pem")),
  );
  writeFileSync(join(dir, "manifest.json"), manifest({}, image, sha, "keys/acme-release.pem"));
  // An upgrade path: 1.2.0 requires 1.1.0 first, so a 1.0.0 device needs 1.1.0 (offline too).
  const image120 = await buildDemoImage({
    version: { major: 1, minor: 2, revision: 0 },
    bodySize: 24 * 1024,
    seed: 22,
  });
  writeFileSync(join(dir, "firmware", "acme-1.2.0.bin"), image120);
  const pathManifest = JSON.parse(manifest({}, image, sha, "keys/acme-release.pem")) as {
    releases: unknown[];
  };
  pathManifest.releases.push({
    version: "1.2.0",
    date: "2026-03-01",
    notes: "New sensor calibration. Needs 1.1.0 first.",
    requires: { minimumVersion: "1.1.0" },
    images: [{ image: 0, url: "firmware/acme-1.2.0.bin", sha256: sha256(image120), size: image120.length }],
  });
  writeFileSync(join(dir, "manifest-path.json"), JSON.stringify(pathManifest, null, 2));
  writeFileSync(join(dir, "manifest-wrong-key.json"), manifest({}, image, sha, "keys/other.pem"));
  const wrongHash = `${sha.slice(0, 60)}${sha.endsWith("0000") ? "1111" : "0000"}`;
  writeFileSync(
    join(dir, "manifest-wrong-hash.json"),
    manifest({}, image, wrongHash, "keys/acme-release.pem"),
  );
  writeFileSync(
    join(dir, "manifest-invalid.json"),
    manifest({ schemaVersion: 3, product: 7 }, image, sha, "keys/acme-release.pem"),
  );
  writeVendorPage(
    dir,
    "page.html",
    embedScript,
    `<mcuflash-install id="updater" manifest="manifest.json" demo>
      <span slot="unsupported">Please open this page in Chrome or Edge to update your sensor.</span>
    </mcuflash-install>`,
  );
  return { dir, image, sha256: sha };
}

/** A plain vendor page (no framework, no CSP) around `element`, in `lang` (null: `<html>` without one). */
export function writeVendorPage(
  dir: string,
  name: string,
  embedScript: string,
  element: string,
  lang: string | null = "en",
): void {
  writeFileSync(
    join(dir, name),
    `<!doctype html>
<html${lang === null ? "" : ` lang="${lang}"`}>
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Acme Sensor — support</title>
    <link rel="icon" href="data:," />
    <style>
      body { font-family: system-ui, sans-serif; max-width: 40rem; margin: 2rem auto; padding: 0 1rem; color: #222; }
      mcuflash-install { margin: 1.5rem 0; --mcuflash-accent: #6a2c91; }
    </style>
    <script type="module" src="${embedScript}"></script>
  </head>
  <body>
    <h1>Acme Sensor support</h1>
    <p>Keep your sensor up to date: connect it and press the button.</p>
    ${element}
    <p>Questions? support@acme.example</p>
  </body>
</html>
`,
  );
}
