// Loading what the user names on the command line: a firmware file (any package format) and trusted keys.

import { basename } from "node:path";
import { importTrustedKey, readPackage, type PackageImage, type TrustedKey } from "../core/mcuboot/index.js";
import type { CliIo } from "./cli-io.js";
import { UsageError } from "./usage-error.js";

export async function loadTrustedKeys(paths: readonly string[], io: CliIo): Promise<TrustedKey[]> {
  return Promise.all(
    paths.map(async (path) =>
      importTrustedKey(await io.readFile(path), { name: basename(path).replace(/\.[^.]*$/, "") }),
    ),
  );
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
  const pkg = await readPackage(await io.readFile(path), basename(path));
  const candidates =
    imageNumber === undefined ? pkg.images : pkg.images.filter((i) => i.imageNumber === imageNumber);
  if (candidates.length === 0) {
    throw new UsageError(
      `${path} holds no image number ${imageNumber}; it has ${pkg.images.map((i) => `${i.imageNumber} (${i.name})`).join(", ")}.`,
    );
  }
  return [...candidates];
}
