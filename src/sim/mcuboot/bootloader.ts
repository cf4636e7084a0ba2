// The MCUboot side of the simulated device (MCUboot "Design" doc: swap types, image trailer, boot_set_next):
// two slots, the swap type derived from their trailers, the trailer writes the application makes when an image
// is marked for test or confirmed, and what happens on boot — validate the new image, then swap it in, revert
// an unconfirmed one, or erase an invalid one and keep running the old image.

import { sha256 } from "../sha256.js";
import { bootInPlace, bootSingle } from "./boot-select.js";
import { DEFAULT_FLASH_TIMING, FlashArea, type FlashTiming, blankTrailer } from "./flash-area.js";
import {
  IMAGE_MAGIC,
  ImageFlag,
  compareVersions,
  hashedLength,
  imageLength,
  readImageHeader,
  readImageInfo,
} from "./image-info.js";

export type McubootMode =
  | "single-slot"
  | "swap-using-scratch"
  | "overwrite-only"
  | "swap-using-move"
  | "direct-xip"
  | "direct-xip-revert"
  | "ram-load"
  | "firmware-loader"
  | "single-slot-ram-load"
  | "swap-using-offset";

/** Numbers os bootloader_info reports for `query: "mode"` (bootutil's MCUBOOT_MODE_*). */
export const MCUBOOT_MODE_NUMBER: Readonly<Record<McubootMode, number>> = {
  "single-slot": 0,
  "swap-using-scratch": 1,
  "overwrite-only": 2,
  "swap-using-move": 3,
  "direct-xip": 4,
  "direct-xip-revert": 5,
  "ram-load": 6,
  "firmware-loader": 7,
  "single-slot-ram-load": 8,
  "swap-using-offset": 9,
};

/** How the mode picks the image to run: swap it into slot 0, run it where it is, or use the one slot. */
export type ModeFamily = "swap" | "in-place" | "single";

export function modeFamily(mode: McubootMode): ModeFamily {
  switch (mode) {
    case "direct-xip":
    case "direct-xip-revert":
    case "ram-load":
      return "in-place";
    case "single-slot":
    case "single-slot-ram-load":
    case "firmware-loader":
      return "single";
    default:
      return "swap";
  }
}

export type SwapType = "none" | "test" | "perm" | "revert";

/** Results of boot_set_next (bootutil BOOT_E*). */
export type SetNextResult = "ok" | "bad-vector" | "bad-image";

export interface BootloaderOptions {
  readonly mode: McubootMode;
  /** Size of each slot in bytes (a multiple of the page size). */
  readonly slotSize: number;
  readonly timing: FlashTiming;
  /** Time from reset to the application answering, without any swap. */
  readonly bootMs: number;
  /** MCUBOOT_DOWNGRADE_PREVENTION: refuse a new image with a lower version. */
  readonly downgradePrevention: boolean;
  /** Bytes of image the bootloader hashes per ms while validating. */
  readonly hashBytesPerMs: number;
  /**
   * Flash addresses of slot 0 and slot 1. Direct-XIP runs an image where it lies, so an image built for one
   * address (header flag ROM_FIXED, load address) is not booted from the other slot.
   */
  readonly slotAddresses: readonly [number, number];
  /**
   * RAM load only: MCUBOOT_RAM_LOAD_REVERT, the same revert as direct-XIP's (bootutil's boot_select_or_erase). The
   * device still reports mode 6: bootloader info has no number for it.
   */
  readonly ramLoadRevert?: boolean;
}

export const DEFAULT_BOOTLOADER_OPTIONS: BootloaderOptions = {
  mode: "swap-using-move",
  slotSize: 512 * 1024,
  timing: DEFAULT_FLASH_TIMING,
  bootMs: 300,
  downgradePrevention: false,
  hashBytesPerMs: 1000,
  slotAddresses: [0x0000c000, 0x0008c000],
};

export interface BootReport {
  readonly swapType: SwapType;
  readonly action:
    | "none"
    | "swapped"
    | "reverted"
    | "copied"
    | "rejected"
    /** In-place modes: the slot chosen to run (see Bootloader.activeSlot). */
    | "selected"
    /** Asked to stay (boot_mode 1): serial recovery, or the firmware loader in mode 7. */
    | "stayed-in-bootloader"
    /** Nothing valid to boot: MCUboot waits in serial recovery (or the firmware loader). */
    | "no-image";
  /** Why the new image was rejected. */
  readonly reason?: string;
  /** Simulated time the bootloader took, ms. */
  readonly durationMs: number;
}

export class Bootloader {
  readonly primary: FlashArea;
  readonly secondary: FlashArea;
  readonly family: ModeFamily;
  /** The slot the application runs from: 0, except in the in-place modes and in the firmware loader (1). */
  activeSlot = 0;
  /** MCUboot's own SMP server (serial recovery) answers instead of an application: nothing runs. */
  inRecovery = false;

  constructor(readonly options: BootloaderOptions = DEFAULT_BOOTLOADER_OPTIONS) {
    this.primary = new FlashArea(options.slotSize, options.timing.pageSize);
    this.secondary = new FlashArea(options.slotSize, options.timing.pageSize);
    this.family = modeFamily(options.mode);
  }

  /** An image must be marked to be tried, and one tried and not confirmed is erased (direct-XIP or RAM load). */
  get revertsInPlace(): boolean {
    return (
      this.options.mode === "direct-xip-revert" ||
      (this.options.mode === "ram-load" && this.options.ramLoadRevert === true)
    );
  }

  /** Single-slot builds have no secondary slot; the firmware loader's slot 1 holds the loader itself. */
  get slotCount(): number {
    return this.options.mode === "single-slot" || this.options.mode === "single-slot-ram-load" ? 1 : 2;
  }

  slot(index: number): FlashArea | undefined {
    if (index === 0) return this.primary;
    return index === 1 && this.slotCount === 2 ? this.secondary : undefined;
  }

  /** Whether some slot holds an image with a readable header and hash (so a reset has something to run). */
  hasImage(): boolean {
    return [0, 1].some((i) => {
      const area = this.slot(i);
      return area !== undefined && readImageInfo(area.bytes).ok;
    });
  }

  /** boot_swap_type: the first row of MCUboot's swap table that matches the two trailers. */
  swapType(): SwapType {
    const p = this.primary.trailer;
    const s = this.secondary.trailer;
    if (s.magic === "good" && !s.imageOk) return "test";
    if (s.magic === "good" && s.imageOk) return "perm";
    if (p.magic === "good" && s.magic === "unset" && !p.imageOk && p.copyDone) return "revert";
    return "none";
  }

  /** boot_set_next: mark a slot for the next boot (test or permanent) or confirm the running one. */
  setNext(slot: number, active: boolean, confirm: boolean): SetNextResult {
    const area = this.slot(slot);
    if (!area) return "bad-image";
    const doConfirm = active || confirm;
    const t = area.trailer;
    switch (t.magic) {
      case "good":
        // Non-active: a swap is already scheduled. Active: confirm it if not done yet.
        if (active && !t.imageOk) t.imageOk = true;
        return "ok";
      case "unset":
        if (!active) area.trailer = { magic: "good", imageOk: doConfirm, copyDone: false };
        return "ok";
      case "bad":
        if (active) return "bad-vector";
        area.eraseAll();
        return "bad-image";
    }
  }

  /** Why the image in `area` cannot be booted, or undefined when it can. */
  async validate(area: FlashArea): Promise<string | undefined> {
    const header = readImageHeader(area.bytes);
    if (header.magic !== IMAGE_MAGIC) return "no valid image header";
    if (header.hdrSize + header.imgSize >= area.size) return "image larger than the slot";
    if (header.flags & ImageFlag.NON_BOOTABLE) return "image is marked non-bootable";
    if (this.family === "in-place" && header.flags & ImageFlag.ROM_FIXED) {
      const address = this.options.slotAddresses[area === this.primary ? 0 : 1];
      if (header.loadAddr !== address) return "image is built for the other slot (ROM_FIXED load address)";
    }
    const info = readImageInfo(area.bytes);
    if (!info.ok) return "image has no SHA-256 TLV";
    const encrypted = (header.flags & (ImageFlag.ENCRYPTED_AES128 | ImageFlag.ENCRYPTED_AES256)) !== 0;
    // An encrypted image is hashed over its plaintext, which the simulator cannot recover: trust its TLV.
    if (!encrypted) {
      const digest = await sha256(area.bytes.subarray(0, hashedLength(header)));
      if (!digest.every((b, i) => b === info.hash[i])) return "image hash does not match its hash TLV";
    }
    if (this.options.downgradePrevention && this.family === "swap" && area === this.secondary) {
      const current = readImageHeader(this.primary.bytes);
      if (current.magic === IMAGE_MAGIC && compareVersions(header.version, current.version, true) < 0) {
        return "image version is lower than the running one (downgrade prevention)";
      }
    }
    return undefined;
  }

  /**
   * What MCUboot does after a reset. `stay` is Zephyr's boot_mode 1 (retention): remain in the bootloader.
   * Returns what happened and how long it took.
   */
  async boot(stay = false, hold?: string): Promise<BootReport> {
    this.inRecovery = false;
    if (this.family === "in-place") return bootInPlace(this);
    if (this.family === "single") return bootSingle(this, stay);
    if (stay) {
      this.inRecovery = true;
      return { swapType: "none", action: "stayed-in-bootloader", durationMs: this.options.bootMs };
    }
    // An upgrade whose dependencies will not be met is not started (multi-image, see dependencies.ts).
    if (hold !== undefined) {
      return { swapType: this.swapType(), action: "rejected", reason: hold, durationMs: this.options.bootMs };
    }
    return this.bootSwap();
  }

  private async bootSwap(): Promise<BootReport> {
    const { bootMs, timing, mode } = this.options;
    const swapType = this.swapType();
    if (swapType === "none") return { swapType, action: "none", durationMs: bootMs };

    const pages = this.imagePages();
    const pageWriteMs = timing.pageSize / timing.writeBytesPerMs;
    if (swapType === "revert") {
      this.exchange();
      this.primary.trailer = { magic: "good", imageOk: true, copyDone: true };
      this.secondary.trailer = blankTrailer();
      return { swapType, action: "reverted", durationMs: bootMs + this.swapMs(pages) };
    }

    const validateMs = hashedLength(readImageHeader(this.secondary.bytes)) / this.options.hashBytesPerMs;
    const reason = await this.validate(this.secondary);
    if (reason !== undefined) {
      // MCUboot erases an invalid upgrade image so it is not tried again, and boots the old one.
      const erased = this.secondary.eraseAll();
      return {
        swapType,
        action: "rejected",
        reason,
        durationMs: bootMs + validateMs + erased * timing.pageEraseMs,
      };
    }
    if (mode === "overwrite-only") {
      this.primary.load(this.secondary.bytes.slice());
      this.primary.trailer = blankTrailer();
      this.secondary.eraseAll();
      const copyMs = pages * (2 * timing.pageEraseMs + pageWriteMs);
      return { swapType, action: "copied", durationMs: bootMs + validateMs + copyMs };
    }
    this.exchange();
    this.primary.trailer = { magic: "good", imageOk: swapType === "perm", copyDone: true };
    this.secondary.trailer = blankTrailer();
    return { swapType, action: "swapped", durationMs: bootMs + validateMs + this.swapMs(pages) };
  }

  private exchange(): void {
    const a = this.primary.bytes.slice();
    this.primary.load(this.secondary.bytes);
    this.secondary.load(a);
  }

  /** Pages a swap has to move: the larger image plus its trailer page. */
  private imagePages(): number {
    const length = (area: FlashArea): number => {
      const header = readImageHeader(area.bytes);
      return header.magic === IMAGE_MAGIC ? imageLength(area.bytes, header) : 0;
    };
    const bytes = Math.max(length(this.primary), length(this.secondary));
    return Math.min(this.options.slotSize, bytes) / this.options.timing.pageSize + 1;
  }

  private swapMs(pages: number): number {
    const { timing, mode } = this.options;
    const perPage = timing.pageEraseMs + timing.pageSize / timing.writeBytesPerMs;
    // swap-using-move and -offset move each sector once and then swap (2 erase+write per sector); scratch needs 3.
    return Math.ceil(pages) * perPage * (mode === "swap-using-scratch" ? 3 : 2);
  }
}
