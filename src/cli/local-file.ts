// Files on this computer that the user named: read or written with an error a technician can act on, carrying
// the path and the system's error code (ENOENT, EACCES…) as parameters for --json.

import { McuFlashError } from "../core/errors.js";
import type { CliIo } from "./cli-io.js";

export type LocalFileErrorCode = "local-file-unreadable" | "local-file-unwritable";

/** A file on this computer could not be read or written. */
export class LocalFileError extends McuFlashError {
  override readonly code: LocalFileErrorCode;
  readonly path: string;
  /** The system's code, e.g. "ENOENT"; "" when there is none. */
  readonly errno: string;

  constructor(code: LocalFileErrorCode, path: string, cause: unknown) {
    const reading = code === "local-file-unreadable";
    super(code, { path, errno: errnoOf(cause) || "none" }, { cause, hint: reading ? code : code });
    this.code = code;
    this.path = path;
    this.errno = errnoOf(cause);
  }
}

export async function readLocalFile(io: CliIo, path: string): Promise<Uint8Array> {
  try {
    return await io.readFile(path);
  } catch (error) {
    throw new LocalFileError("local-file-unreadable", path, error);
  }
}

export async function writeLocalFile(io: CliIo, path: string, data: Uint8Array): Promise<void> {
  try {
    await io.writeFile(path, data);
  } catch (error) {
    throw new LocalFileError("local-file-unwritable", path, error);
  }
}

function errnoOf(cause: unknown): string {
  const code: unknown = cause instanceof Error ? Reflect.get(cause, "code") : undefined;
  if (typeof code === "string") return code;
  const match = cause instanceof Error ? /\b(E[A-Z]{3,})\b/.exec(cause.message) : null;
  return match?.[1] ?? "";
}
