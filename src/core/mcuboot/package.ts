// Reads whatever firmware file the user picked — a raw .bin (padded or not), Intel HEX, or Nordic's
// dfu_application.zip — into the MCUboot images it contains, each with its image number.

import { parseDfuManifest, unzipPackage } from "./dfu-zip.js";
import { PackageError } from "./errors.js";
import { parseIntelHex } from "./intel-hex.js";

export type PackageFormat = "binary" | "intel-hex" | "dfu-zip";

export interface PackageImage {
  /** MCUboot image number: 0 is the application (core), 1 the network core or second image, ... */
  readonly imageNumber: number;
  /** File name (inside the zip for packages). */
  readonly name: string;
  readonly bytes: Uint8Array;
  readonly format: "binary" | "intel-hex";
  /** For Intel HEX: the address of bytes[0]. */
  readonly baseAddress: number | undefined;
  /** What the zip manifest says (type "application", board, soc, version); undefined elsewhere. */
  readonly type: string | undefined;
  readonly board: string | undefined;
  readonly soc: string | undefined;
  readonly declaredVersion: string | undefined;
  readonly declaredSize: number | undefined;
  /** The slot this build runs from, when the manifest says (direct-XIP packages carry one build per slot). */
  readonly slot?: number | undefined;
}

export interface Package {
  readonly format: PackageFormat;
  readonly name: string | undefined;
  readonly images: readonly PackageImage[];
}

const latin1 = new TextDecoder("latin1");

function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

function looksLikeHex(bytes: Uint8Array): boolean {
  let i = 0;
  while (
    i < bytes.length &&
    (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0a || bytes[i] === 0x0d)
  )
    i++;
  return bytes[i] === 0x3a;
}

function single(name: string, bytes: Uint8Array, extra: Partial<PackageImage> = {}): PackageImage {
  const hex = looksLikeHex(bytes);
  const parsed = hex ? parseIntelHex(latin1.decode(bytes)) : undefined;
  return {
    imageNumber: extra.imageNumber ?? 0,
    name,
    bytes: parsed?.bytes ?? bytes,
    format: hex ? "intel-hex" : "binary",
    baseAddress: parsed?.baseAddress,
    type: extra.type,
    board: extra.board,
    soc: extra.soc,
    declaredVersion: extra.declaredVersion,
    declaredSize: extra.declaredSize,
    ...(extra.slot !== undefined ? { slot: extra.slot } : {}),
  };
}

function readZip(bytes: Uint8Array, fileName: string | undefined): Package {
  const files = unzipPackage(bytes);
  const manifestBytes = files.get("manifest.json");
  if (!manifestBytes) {
    throw new PackageError("package-bad-manifest", {}, { hint: "package-bad-manifest" });
  }
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder("utf-8").decode(manifestBytes));
  } catch (error) {
    throw new PackageError(
      "package-bad-manifest",
      {},
      { variant: "not-json", hint: "package-bad-manifest.not-json", cause: error },
    );
  }
  const images = parseDfuManifest(json).map((entry) => {
    const content = files.get(entry.file);
    if (!content) {
      throw new PackageError("package-missing-file", { file: entry.file }, { hint: "package-missing-file" });
    }
    return single(entry.file, content, {
      imageNumber: entry.imageNumber,
      type: entry.type,
      board: entry.board,
      soc: entry.soc,
      declaredVersion: entry.version,
      declaredSize: entry.size,
      slot: entry.slot,
    });
  });
  return {
    format: "dfu-zip",
    name: fileName,
    images: [...images].sort((a, b) => a.imageNumber - b.imageNumber),
  };
}

/** Reads a firmware file into its images. Throws PackageError (stable codes) when it cannot be read. */
export async function readPackage(bytes: Uint8Array, fileName?: string): Promise<Package> {
  if (bytes.length === 0) {
    throw new PackageError("package-empty", {}, { hint: "package-empty" });
  }
  if (isZip(bytes)) return readZip(bytes, fileName);
  const image = single(fileName ?? "image.bin", bytes);
  return { format: image.format, name: fileName, images: [image] };
}
