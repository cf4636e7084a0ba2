// Loading a manifest from its address with an injected fetcher: the address must be https (http only on
// localhost), the file at most MAX_MANIFEST_BYTES, then parseManifestText validates it.

import type { Fetcher } from "./fetch-firmware.js";
import { ManifestErrorCode, ManifestFlowError } from "./manifest-errors.js";
import type { Manifest } from "./manifest-types.js";
import { MAX_MANIFEST_BYTES, parseManifestText } from "./parse-manifest.js";
import { isAllowedUrl } from "./resolve-url.js";

export async function loadManifest(url: string, fetcher: Fetcher, signal?: AbortSignal): Promise<Manifest> {
  if (url.trim() === "") {
    throw new ManifestFlowError(ManifestErrorCode.unavailable, "No manifest address was given.", {
      hint: 'Set the manifest\'s URL: ?manifest=… on the install page, or manifest="…" on <mcuflash-install>.',
    });
  }
  if (!isAllowedUrl(url)) {
    throw new ManifestFlowError(
      ManifestErrorCode.unavailable,
      `The manifest address "${url}" is not allowed.`,
      {
        hint: "Manifests are loaded from https:// addresses only (plain http:// only on localhost).",
      },
    );
  }
  let bytes: Uint8Array;
  try {
    bytes = await fetcher(url, {
      purpose: "manifest",
      maxBytes: MAX_MANIFEST_BYTES,
      ...(signal ? { signal } : {}),
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ManifestFlowError(
      ManifestErrorCode.unavailable,
      `Could not load the manifest from ${url}: ${error instanceof Error ? error.message : String(error)}`,
      {
        cause: error,
        hint: "Check the address and the network connection; a manifest opened once works offline afterwards.",
      },
    );
  }
  return parseManifestText(new TextDecoder().decode(bytes), url);
}
