// Loading a manifest from its address with an injected fetcher: the address must be https (http only on
// localhost), the file at most MAX_MANIFEST_BYTES, then parseManifestText validates it.

import type { Fetcher } from "./fetch-firmware.js";
import { ManifestErrorCode, ManifestFlowError } from "./manifest-errors.js";
import type { Manifest } from "./manifest-types.js";
import { MAX_MANIFEST_BYTES, parseManifestText } from "./parse-manifest.js";
import { isAllowedUrl } from "./resolve-url.js";

export async function loadManifest(url: string, fetcher: Fetcher, signal?: AbortSignal): Promise<Manifest> {
  if (url.trim() === "") {
    throw new ManifestFlowError(ManifestErrorCode.unavailable, {}, { hint: "manifest-unavailable" });
  }
  if (!isAllowedUrl(url)) {
    throw new ManifestFlowError(
      ManifestErrorCode.unavailable,
      { url },
      { variant: "manifest-address-allowed", hint: "manifest-unavailable.manifest-address-allowed" },
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
      { url },
      { variant: "could-load-manifest", hint: "manifest-unavailable.could-load-manifest", cause: error },
    );
  }
  return parseManifestText(new TextDecoder().decode(bytes), url);
}
