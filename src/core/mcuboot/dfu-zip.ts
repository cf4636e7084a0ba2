// Nordic's nRF Connect SDK `dfu_application.zip`: a manifest.json listing each MCUboot image with its
// image number (`image_index`: 0 for the application core, 1 for the network core, ...) and the files.

import { unzipSync } from "fflate";
import type { ErrorParams } from "../errors.js";
import { PackageError } from "./errors.js";

/** Total uncompressed size accepted from one zip (guards against zip bombs). */
export const MAX_ZIP_CONTENT = 256 * 1024 * 1024;

export interface DfuManifestEntry {
  readonly file: string;
  readonly imageNumber: number;
  readonly type: string | undefined;
  readonly board: string | undefined;
  readonly soc: string | undefined;
  readonly version: string | undefined;
  readonly size: number | undefined;
  readonly loadAddress: number | undefined;
  /** Direct-XIP packages: the slot this build runs from (the manifest's "slot"). */
  readonly slot: number | undefined;
}

/** What is wrong with the manifest: the catalog's wording of "error.package-bad-manifest.<problem>". */
type ManifestProblem =
  "no-files" | "entry-not-object" | "entry-no-file" | "image-index-not-number" | "no-image-index";

function badManifest(problem: ManifestProblem, params: ErrorParams = {}): PackageError {
  return new PackageError("package-bad-manifest", params, {
    variant: problem,
    hint: "package-bad-manifest.dfu-application-zip",
  });
}

function field(entry: object, name: string): unknown {
  return Object.hasOwn(entry, name) ? Reflect.get(entry, name) : undefined;
}

function text(entry: object, name: string): string | undefined {
  const v = field(entry, name);
  return typeof v === "string" ? v : typeof v === "number" ? String(v) : undefined;
}

function integer(entry: object, name: string): number | undefined {
  const v = field(entry, name);
  const n = typeof v === "number" ? v : typeof v === "string" && /^\d+$/.test(v.trim()) ? Number(v) : NaN;
  return Number.isSafeInteger(n) && n >= 0 ? n : undefined;
}

export function parseDfuManifest(json: unknown): DfuManifestEntry[] {
  const files = typeof json === "object" && json !== null ? field(json, "files") : undefined;
  if (!Array.isArray(files) || files.length === 0) throw badManifest("no-files");
  const entries: DfuManifestEntry[] = [];
  for (const [i, raw] of files.entries()) {
    if (typeof raw !== "object" || raw === null) throw badManifest("entry-not-object", { entry: i });
    const file = text(raw, "file");
    if (!file) throw badManifest("entry-no-file", { entry: i });
    let imageNumber = integer(raw, "image_index");
    if (imageNumber === undefined && field(raw, "image_index") !== undefined) {
      throw badManifest("image-index-not-number", { file });
    }
    if (imageNumber === undefined) {
      if (files.length > 1) throw badManifest("no-image-index", { file });
      imageNumber = 0;
    }
    entries.push({
      file,
      imageNumber,
      type: text(raw, "type"),
      board: text(raw, "board"),
      soc: text(raw, "soc"),
      version: text(raw, "version_MCUBOOT") ?? text(raw, "version_MCUBOOT+XIP") ?? text(raw, "version"),
      size: integer(raw, "size"),
      loadAddress: integer(raw, "load_address"),
      // The slot a direct-XIP build runs from ("slot": 0 or 1, one file per slot). Not slot_index_primary, which
      // numbers the partitions (1, 2 for image 0; 3, 4 for image 1).
      slot: integer(raw, "slot"),
    });
  }
  return entries;
}

/** Unzips with a size cap; file names map to contents. */
export function unzipPackage(bytes: Uint8Array): Map<string, Uint8Array> {
  let total = 0;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter: (file) => {
        total += file.originalSize;
        if (total > MAX_ZIP_CONTENT) throw new RangeError("zip content too large");
        return !file.name.endsWith("/");
      },
    });
  } catch (error) {
    if (error instanceof RangeError) {
      throw new PackageError(
        "package-too-large",
        { value: MAX_ZIP_CONTENT >> 20 },
        { hint: "package-too-large", cause: error },
      );
    }
    throw new PackageError("package-bad-zip", {}, { hint: "package-bad-zip", cause: error });
  }
  return new Map(Object.entries(files));
}
