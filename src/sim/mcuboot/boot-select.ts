// Boot for the MCUboot modes that do not swap (bootutil loader.c, "direct-XIP", "RAM load", "single application
// slot", "firmware loader"): pick the slot to run where it lies, revert an image tried and not confirmed, or stay
// in the bootloader (serial recovery / the firmware loader) when asked to or when nothing valid is there.

import type { Bootloader, BootReport } from "./bootloader.js";
import { compareVersions, hashedLength, readImageHeader } from "./image-info.js";

/** Direct-XIP (4, 5) and RAM load (6): the valid image with the highest version runs; slot 0 wins a tie. */
export async function bootInPlace(boot: Bootloader): Promise<BootReport> {
  const { bootMs, hashBytesPerMs, mode } = boot.options;
  const revert = boot.revertsInPlace;
  let durationMs = bootMs;
  let reverted = false;
  let rejected: string | undefined;
  const candidates: number[] = [];
  for (const index of [0, 1]) {
    const area = boot.slot(index);
    if (!area) continue;
    const header = readImageHeader(area.bytes);
    durationMs += hashedLength(header) / hashBytesPerMs;
    const reason = await boot.validate(area);
    if (reason !== undefined) {
      // bootutil invalidates a slot whose image fails validation, so it is not tried again.
      if (!area.isErased() && header.magic !== 0xffffffff) {
        durationMs += area.eraseAll() * boot.options.timing.pageEraseMs;
        rejected = reason;
      }
      continue;
    }
    if (revert) {
      const t = area.trailer;
      // With revert, only an image marked for test or confirmed is a candidate; one that was tried (copy_done)
      // and never confirmed is erased so that it is not chosen again.
      if (t.magic !== "good") continue;
      if (t.copyDone && !t.imageOk) {
        durationMs += area.eraseAll() * boot.options.timing.pageEraseMs;
        reverted = true;
        continue;
      }
    }
    candidates.push(index);
  }
  const version = (i: number) => readImageHeader(boot.slot(i)!.bytes).version;
  const chosen = candidates.reduce<number | undefined>(
    (best, i) => (best === undefined || compareVersions(version(i), version(best), true) > 0 ? i : best),
    undefined,
  );
  if (chosen === undefined) {
    boot.inRecovery = true;
    return { swapType: "none", action: "no-image", reason: "no valid image in either slot", durationMs };
  }
  const changed = chosen !== boot.activeSlot;
  boot.activeSlot = chosen;
  const area = boot.slot(chosen)!;
  // The first boot of an image on test: remember it was tried.
  if (revert && !area.trailer.imageOk) area.trailer = { ...area.trailer, copyDone: true };
  if (mode === "ram-load") durationMs += area.size / boot.options.timing.writeBytesPerMs / 10;
  return {
    swapType: "none",
    action: reverted ? "reverted" : rejected ? "rejected" : changed ? "selected" : "none",
    ...(rejected ? { reason: rejected } : {}),
    durationMs,
  };
}

/**
 * Single slot (0), single-slot RAM load (8) and the firmware loader (7): the application in slot 0 runs unless
 * it is invalid or the reset asked to stay; then MCUboot's serial recovery (or, in mode 7, the loader image in
 * slot 1) answers instead.
 */
export async function bootSingle(boot: Bootloader, stay: boolean): Promise<BootReport> {
  const { bootMs, hashBytesPerMs, mode } = boot.options;
  const durationMs = bootMs + hashedLength(readImageHeader(boot.primary.bytes)) / hashBytesPerMs;
  const appReason = await boot.validate(boot.primary);
  if (!stay && appReason === undefined) {
    boot.activeSlot = 0;
    return { swapType: "none", action: "none", durationMs };
  }
  const action = stay ? "stayed-in-bootloader" : "no-image";
  const reason = stay ? undefined : appReason;
  if (mode === "firmware-loader" && (await boot.validate(boot.secondary)) === undefined) {
    boot.activeSlot = 1;
    return { swapType: "none", action, ...(reason ? { reason } : {}), durationMs };
  }
  boot.inRecovery = true;
  return { swapType: "none", action, ...(reason ? { reason } : {}), durationMs };
}
