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

/** Reads FILE and picks the image to send: the only one, or the one `--image N` names. */
export async function loadFirmwareImage(
  path: string,
  imageNumber: number | undefined,
  io: CliIo,
): Promise<PackageImage> {
  const pkg = await readPackage(await io.readFile(path), basename(path));
  const candidates =
    imageNumber === undefined ? pkg.images : pkg.images.filter((i) => i.imageNumber === imageNumber);
  const [first, ...others] = candidates;
  if (!first) {
    throw new UsageError(
      `${path} holds no image number ${imageNumber}; it has ${pkg.images.map((i) => `${i.imageNumber} (${i.name})`).join(", ")}.`,
    );
  }
  if (others.length > 0) {
    throw new UsageError(
      `${path} holds ${candidates.length} images: ${candidates.map((i) => `${i.imageNumber} (${i.name})`).join(", ")}. ` +
        "Choose one with --image N and run once per image.",
    );
  }
  return first;
}
