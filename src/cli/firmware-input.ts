// Loading what the user names on the command line: a firmware file (any package format) and trusted keys.

import { basename } from "node:path";
import { McuFlashError } from "../core/errors.js";
import { importTrustedKey, readPackage, type PackageImage, type TrustedKey } from "../core/mcuboot/index.js";
import type { CliIo } from "./cli-io.js";
import { readLocalFile } from "./local-file.js";
import { UsageError } from "./usage-error.js";

/** A key file that could not be imported: the importer's own code, and which file it was. */
export class KeyFileError extends McuFlashError {
  readonly path: string;
  constructor(path: string, cause: McuFlashError) {
    super(cause.code, { ...cause.params, path }, { hint: cause.hint, cause });
    this.path = path;
  }

  /** "Key file PATH: " and the importer's own words. */
  override get messageKey(): string {
    return "error.key-file";
  }
}

export async function loadTrustedKeys(paths: readonly string[], io: CliIo): Promise<TrustedKey[]> {
  return Promise.all(
    paths.map((path) =>
      loadKeyFile(io, path, (bytes) =>
        importTrustedKey(bytes, { name: basename(path).replace(/\.[^.]*$/, "") }),
      ),
    ),
  );
}

/** Reads a key file and imports it; an import error keeps its code and gains the file's path. */
export async function loadKeyFile<T>(
  io: CliIo,
  path: string,
  load: (bytes: Uint8Array) => Promise<T>,
): Promise<T> {
  const bytes = await readLocalFile(io, path);
  try {
    return await load(bytes);
  } catch (error) {
    throw error instanceof McuFlashError ? new KeyFileError(path, error) : error;
  }
}

/**
 * Reads FILE and picks the images to send: all of a package (sent in one update), or the one `--image N` names
 * (with its slot variants, when a direct-XIP package carries one build per slot).
 */
export async function loadFirmwareImages(
  path: string,
  imageNumber: number | undefined,
  io: CliIo,
): Promise<PackageImage[]> {
  const pkg = await readPackage(await readLocalFile(io, path), basename(path));
  const candidates =
    imageNumber === undefined ? pkg.images : pkg.images.filter((i) => i.imageNumber === imageNumber);
  if (candidates.length === 0) {
    throw new UsageError("usage-image-not-in-package", {
      file: path,
      image: imageNumber ?? 0,
      available: pkg.images.map((i) => `${i.imageNumber} (${i.name})`),
    });
  }
  return [...candidates];
}
