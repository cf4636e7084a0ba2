// A tiny file system for fs_mgmt: mount points (littlefs-style "/lfs1"), files as byte arrays, directories
// implied by paths, and the one open transfer fs_mgmt keeps (closed after CONFIG_MCUMGR_GRP_FS_FILE_AUTOMATIC_
// IDLE_CLOSE_TIME of inactivity, checked lazily on the next request).

export interface FsOptions {
  readonly mountPoints: readonly string[];
  readonly files: Readonly<Record<string, Uint8Array>>;
  readonly idleCloseMs: number;
}

export type StatResult =
  | { readonly kind: "file"; readonly size: number }
  | { readonly kind: "dir" }
  | { readonly kind: "invalid-name" }
  | { readonly kind: "not-found" };

export type OpenResult = "ok" | "invalid-name" | "no-mount-point" | "is-directory";

export interface Transfer {
  state: "none" | "upload" | "download";
  path: string;
  /** Expected offset of the next request. */
  off: number;
  /** Total length, when known. */
  len: number;
  lastActivity: number;
}

export function idleTransfer(): Transfer {
  return { state: "none", path: "", off: 0, len: 0, lastActivity: 0 };
}

export class FsStore {
  readonly files = new Map<string, Uint8Array>();
  readonly mountPoints: readonly string[];
  readonly idleCloseMs: number;
  transfer: Transfer = idleTransfer();

  constructor(options: FsOptions) {
    this.mountPoints = options.mountPoints;
    this.idleCloseMs = options.idleCloseMs;
    for (const [path, data] of Object.entries(options.files)) this.files.set(path, data.slice());
  }

  private mounted(path: string): boolean {
    return this.mountPoints.some((mp) => path === mp || path.startsWith(`${mp}/`));
  }

  private isDirectory(path: string): boolean {
    if (this.mountPoints.includes(path)) return true;
    for (const name of this.files.keys()) if (name.startsWith(`${path}/`)) return true;
    return false;
  }

  stat(path: string): StatResult {
    if (path.length <= 1 || !path.startsWith("/")) return { kind: "invalid-name" };
    if (!this.mounted(path)) return { kind: "not-found" };
    const file = this.files.get(path);
    if (file) return { kind: "file", size: file.length };
    return this.isDirectory(path) ? { kind: "dir" } : { kind: "not-found" };
  }

  /** fs_open with FS_O_CREATE | FS_O_WRITE: creates an empty file when there is none. */
  openForWrite(path: string): OpenResult {
    if (path.length <= 1 || !path.startsWith("/")) return "invalid-name";
    if (!this.mounted(path)) return "no-mount-point";
    if (this.isDirectory(path)) return "is-directory";
    if (!this.files.has(path)) this.files.set(path, new Uint8Array(0));
    return "ok";
  }

  /** Writes at `off`, growing the file; `truncate` empties it first. */
  write(path: string, off: number, data: Uint8Array, truncate: boolean): void {
    const current = truncate ? new Uint8Array(0) : (this.files.get(path) ?? new Uint8Array(0));
    const next = new Uint8Array(Math.max(current.length, off + data.length));
    next.set(current);
    next.set(data, off);
    this.files.set(path, next);
  }

  read(path: string, off: number, len: number): Uint8Array {
    const file = this.files.get(path) ?? new Uint8Array(0);
    return file.slice(Math.min(off, file.length), Math.min(file.length, off + len));
  }

  closeTransfer(): void {
    this.transfer = idleTransfer();
  }

  /** Closes a transfer left idle too long (the device's delayed close work). */
  expireIdle(now: number): void {
    if (this.transfer.state !== "none" && now - this.transfer.lastActivity >= this.idleCloseMs) {
      this.closeTransfer();
    }
  }
}
