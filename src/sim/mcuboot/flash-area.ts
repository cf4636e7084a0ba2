// One flash partition (an MCUboot slot): bytes that read 0xff when erased, page-granular erase, and the MCUboot
// trailer state kept at the end of the slot (magic, image_ok, copy_done — MCUboot "Image trailer"). The trailer
// is modelled as fields rather than bytes, but erasing its page clears it like on real flash.

export type TrailerMagic = "unset" | "good" | "bad";

export interface TrailerState {
  magic: TrailerMagic;
  imageOk: boolean;
  copyDone: boolean;
}

export function blankTrailer(): TrailerState {
  return { magic: "unset", imageOk: false, copyDone: false };
}

/** How long flash operations take; defaults are an nRF52840-class internal flash. */
export interface FlashTiming {
  /** Erase-page size in bytes. */
  readonly pageSize: number;
  /** Time to erase one page, ms. */
  readonly pageEraseMs: number;
  /** Program speed, bytes per ms. */
  readonly writeBytesPerMs: number;
}

export const DEFAULT_FLASH_TIMING: FlashTiming = { pageSize: 4096, pageEraseMs: 85, writeBytesPerMs: 100 };

export class FlashArea {
  readonly bytes: Uint8Array;
  trailer: TrailerState = blankTrailer();
  /** Counters for stats and tests. */
  bytesWritten = 0;
  writeCalls = 0;
  pagesErased = 0;

  constructor(
    readonly size: number,
    readonly pageSize: number,
  ) {
    this.bytes = new Uint8Array(size).fill(0xff);
  }

  /** Offset of the page that holds the trailer (the last one). */
  get trailerOffset(): number {
    return Math.max(0, this.size - this.pageSize);
  }

  read(off: number, len: number): Uint8Array {
    const out = new Uint8Array(len).fill(0xff);
    if (off < this.size) out.set(this.bytes.subarray(off, Math.min(this.size, off + len)));
    return out;
  }

  isErased(): boolean {
    for (const b of this.bytes) if (b !== 0xff) return false;
    return this.trailer.magic === "unset" && !this.trailer.imageOk && !this.trailer.copyDone;
  }

  /** Erases the pages covering [off, off + len); returns how many pages that was. */
  erase(off: number, len: number): number {
    if (len <= 0) return 0;
    const start = Math.floor(off / this.pageSize) * this.pageSize;
    const end = Math.min(this.size, Math.ceil((off + len) / this.pageSize) * this.pageSize);
    this.bytes.fill(0xff, start, end);
    if (end > this.trailerOffset) this.trailer = blankTrailer();
    const pages = (end - start) / this.pageSize;
    this.pagesErased += pages;
    return pages;
  }

  eraseAll(): number {
    return this.erase(0, this.size);
  }

  write(off: number, data: Uint8Array): void {
    const n = Math.max(0, Math.min(data.length, this.size - off));
    this.bytes.set(data.subarray(0, n), off);
    this.bytesWritten += n;
    this.writeCalls += 1;
  }

  /** Replaces the whole content (used by the bootloader's copy and swap). */
  load(content: Uint8Array): void {
    this.bytes.fill(0xff);
    this.bytes.set(content.subarray(0, this.size));
  }
}

export function eraseMs(pages: number, timing: FlashTiming): number {
  return pages * timing.pageEraseMs;
}

export function writeMs(bytes: number, timing: FlashTiming): number {
  return bytes / timing.writeBytesPerMs;
}
