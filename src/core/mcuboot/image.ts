// Parses a whole MCUboot image: header, protected and unprotected TLV areas, the image hash TLV and the
// slot trailer of padded images. Structure only; hashing and signatures are verify.ts's job.

import { toHex } from "../bytes.js";
import { ByteReader } from "./byte-reader.js";
import {
  HASH_ALGORITHMS,
  IMAGE_HEADER_SIZE,
  KEY_EXCHANGE_TLV_TYPES,
  TLV_INFO_MAGIC,
  TLV_PROT_INFO_MAGIC,
  hashAlgorithmOfTlv,
  type HashAlgorithm,
} from "./constants.js";
import { ImageFormatError, hexOffset } from "./errors.js";
import { readHeader, type ImageHeader } from "./header.js";
import { readTlvInfo, walkTlvArea, type ImageTlv, type TlvAreaSpan } from "./tlv-area.js";
import { readTrailer, type ImageTrailer } from "./trailer.js";

/** A half-open byte range [start, end). */
export interface ByteRange {
  readonly start: number;
  readonly end: number;
}

export interface ImageLayout {
  readonly header: ByteRange;
  readonly headerPadding: ByteRange;
  readonly body: ByteRange;
  readonly protectedTlvArea: TlvAreaSpan | undefined;
  readonly tlvArea: TlvAreaSpan;
  /** Header + padding + body + protected TLVs: what the hash covers and the signature signs. */
  readonly signedRegion: ByteRange;
  /** Bytes after the TLV area (slot padding and trailer, or anything appended). */
  readonly afterTlvArea: ByteRange;
}

export interface ImageHash {
  readonly algorithm: HashAlgorithm;
  /** The hash TLV value: MCUboot's image hash, as the device reports it. A view into the image. */
  readonly value: Uint8Array;
  readonly hex: string;
  readonly tlv: ImageTlv;
}

export interface ParsedImage {
  readonly bytes: Uint8Array;
  readonly header: ImageHeader;
  readonly layout: ImageLayout;
  readonly tlvs: readonly ImageTlv[];
  /** A view of the signed region (no copy). */
  readonly signedRegion: Uint8Array;
  readonly hash: ImageHash;
  readonly trailer: ImageTrailer | undefined;
}

/** What could be read from a file, and the first fault found, for reports on broken images. */
export interface ImageInspection {
  readonly header: ImageHeader | undefined;
  readonly tlvs: readonly ImageTlv[];
  readonly image: ParsedImage | undefined;
  readonly problem: ImageFormatError | undefined;
}

function findHash(tlvs: readonly ImageTlv[]): ImageHash {
  const hashes = tlvs.filter((t) => t.area === "unprotected" && hashAlgorithmOfTlv(t.type) !== undefined);
  const first = hashes[0];
  if (!first) {
    throw new ImageFormatError("image-no-hash", {});
  }
  if (hashes.length > 1) {
    throw new ImageFormatError("image-bad-hash-tlv", { hashesLength: hashes.length });
  }
  const algorithm = hashAlgorithmOfTlv(first.type) ?? "sha256";
  const expected = HASH_ALGORITHMS[algorithm].length;
  if (first.length !== expected) {
    throw new ImageFormatError(
      "image-bad-hash-tlv",
      { firstName: first.name, firstLength: first.length, expected },
      { variant: "wrong-length" },
    );
  }
  return { algorithm, value: first.value, hex: toHex(first.value), tlv: first };
}

function checkEncryption(header: ImageHeader, tlvs: readonly ImageTlv[]): void {
  if (!header.encryption) return;
  if (!tlvs.some((t) => t.area === "unprotected" && KEY_EXCHANGE_TLV_TYPES.includes(t.type))) {
    throw new ImageFormatError("image-bad-encryption", {});
  }
}

function parseInto(bytes: Uint8Array, tlvs: ImageTlv[], onHeader: (h: ImageHeader) => void): ParsedImage {
  const header = readHeader(bytes);
  onHeader(header);
  const r = new ByteReader(bytes, header.endian);
  const bodyEnd = header.headerSize + header.imageSize;
  if (bodyEnd > bytes.length) {
    throw new ImageFormatError(
      "image-truncated",
      { bodyEnd: hexOffset(bodyEnd), bytesLength: hexOffset(bytes.length) },
      { variant: "body-past-end" },
    );
  }
  let protectedArea: TlvAreaSpan | undefined;
  if (header.protectedTlvSize > 0) {
    if (r.has(bodyEnd, 2) && r.u16(bodyEnd) !== TLV_PROT_INFO_MAGIC) {
      throw new ImageFormatError("image-bad-protected-tlv-info", {
        protectedTlvSize: header.protectedTlvSize,
        bodyEnd: hexOffset(bodyEnd),
        u16: r.u16(bodyEnd).toString(16).padStart(4, "0"),
      });
    }
    protectedArea = readTlvInfo(r, bodyEnd, "protected", TLV_PROT_INFO_MAGIC);
    if (protectedArea.total !== header.protectedTlvSize) {
      throw new ImageFormatError(
        "image-bad-protected-tlv-info",
        { total: protectedArea.total, protectedTlvSize: header.protectedTlvSize },
        { variant: "size-mismatch" },
      );
    }
    walkTlvArea(r, protectedArea, "protected", tlvs);
  } else if (r.has(bodyEnd, 2) && r.u16(bodyEnd) === TLV_PROT_INFO_MAGIC) {
    throw new ImageFormatError(
      "image-bad-protected-tlv-info",
      { bodyEnd: hexOffset(bodyEnd) },
      { variant: "unexpected-area" },
    );
  }
  const signedEnd = bodyEnd + header.protectedTlvSize;
  const tlvArea = readTlvInfo(r, signedEnd, "unprotected", TLV_INFO_MAGIC);
  walkTlvArea(r, tlvArea, "unprotected", tlvs);
  const hash = findHash(tlvs);
  checkEncryption(header, tlvs);
  return {
    bytes,
    header,
    layout: {
      header: { start: 0, end: IMAGE_HEADER_SIZE },
      headerPadding: { start: IMAGE_HEADER_SIZE, end: header.headerSize },
      body: { start: header.headerSize, end: bodyEnd },
      protectedTlvArea: protectedArea,
      tlvArea,
      signedRegion: { start: 0, end: signedEnd },
      afterTlvArea: { start: tlvArea.end, end: bytes.length },
    },
    tlvs,
    signedRegion: bytes.subarray(0, signedEnd),
    hash,
    trailer: readTrailer(bytes, tlvArea.end, header.endian),
  };
}

/** Reads as much as possible and reports the first fault instead of throwing it. Never throws. */
export function inspectImage(bytes: Uint8Array): ImageInspection {
  const tlvs: ImageTlv[] = [];
  let header: ImageHeader | undefined;
  try {
    const image = parseInto(bytes, tlvs, (h) => (header = h));
    return { header, tlvs, image, problem: undefined };
  } catch (error) {
    if (error instanceof ImageFormatError) return { header, tlvs, image: undefined, problem: error };
    const problem = new ImageFormatError("image-bad-header", {}, { variant: "unreadable", cause: error });
    return { header, tlvs, image: undefined, problem };
  }
}

/** Parses an MCUboot image; throws ImageFormatError (with a stable code) when it is not well formed. */
export function parseImage(bytes: Uint8Array): ParsedImage {
  const inspection = inspectImage(bytes);
  if (inspection.problem || !inspection.image) {
    throw inspection.problem ?? new ImageFormatError("image-bad-header", {}, { variant: "unreadable" });
  }
  return inspection.image;
}

export interface ImageSummary {
  readonly header: ImageHeader;
  readonly version: string;
  readonly hashAlgorithm: HashAlgorithm;
  /** MCUboot's image hash (the hash TLV value) as the device reports it; a copy, safe to keep. */
  readonly imageHash: Uint8Array;
  readonly imageHashHex: string;
}

/** The cheap read for callers that need version and image hash: walks the TLVs, hashes nothing. */
export function parseImageHeader(bytes: Uint8Array): ImageSummary {
  const image = parseImage(bytes);
  return {
    header: image.header,
    version: image.header.version.text,
    hashAlgorithm: image.hash.algorithm,
    imageHash: image.hash.value.slice(),
    imageHashHex: image.hash.hex,
  };
}
