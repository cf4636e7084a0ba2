// The 32-byte MCUboot image header (bootutil/image.h `struct image_header`): magic, load address, sizes,
// flags and version. Endianness is taken from the magic, so `imgtool -e big` images read too.

import { ByteReader, type Endian } from "./byte-reader.js";
import { IMAGE_FLAGS, IMAGE_HEADER_SIZE, IMAGE_MAGIC, type ImageFlagName } from "./constants.js";
import { ImageFormatError, hex32 } from "./errors.js";

export interface ImageVersion {
  readonly major: number;
  readonly minor: number;
  readonly revision: number;
  readonly build: number;
  /** "major.minor.revision+build", as imgtool prints it. */
  readonly text: string;
}

export interface ImageHeader {
  readonly endian: Endian;
  readonly magic: number;
  readonly loadAddress: number;
  readonly headerSize: number;
  readonly protectedTlvSize: number;
  readonly imageSize: number;
  readonly flags: number;
  /** Names of the set flags MCUboot defines; unknown bits stay visible in `flags`. */
  readonly flagNames: readonly ImageFlagName[];
  /** AES key size from the ENCRYPTED_* flags, or undefined when the body is not encrypted. */
  readonly encryption: "aes-128" | "aes-256" | undefined;
  readonly compression: "lzma1" | "lzma2" | "lzma2-arm-thumb" | undefined;
  readonly version: ImageVersion;
  readonly pad1: number;
}

export function formatVersion(major: number, minor: number, revision: number, build: number): string {
  return `${major}.${minor}.${revision}+${build}`;
}

function detectEndian(bytes: Uint8Array): Endian {
  const little = new ByteReader(bytes, "little");
  if (little.u32(0) === IMAGE_MAGIC) return "little";
  if (new ByteReader(bytes, "big").u32(0) === IMAGE_MAGIC) return "big";
  throw new ImageFormatError("image-bad-magic", {
    u32: hex32(little.u32(0)),
    IMAGE_MAGIC: hex32(IMAGE_MAGIC),
  });
}

function flagNamesOf(flags: number): ImageFlagName[] {
  const names: ImageFlagName[] = [];
  for (const name of Object.keys(IMAGE_FLAGS)) {
    if (isFlagName(name) && (flags & IMAGE_FLAGS[name]) !== 0) names.push(name);
  }
  return names;
}

function isFlagName(name: string): name is ImageFlagName {
  return Object.hasOwn(IMAGE_FLAGS, name);
}

/** Reads and validates the header; throws ImageFormatError when the bytes cannot be an MCUboot image. */
export function readHeader(bytes: Uint8Array): ImageHeader {
  if (bytes.length < IMAGE_HEADER_SIZE) {
    throw new ImageFormatError("image-too-short", { bytesLength: bytes.length, IMAGE_HEADER_SIZE });
  }
  const endian = detectEndian(bytes);
  const r = new ByteReader(bytes, endian);
  const headerSize = r.u16(8);
  const flags = r.u32(16);
  if (headerSize < IMAGE_HEADER_SIZE) {
    throw new ImageFormatError("image-bad-header", { headerSize, IMAGE_HEADER_SIZE });
  }
  const aes128 = (flags & IMAGE_FLAGS.ENCRYPTED_AES128) !== 0;
  const aes256 = (flags & IMAGE_FLAGS.ENCRYPTED_AES256) !== 0;
  if (aes128 && aes256) {
    throw new ImageFormatError("image-bad-header", {}, { variant: "both-aes-flags" });
  }
  const major = r.u8(20);
  const minor = r.u8(21);
  const revision = r.u16(22);
  const build = r.u32(24);
  return {
    endian,
    magic: IMAGE_MAGIC,
    loadAddress: r.u32(4),
    headerSize,
    protectedTlvSize: r.u16(10),
    imageSize: r.u32(12),
    flags,
    flagNames: flagNamesOf(flags),
    encryption: aes128 ? "aes-128" : aes256 ? "aes-256" : undefined,
    compression:
      (flags & IMAGE_FLAGS.COMPRESSED_LZMA2) !== 0
        ? (flags & IMAGE_FLAGS.COMPRESSED_ARM_THUMB) !== 0
          ? "lzma2-arm-thumb"
          : "lzma2"
        : (flags & IMAGE_FLAGS.COMPRESSED_LZMA1) !== 0
          ? "lzma1"
          : undefined,
    version: { major, minor, revision, build, text: formatVersion(major, minor, revision, build) },
    pad1: r.u32(28),
  };
}
