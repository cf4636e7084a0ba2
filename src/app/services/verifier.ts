// Adapter to core/mcuboot: reads a firmware file, verifies each image against the trusted keys, and imports
// keys. The verifier (and its crypto) is a lazy chunk: the first call loads it, the app shell stays small.
//
// Expects from core/mcuboot: readPackage(bytes, name) → { format, images[{imageNumber, name, bytes, ...}] },
// verifyImage(bytes, trustedKeys) → VerificationReport, importTrustedKey(input, { name }) → TrustedKey.

import { i18n } from "../../i18n/browser-i18n.js";
import type { Message } from "../../core/errors.js";
import type { TrustedKey, VerificationOutcome } from "../../core/mcuboot/index.js";
import { toHexString } from "../../web/format.js";

// A type-only namespace import: erased at build time, so the verifier stays out of the main chunk.
import type * as McuBootModule from "../../core/mcuboot/index.js";
type McuBoot = typeof McuBootModule;

let loading: Promise<McuBoot> | undefined;
/** Loads the verifier chunk once; also called early (idle time) so the first check is instant. */
export function loadVerifier(): Promise<McuBoot> {
  loading ??= import("../../core/mcuboot/index.js").catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

export interface KeyMaterial {
  readonly name: string;
  readonly material: string | Uint8Array;
}

export interface ImageCheck {
  readonly imageNumber: number;
  readonly name: string;
  readonly bytes: Uint8Array;
  readonly size: number;
  /** SHA-256 of the bytes to upload: the device's key for resuming this upload. */
  readonly sha256: string;
  readonly outcome: VerificationOutcome;
  /** The verifier's reason, notes and warnings: catalog words the report renders in the active language. */
  readonly reason: Message;
  /** False when part of the image could not be checked (see notChecked). */
  readonly complete: boolean;
  readonly notChecked: readonly Message[];
  readonly warnings: readonly Message[];
  readonly version: string | undefined;
  /** MCUboot image hash (hex): what the device will report for this image. */
  readonly imageHash: string | undefined;
  readonly hashAlgorithm: string | undefined;
  /** Name of the trusted key that verified the signature; undefined means untrusted. */
  readonly signedBy: string | undefined;
  readonly signatureType: string | undefined;
  readonly signatureDetail: Message;
  readonly encrypted: string | undefined;
  readonly declaredVersion: string | undefined;
  readonly board: string | undefined;
  /** Direct-XIP packages: the slot this build runs from (the zip manifest's "slot"); the update picks one. */
  readonly slot?: number | undefined;
}

export interface FirmwareCheck {
  readonly fileName: string;
  readonly fileSize: number;
  /** SHA-256 of the whole file: the id it is saved under for offline use. */
  readonly fileSha256: string;
  readonly format: string;
  readonly images: readonly ImageCheck[];
  /** Stored keys that could not be imported (so the user knows why a signer is missing). */
  readonly keyProblems: readonly string[];
}

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  return toHexString(new Uint8Array(await crypto.subtle.digest("SHA-256", new Uint8Array(bytes))));
}

async function importAll(
  mcuboot: McuBoot,
  keys: readonly KeyMaterial[],
): Promise<{ trusted: TrustedKey[]; problems: string[] }> {
  const trusted: TrustedKey[] = [];
  const problems: string[] = [];
  for (const key of keys) {
    try {
      trusted.push(await mcuboot.importTrustedKey(key.material, { name: key.name }));
    } catch (error) {
      problems.push(
        i18n._("app.verifier.key-skipped", {
          keyName: key.name,
          value: error instanceof Error ? error.message : String(error),
        }),
      );
    }
  }
  return { trusted, problems };
}

/** Reads and verifies a firmware file. Throws (with a message for the user) only if the file is unreadable. */
export async function checkFirmware(
  content: Uint8Array,
  fileName: string,
  keys: readonly KeyMaterial[],
): Promise<FirmwareCheck> {
  const mcuboot = await loadVerifier();
  const pkg = await mcuboot.readPackage(content, fileName);
  const { trusted, problems } = await importAll(mcuboot, keys);
  const images: ImageCheck[] = [];
  for (const image of pkg.images) {
    const report = await mcuboot.verifyImage(image.bytes, trusted);
    images.push({
      imageNumber: image.imageNumber,
      name: image.name,
      bytes: image.bytes,
      size: image.bytes.length,
      sha256: await sha256Hex(image.bytes),
      outcome: report.outcome,
      reason: report.reason,
      complete: report.complete,
      notChecked: report.notChecked,
      warnings: report.warnings,
      version: displayVersion(report.header?.version),
      imageHash: report.imageHashHex,
      hashAlgorithm: report.hash.algorithm,
      signedBy: report.signedBy,
      signatureType: report.signature.tlv,
      signatureDetail: report.signature.detail,
      encrypted: report.header?.encryption,
      declaredVersion: image.declaredVersion,
      board: image.board,
      ...(image.slot !== undefined ? { slot: image.slot } : {}),
    });
  }
  return {
    fileName,
    fileSize: content.length,
    fileSha256: await sha256Hex(content),
    format: pkg.format,
    images,
    keyProblems: problems,
  };
}

export interface KeyDetails {
  readonly name: string;
  readonly type: string;
  readonly format: string;
  readonly fingerprint: string;
  /** What to store: the public key (DER) or the pinned hash. A pasted private key is never kept. */
  readonly publicMaterial: Uint8Array;
  readonly fromPrivateKey: boolean;
}

/** Imports a key the user offers, to validate it and describe it. Throws KeyImportError with a hint. */
export async function describeKey(
  material: string | Uint8Array,
  name: string | undefined,
): Promise<KeyDetails> {
  const mcuboot = await loadVerifier();
  const key = await mcuboot.importTrustedKey(material, name ? { name } : {});
  if (key.kind === "key-hash") {
    return {
      name: key.name,
      type: i18n._("app.verifier.key-hash", { algorithm: key.algorithm }),
      format: key.format,
      fingerprint: toHexString(key.hash),
      publicMaterial: key.hash.slice(),
      fromPrivateKey: false,
    };
  }
  return {
    name: key.name,
    type: key.type,
    format: key.format,
    fingerprint: await sha256Hex(key.publicKey),
    publicMaterial: key.publicKey.slice(),
    fromPrivateKey: key.fromPrivateKey,
  };
}

/** Verifies one image again right before it is sent (the update flow's `verify` step). */
export async function reverify(
  bytes: Uint8Array,
  keys: readonly KeyMaterial[],
): Promise<{
  outcome: VerificationOutcome;
  reason: Message;
  signedBy: string | undefined;
  complete: boolean;
  hash: Uint8Array | undefined;
  version: string | undefined;
}> {
  const mcuboot = await loadVerifier();
  const { trusted } = await importAll(mcuboot, keys);
  const report = await mcuboot.verifyImage(bytes, trusted);
  return {
    outcome: report.outcome,
    reason: report.reason,
    signedBy: report.signedBy,
    complete: report.complete,
    hash: report.imageHash,
    version: displayVersion(report.header?.version),
  };
}

/** "1.2.3" as the device's image list shows it; "+build" only when there is one (imgtool prints "+0" too). */
function displayVersion(
  v: { major: number; minor: number; revision: number; build: number } | undefined,
): string | undefined {
  return v ? `${v.major}.${v.minor}.${v.revision}${v.build ? `+${v.build}` : ""}` : undefined;
}
