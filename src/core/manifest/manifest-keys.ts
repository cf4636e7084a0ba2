// The manifest's trusted keys, imported for the verify step: PEM text in the manifest, or a file at a URL
// (fetched with the same fetcher as the firmware). A key that does not import fails the install, naming its
// field: silently dropping a key would turn a typo into "no trusted key signed this image".

import { McuFlashError } from "../errors.js";
import { importTrustedKey, type TrustedKey } from "../mcuboot/keys.js";
import { FirmwareFetchError, ManifestErrorCode } from "./manifest-errors.js";
import { MAX_KEY_BYTES, type Manifest, type ManifestKey } from "./manifest-types.js";
import type { Fetcher } from "./fetch-firmware.js";

async function material(
  key: ManifestKey,
  fetcher: Fetcher,
  signal?: AbortSignal,
): Promise<string | Uint8Array> {
  if (key.source.kind === "pem") return key.source.pem;
  try {
    return await fetcher(key.source.url, {
      purpose: "key",
      maxBytes: MAX_KEY_BYTES,
      ...(signal ? { signal } : {}),
    });
  } catch (error) {
    if (signal?.aborted || (error instanceof McuFlashError && error.code === "cancelled")) throw error;
    throw new FirmwareFetchError(
      ManifestErrorCode.keyUnavailable,
      key.path,
      { keyName: key.name, url: key.source.url, path: key.path },
      { hint: "manifest-key-unavailable", cause: error },
    );
  }
}

export async function loadManifestKeys(
  manifest: Manifest,
  fetcher: Fetcher,
  signal?: AbortSignal,
): Promise<TrustedKey[]> {
  const keys: TrustedKey[] = [];
  for (const key of manifest.keys) {
    const input = await material(key, fetcher, signal);
    try {
      keys.push(await importTrustedKey(input, { name: key.name }));
    } catch (error) {
      const field = key.source.kind === "pem" ? `${key.path}.pem` : `${key.path}.url`;
      throw new FirmwareFetchError(
        ManifestErrorCode.keyInvalid,
        key.path,
        { keyName: key.name, field },
        { hint: "manifest-key-invalid", cause: error },
      );
    }
  }
  return keys;
}
