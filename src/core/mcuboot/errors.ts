// Typed errors of the MCUboot image, key and package readers. Every code is stable (scripts and the CLI's
// JSON output depend on it); the catalogs say what is wrong with the file and what to do about it.

import { type ErrorParams, McuFlashError, type McuFlashErrorOptions } from "../errors.js";

/** Why an image could not be read as an MCUboot image. */
export const IMAGE_ERROR_CODES = [
  "image-too-short",
  "image-bad-magic",
  "image-bad-header",
  "image-truncated",
  "image-bad-protected-tlv-info",
  "image-bad-tlv-info",
  "image-tlv-overrun",
  "image-bad-tlv",
  "image-no-hash",
  "image-bad-hash-tlv",
  "image-bad-encryption",
] as const;
export type ImageErrorCode = (typeof IMAGE_ERROR_CODES)[number];

export class ImageFormatError extends McuFlashError {
  override readonly code: ImageErrorCode;
  constructor(code: ImageErrorCode, params: ErrorParams = {}, options: McuFlashErrorOptions = {}) {
    super(code, params, { hint: "image-file", ...options });
    this.code = code;
  }
}

export const KEY_ERROR_CODES = [
  "key-unrecognised",
  "key-bad-pem",
  "key-bad-der",
  "key-unsupported",
  "key-encrypted",
  "key-not-signing",
  "key-not-private",
] as const;
export type KeyErrorCode = (typeof KEY_ERROR_CODES)[number];

export class KeyImportError extends McuFlashError {
  override readonly code: KeyErrorCode;
  constructor(code: KeyErrorCode, params: ErrorParams = {}, options: McuFlashErrorOptions = {}) {
    super(code, params, options);
    this.code = code;
  }
}

export const PACKAGE_ERROR_CODES = [
  "package-empty",
  "package-bad-hex",
  "package-hex-too-large",
  "package-bad-zip",
  "package-bad-manifest",
  "package-missing-file",
  "package-too-large",
] as const;
export type PackageErrorCode = (typeof PACKAGE_ERROR_CODES)[number];

export class PackageError extends McuFlashError {
  override readonly code: PackageErrorCode;
  constructor(code: PackageErrorCode, params: ErrorParams = {}, options: McuFlashErrorOptions = {}) {
    super(code, params, options);
    this.code = code;
  }
}

export const DECRYPT_ERROR_CODES = ["decrypt-wrong-key", "decrypt-bad-tlv", "decrypt-failed"] as const;
export type DecryptErrorCode = (typeof DECRYPT_ERROR_CODES)[number];

export class DecryptionError extends McuFlashError {
  override readonly code: DecryptErrorCode;
  constructor(code: DecryptErrorCode, params: ErrorParams = {}, options: McuFlashErrorOptions = {}) {
    super(code, params, { hint: "decrypt-key", ...options });
    this.code = code;
  }
}

export function hex32(n: number): string {
  return `0x${n.toString(16).padStart(8, "0")}`;
}

export function hexOffset(n: number): string {
  return `0x${n.toString(16)}`;
}
