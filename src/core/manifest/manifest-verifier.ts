// The update flow's verify step for a manifest install: the MCUboot image must be intact, fully checked and
// signed by one of the manifest's keys (no unsigned override: a vendor page never sends untrusted images),
// and its header version must be the one the manifest lists, so a mislabelled file is caught before upload.

import { nestedWords, words } from "../errors.js";
import { verifyImage, type TrustedKey } from "../mcuboot/index.js";
import { acceptance } from "../update/image-acceptance.js";
import type { VerifiedImage } from "../update/update-flow.js";
import { compareVersions, formatVersion } from "../update/version.js";
import type { ManifestImage } from "./manifest-types.js";

export function manifestVerifier(
  keys: readonly TrustedKey[],
  image: ManifestImage,
): (bytes: Uint8Array) => Promise<VerifiedImage> {
  return async (bytes) => {
    const report = await verifyImage(bytes, keys);
    const verdict = acceptance(report, false);
    const header = report.header?.version;
    const version = header
      ? formatVersion({
          major: header.major,
          minor: header.minor,
          revision: header.revision,
          build: header.build,
        })
      : "unknown";
    const hash = report.imageHash ?? new Uint8Array(0);
    if (!verdict.accepted) {
      // Intact but refused: the signature is missing, made by another key, or does not verify.
      const intact = report.hash.status === "match" && report.outcome !== "malformed";
      const signer = { keys: keys.map((k) => `"${k.name}"`).join(", "), keyCount: keys.length };
      return {
        accepted: false,
        reason: intact
          ? report.outcome === "valid"
            ? words("verify.refused-manifest-key", signer)
            : words("verify.refused-manifest-key-reason", {
                ...signer,
                ...nestedWords("reason", report.reason),
              })
          : report.reason,
        hash,
        version,
      };
    }
    if (header && compareVersions(header, image.parsedVersion) !== 0) {
      return {
        accepted: false,
        reason: words("verify.refused-manifest-version", {
          version,
          listed: image.version,
          path: image.path,
        }),
        hash,
        version,
      };
    }
    return { accepted: true, reason: verdict.reason, hash, version };
  };
}
