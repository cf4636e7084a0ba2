// Public API of core/mcuboot: read firmware packages, parse MCUboot images, import keys and verify
// images locally before anything is sent to a device.

export { verifyImage, type VerifyOptions } from "./verify.js";
export { VERIFICATION_OUTCOMES } from "./report.js";
export type { VerificationOutcome, VerificationReport, HashCheck, SignatureCheck } from "./report.js";
export { reportToJson, type ReportJson } from "./report-json.js";
export { parseImage, parseImageHeader, inspectImage } from "./image.js";
export type {
  ParsedImage,
  ImageSummary,
  ImageLayout,
  ImageHash,
  ByteRange,
  ImageInspection,
} from "./image.js";
export type { ImageHeader, ImageVersion } from "./header.js";
export type { ImageTlv, TlvAreaSpan } from "./tlv-area.js";
export type { TlvDecoded } from "./tlv-decode.js";
export type { BootRecordEntry } from "./boot-record.js";
export type { ImageTrailer } from "./trailer.js";
export { IMAGE_FLAGS, TLV_TYPES, HASH_ALGORITHMS, tlvName } from "./constants.js";
export type { HashAlgorithm, TlvName, ImageFlagName } from "./constants.js";
export { importKey, importTrustedKey, keyHash, keyHashHex } from "./keys.js";
export type { ImportedKey, TrustedKey, PublicKeyInfo, KeyHashPin, KeyType, SigningKeyType } from "./keys.js";
export type { KeyFormat } from "./key-text.js";
export { importDecryptionKey, type DecryptionKey, type DecryptionKeyType } from "./decryption-key.js";
export { readPackage, type Package, type PackageImage, type PackageFormat } from "./package.js";
export { parseIntelHex, type HexImage } from "./intel-hex.js";
export { ImageFormatError, KeyImportError, PackageError, DecryptionError } from "./errors.js";
export type { ImageErrorCode, KeyErrorCode, PackageErrorCode, DecryptErrorCode } from "./errors.js";
