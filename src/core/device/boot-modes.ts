// The one table of MCUboot upgrade modes (bootutil's MCUBOOT_MODE_*, as Zephyr's os_mgmt bootloader info reports
// them for `query: "mode"`) and what each means for an update: where the new image goes, whether a test can be
// undone, whether anything needs confirming. The app, the CLI and the update flow all read it from here.

import { words, type Message } from "../errors.js";

export const BOOT_MODE_KEYS = [
  "single-slot",
  "swap-scratch",
  "overwrite-only",
  "swap-move",
  "direct-xip",
  "direct-xip-revert",
  "ram-load",
  "firmware-loader",
  "single-slot-ram-load",
  "swap-offset",
] as const;
export type BootModeKey = (typeof BOOT_MODE_KEYS)[number];

/** How an update proceeds in a mode family. */
export type UpdateStrategy =
  /** Upload to the secondary slot, test, reset (the bootloader swaps), check, confirm; reverts if not confirmed. */
  | "swap"
  /** Upload to the secondary slot; at the reset the bootloader copies it over the primary: no way back. */
  | "overwrite"
  /** Upload to the slot not running; the bootloader boots the newest valid image in place (or loads it to RAM). */
  | "other-slot"
  /** One slot: written by the bootloader's serial recovery or a firmware loader, booted at the next reset. */
  | "single-slot";

export interface BootMode {
  readonly number: number;
  readonly key: BootModeKey;
  /** Words for the device panel and the CLI. */
  readonly text: string;
  readonly strategy: UpdateStrategy;
  /** A tested image that is not confirmed is dropped at the next reset. */
  readonly reverts: boolean;
  /** The running image can (and after a test must) be confirmed. */
  readonly confirms: boolean;
}

const table: readonly BootMode[] = [
  {
    number: 0,
    key: "single-slot",
    text: "single application slot",
    strategy: "single-slot",
    reverts: false,
    confirms: false,
  },
  {
    number: 1,
    key: "swap-scratch",
    text: "swap using scratch",
    strategy: "swap",
    reverts: true,
    confirms: true,
  },
  {
    number: 2,
    key: "overwrite-only",
    text: "overwrite only",
    strategy: "overwrite",
    reverts: false,
    confirms: false,
  },
  { number: 3, key: "swap-move", text: "swap using move", strategy: "swap", reverts: true, confirms: true },
  {
    number: 4,
    key: "direct-xip",
    text: "direct-XIP",
    strategy: "other-slot",
    reverts: false,
    confirms: false,
  },
  {
    number: 5,
    key: "direct-xip-revert",
    text: "direct-XIP with revert",
    strategy: "other-slot",
    reverts: true,
    confirms: true,
  },
  { number: 6, key: "ram-load", text: "RAM load", strategy: "other-slot", reverts: false, confirms: false },
  {
    number: 7,
    key: "firmware-loader",
    text: "firmware loader",
    strategy: "single-slot",
    reverts: false,
    confirms: false,
  },
  {
    number: 8,
    key: "single-slot-ram-load",
    text: "single slot RAM load",
    strategy: "single-slot",
    reverts: false,
    confirms: false,
  },
  {
    number: 9,
    key: "swap-offset",
    text: "swap using offset",
    strategy: "swap",
    reverts: true,
    confirms: true,
  },
];

export const BOOT_MODES: ReadonlyMap<number, BootMode> = new Map(table.map((m) => [m.number, m]));

export function bootMode(number: number): BootMode | undefined {
  return BOOT_MODES.get(number);
}

export function bootModeByKey(key: BootModeKey): BootMode {
  const mode = table.find((m) => m.key === key);
  if (!mode) throw new RangeError(`unknown boot mode ${key}`);
  return mode;
}

/**
 * The catalog words for a reported mode number ("boot-mode.<key>" in errors.json), which the app, the element
 * and the CLI render in the user's language: -1 is MCUboot's "unknown"; a number the table lacks is named.
 */
export function bootModeWords(number: number): Message {
  if (number === -1) return words("boot-mode.unknown");
  const mode = bootMode(number);
  return mode ? words(WORDS_KEY[mode.key]) : words("boot-mode.other", { number });
}

/** Each mode's catalog key, written out so the catalog check sees every one in use. */
const WORDS_KEY: Readonly<Record<BootModeKey, string>> = {
  "single-slot": "boot-mode.single-slot",
  "swap-scratch": "boot-mode.swap-scratch",
  "overwrite-only": "boot-mode.overwrite-only",
  "swap-move": "boot-mode.swap-move",
  "direct-xip": "boot-mode.direct-xip",
  "direct-xip-revert": "boot-mode.direct-xip-revert",
  "ram-load": "boot-mode.ram-load",
  "firmware-loader": "boot-mode.firmware-loader",
  "single-slot-ram-load": "boot-mode.single-slot-ram-load",
  "swap-offset": "boot-mode.swap-offset",
};

/** English name for a reported mode number (machine-readable output and logs; people get `bootModeWords`). */
export function bootModeText(number: number): string {
  if (number === -1) return "unknown";
  return bootMode(number)?.text ?? `mode ${number}`;
}
