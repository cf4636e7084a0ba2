// The vendor install manifest after validation (docs/manifest.md): every URL absolute, every hash lowercase
// hex, every version parsed, every pattern compiled, releases newest first. Each part remembers its JSON path
// so later errors (a hash that does not match, a key that does not import) can name the field to fix.

import type { UpdateMode } from "../update/flow-types.js";
import type { ImageVersion } from "../update/version.js";

export const MANIFEST_SCHEMA_VERSION = 1;
/** Firmware for a microcontroller; anything larger is a mistake in the manifest. */
export const MAX_IMAGE_BYTES = 64 * 1024 * 1024;
/** A public key file (PEM or DER) is a few hundred bytes; RSA-3072 PEM is under 1 KiB. */
export const MAX_KEY_BYTES = 64 * 1024;
/** MCUboot supports up to a few images per device (e.g. application + network core). */
export const MAX_IMAGE_NUMBER = 15;

/** A compiled regular expression from the manifest, with its source for messages. */
export interface ManifestPattern {
  readonly source: string;
  readonly regex: RegExp;
}

export type ManifestKeySource =
  { readonly kind: "pem"; readonly pem: string } | { readonly kind: "url"; readonly url: string };

export interface ManifestKey {
  readonly path: string;
  readonly name: string;
  readonly source: ManifestKeySource;
}

export interface ServiceDataRule {
  /** Full 128-bit UUID, lowercase. */
  readonly service: string;
  readonly dataPrefix?: Uint8Array;
  readonly mask?: Uint8Array;
}

/** One Bluetooth chooser filter; a device matches when it satisfies every criterion given. */
export interface BluetoothRule {
  readonly path: string;
  readonly name?: string;
  readonly namePrefix?: string;
  readonly serviceData?: ServiceDataRule;
}

/** One USB filter for the serial port chooser. */
export interface SerialRule {
  readonly path: string;
  readonly usbVendorId: number;
  readonly usbProductId?: number;
}

/** What the device reports once connected (`mcumgr os info`). */
export interface DeviceRules {
  readonly path: string;
  /** Matched against the whole `os info -a` output. */
  readonly osInfo?: ManifestPattern;
  /** Matched against the board (`os info -i`, e.g. "nrf52840dk/nrf52840"). */
  readonly board?: ManifestPattern;
}

export interface MatchRules {
  /** Absent: Bluetooth is not offered (unless neither link is named, then both are, unfiltered). */
  readonly bluetooth?: readonly BluetoothRule[];
  readonly serial?: readonly SerialRule[];
  readonly device?: DeviceRules;
}

export interface UpdatePolicy {
  readonly mode: UpdateMode;
  /** Never install a release older than what the device runs. Default true. */
  readonly noDowngrade: boolean;
  /** Ask MCUboot itself to refuse an image not newer than the running one (the upload `upgrade` flag). */
  readonly upgradeOnly: boolean;
}

export interface ManifestImage {
  readonly path: string;
  readonly image: number;
  readonly url: string;
  /** SHA-256 of the file as served, lowercase hex. */
  readonly sha256: string;
  readonly size: number;
  /** The version in the image header; defaults to the release version. */
  readonly version: string;
  readonly parsedVersion: ImageVersion;
}

export interface ReleaseRequirements {
  /** The device must already run at least this version (a migration path goes through an older release). */
  readonly minimumVersion?: { readonly text: string; readonly parsed: ImageVersion };
  readonly board?: ManifestPattern;
  readonly osInfo?: ManifestPattern;
}

export interface Release {
  readonly path: string;
  readonly version: string;
  readonly parsedVersion: ImageVersion;
  readonly notes?: string;
  /** ISO date (YYYY-MM-DD), for display. */
  readonly date?: string;
  readonly requires: ReleaseRequirements;
  readonly images: readonly ManifestImage[];
}

export interface Manifest {
  /** The absolute URL the manifest was loaded from; relative URLs in it were resolved against this. */
  readonly url: string;
  readonly schemaVersion: typeof MANIFEST_SCHEMA_VERSION;
  readonly product: string;
  readonly vendor?: string;
  readonly keys: readonly ManifestKey[];
  readonly match: MatchRules;
  readonly update: UpdatePolicy;
  /** Newest first. */
  readonly releases: readonly Release[];
}
