// MCUboot image format constants: magics, header flags and TLV type numbers (MCUboot bootutil/image.h and
// imgtool's image.py; the names follow imgtool's, as its dumpinfo prints them).

export const IMAGE_MAGIC = 0x96f3b83d;
export const IMAGE_HEADER_SIZE = 32;
export const TLV_INFO_MAGIC = 0x6907;
export const TLV_PROT_INFO_MAGIC = 0x6908;
export const TLV_INFO_SIZE = 4;
export const TLV_HEADER_SIZE = 4;
/** imgtool accepts custom TLV types from here up (MCUboot's vendor-reserved range). */
export const TLV_VENDOR_MIN = 0x00a0;

export const IMAGE_FLAGS = {
  PIC: 0x00000001,
  ENCRYPTED_AES128: 0x00000004,
  ENCRYPTED_AES256: 0x00000008,
  NON_BOOTABLE: 0x00000010,
  RAM_LOAD: 0x00000020,
  ROM_FIXED: 0x00000100,
  COMPRESSED_LZMA1: 0x00000200,
  COMPRESSED_LZMA2: 0x00000400,
  COMPRESSED_ARM_THUMB: 0x00000800,
} as const;
export type ImageFlagName = keyof typeof IMAGE_FLAGS;

export const TLV_TYPES = {
  KEYHASH: 0x01,
  PUBKEY: 0x02,
  SHA256: 0x10,
  SHA384: 0x11,
  SHA512: 0x12,
  RSA2048: 0x20,
  ECDSA224: 0x21,
  ECDSASIG: 0x22,
  RSA3072: 0x23,
  ED25519: 0x24,
  SIG_PURE: 0x25,
  ENCRSA2048: 0x30,
  ENCKW: 0x31,
  ENCEC256: 0x32,
  ENCX25519: 0x33,
  ENCX25519_SHA512: 0x34,
  DEPENDENCY: 0x40,
  SEC_CNT: 0x50,
  BOOT_RECORD: 0x60,
  DECOMP_SIZE: 0x70,
  DECOMP_SHA: 0x71,
  DECOMP_SIGNATURE: 0x72,
  COMP_DEC_SIZE: 0x73,
  UUID_VID: 0x74,
  UUID_CID: 0x75,
} as const;
export type KnownTlvName = keyof typeof TLV_TYPES;
/** Custom types (0x00a0 and up) are "VENDOR"; undefined built-in numbers are "UNKNOWN". */
export type TlvName = KnownTlvName | "VENDOR" | "UNKNOWN";

const TLV_NAME_BY_TYPE = new Map<number, KnownTlvName>();
for (const name of Object.keys(TLV_TYPES))
  if (isKnownTlvName(name)) TLV_NAME_BY_TYPE.set(TLV_TYPES[name], name);

function isKnownTlvName(name: string): name is KnownTlvName {
  return Object.hasOwn(TLV_TYPES, name);
}

export function tlvName(type: number): TlvName {
  return TLV_NAME_BY_TYPE.get(type) ?? (type >= TLV_VENDOR_MIN ? "VENDOR" : "UNKNOWN");
}

export const HASH_ALGORITHMS = {
  sha256: { tlv: TLV_TYPES.SHA256, webCrypto: "SHA-256", length: 32, label: "SHA256" },
  sha384: { tlv: TLV_TYPES.SHA384, webCrypto: "SHA-384", length: 48, label: "SHA384" },
  sha512: { tlv: TLV_TYPES.SHA512, webCrypto: "SHA-512", length: 64, label: "SHA512" },
} as const;
export type HashAlgorithm = keyof typeof HASH_ALGORITHMS;

export function hashAlgorithmOfTlv(type: number): HashAlgorithm | undefined {
  if (type === TLV_TYPES.SHA256) return "sha256";
  if (type === TLV_TYPES.SHA384) return "sha384";
  if (type === TLV_TYPES.SHA512) return "sha512";
  return undefined;
}

export function hashAlgorithmOfLength(length: number): HashAlgorithm | undefined {
  if (length === 32) return "sha256";
  if (length === 48) return "sha384";
  if (length === 64) return "sha512";
  return undefined;
}

export const SIGNATURE_TLV_TYPES: readonly number[] = [
  TLV_TYPES.RSA2048,
  TLV_TYPES.ECDSA224,
  TLV_TYPES.ECDSASIG,
  TLV_TYPES.RSA3072,
  TLV_TYPES.ED25519,
];

export const KEY_EXCHANGE_TLV_TYPES: readonly number[] = [
  TLV_TYPES.ENCRSA2048,
  TLV_TYPES.ENCKW,
  TLV_TYPES.ENCEC256,
  TLV_TYPES.ENCX25519,
  TLV_TYPES.ENCX25519_SHA512,
];

/**
 * TLVs MCUboot accepts outside the hashed (protected) area when its TLV allow list is on (the Zephyr default).
 * Anything else found there is not covered by the signature, so the report never relies on it.
 */
export const ALLOWED_UNPROTECTED_TLV_TYPES: readonly number[] = [
  TLV_TYPES.KEYHASH,
  TLV_TYPES.PUBKEY,
  TLV_TYPES.SHA256,
  TLV_TYPES.SHA384,
  TLV_TYPES.SHA512,
  TLV_TYPES.SIG_PURE,
  ...SIGNATURE_TLV_TYPES,
  ...KEY_EXCHANGE_TLV_TYPES,
];

/** The slot trailer magic imgtool writes with the default max-align of 8. */
export const BOOT_MAGIC_V1 = Uint8Array.of(
  0x77,
  0xc2,
  0x95,
  0xf3,
  0x60,
  0xd2,
  0xef,
  0x7f,
  0x35,
  0x52,
  0x50,
  0x0f,
  0x2c,
  0xb6,
  0x79,
  0x80,
);
/** With a larger max-align the magic is that alignment (u16) followed by these 14 bytes. */
export const BOOT_MAGIC_V2_TAIL = Uint8Array.of(
  0x2d,
  0xe1,
  0x5d,
  0x29,
  0x41,
  0x0b,
  0x8d,
  0x77,
  0x67,
  0x9c,
  0x11,
  0x0f,
  0x1f,
  0x8a,
);
