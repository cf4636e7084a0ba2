// The vendor install manifest's one schema (docs/manifest.md): every field, type, limit and pattern the
// parser enforces. parse-manifest.ts validates with it; scripts/manifest-schema.ts generates the published
// docs/manifest.schema.json from it. Messages here are rule codes, never words: manifest-issues.ts turns an
// issue into a code the catalogs word ("manifest-issue.<code>"). Rules JSON Schema cannot say (MCUboot's
// version limits, regular expressions that compile, a mask as long as its prefix) are checks. A part named in
// MANIFEST_DEFINITIONS is used as is (not wrapped in another pipe), so the JSON Schema refers to it by name.

import * as v from "valibot";
import { UPDATE_MODES } from "../update/flow-types.js";
import { parseVersion } from "../update/version.js";
import { MANIFEST_SCHEMA_VERSION, MAX_IMAGE_BYTES, MAX_IMAGE_NUMBER } from "./manifest-types.js";
import { resolveUrl } from "./resolve-url.js";

export const MAX_RELEASES = 200;
export const MAX_KEYS = 16;
export const MAX_RULES = 16;
/** An advertising packet has 31 bytes; the name field takes 2 of them. */
export const MAX_ADVERTISED_BYTES = 29;

/** Any absolute https base: an absolute address is judged on its own, a relative one by the real base later. */
const PROBE_BASE = "https://manifest.invalid/";

/** MCUboot's image version: major and minor a byte, revision 16 bits, build 32 bits. */
function withinMcubootLimits(text: string): boolean {
  const parsed = parseVersion(text);
  return (
    parsed !== undefined &&
    parsed.major <= 255 &&
    parsed.minor <= 255 &&
    parsed.revision <= 65535 &&
    parsed.build <= 0xffffffff
  );
}

function compiles(source: string): boolean {
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
}

/** A JSON object with exactly these fields (valibot's object takes an array for one; a manifest may not). */
const fields = <E extends v.ObjectEntries>(entries: E) =>
  v.pipe(
    v.custom<Record<string, unknown>>(
      (value) => typeof value === "object" && value !== null && !Array.isArray(value),
    ),
    v.strictObject(entries),
  );

const integer = (min: number, max: number) =>
  v.pipe(v.number(), v.integer(), v.minValue(min), v.maxValue(max));

export const versionSchema = v.pipe(
  v.string(),
  v.maxLength(40),
  v.regex(/^\s*\d+\.\d+\.\d+(?:[+.]\d+)?\s*$/, "version"),
  v.check(withinMcubootLimits, "version-limits"),
  v.description(
    "MCUboot version: major.minor.revision with an optional +build (major and minor up to 255, revision up to 65535).",
  ),
);

export const urlSchema = v.pipe(
  v.string(),
  v.minLength(1),
  v.maxLength(2048),
  v.regex(/^[^\s\\]+$/, "url-characters"),
  v.rawCheck(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const resolved = resolveUrl(dataset.value, PROBE_BASE);
    if (!resolved.ok) addIssue({ message: resolved.problem });
  }),
  v.description(
    "An https:// URL, or a path relative to the manifest's own URL. Plain http:// only on localhost.",
  ),
);

export const patternSchema = v.pipe(
  v.string(),
  v.maxLength(200),
  v.check(compiles, "bad-regex"),
  v.description(
    "A JavaScript regular expression (no slashes, no flags), tested against what the device reports.",
  ),
);

export const usbIdSchema = v.union(
  [integer(0, 0xffff), v.pipe(v.string(), v.regex(/^(?:0[xX])?[0-9a-fA-F]{1,4}$/, "usb-id"))],
  "usb-id",
);

export const hexBytesSchema = v.pipe(
  v.string(),
  v.maxLength(2 * MAX_ADVERTISED_BYTES),
  v.regex(/^(?:[0-9a-fA-F]{2})+$/, "hex-bytes"),
);

export const keySchema = v.pipe(
  fields({
    name: v.optional(
      v.pipe(
        v.string(),
        v.maxLength(100),
        v.description("Shown in messages; default: the key's field path, e.g. keys[0]."),
      ),
    ),
    pem: v.optional(
      v.pipe(
        v.string(),
        v.maxLength(16 * 1024),
        v.regex(/-----BEGIN [A-Z0-9 ]+-----/, "pem"),
        v.description("The public key itself, as `imgtool getpub --encoding pem` prints it."),
      ),
    ),
    url: v.optional(urlSchema),
  }),
  v.check((key) => (key.pem === undefined) !== (key.url === undefined), "key-source"),
  v.metadata({ oneOf: [{ required: ["pem"] }, { required: ["url"] }] }),
);

const serviceDataSchema = v.pipe(
  fields({
    service: v.pipe(
      v.string(),
      v.regex(
        /^(?:(?:0x)?[0-9a-fA-F]{4}|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$/,
        "service-uuid",
      ),
    ),
    dataPrefix: v.optional(hexBytesSchema),
    mask: v.optional(hexBytesSchema),
  }),
  v.forward(
    v.check(
      (data) => data.mask === undefined || data.mask.length === (data.dataPrefix?.length ?? -1),
      "mask-length",
    ),
    ["mask"],
  ),
  v.metadata({ dependentRequired: { mask: ["dataPrefix"] } }),
  v.description("Service data the device advertises (hex bytes; mask as long as dataPrefix). Chrome 117+."),
);

export const bluetoothRuleSchema = v.pipe(
  fields({
    name: v.optional(
      v.pipe(v.string(), v.maxLength(MAX_ADVERTISED_BYTES), v.description("Exact advertised name.")),
    ),
    namePrefix: v.optional(
      v.pipe(v.string(), v.maxLength(MAX_ADVERTISED_BYTES), v.description("Advertised name prefix.")),
    ),
    serviceData: v.optional(serviceDataSchema),
  }),
  v.check(
    (rule) => rule.name !== undefined || rule.namePrefix !== undefined || rule.serviceData !== undefined,
    "bluetooth-rule-empty",
  ),
  v.metadata({ minProperties: 1 }),
  v.description("One Bluetooth chooser filter; a device must satisfy every criterion given."),
);

export const serialRuleSchema = v.pipe(
  fields({ usbVendorId: usbIdSchema, usbProductId: v.optional(usbIdSchema) }),
  v.description('One USB filter for the serial port chooser; ids as "0x2fe3" or a number.'),
);

const rules = <T extends v.GenericSchema>(item: T) =>
  v.pipe(v.array(item), v.minLength(1), v.maxLength(MAX_RULES));

export const matchSchema = v.pipe(
  fields({
    bluetooth: v.optional(rules(bluetoothRuleSchema)),
    serial: v.optional(rules(serialRuleSchema)),
    device: v.optional(
      v.pipe(
        fields({ osInfo: v.optional(patternSchema), board: v.optional(patternSchema) }),
        v.description(
          "Patterns on what the device reports: board (mcumgr os info -i), osInfo (the whole os info -a).",
        ),
      ),
    ),
  }),
  v.description(
    "Which devices are this product. Without bluetooth and serial, both links are offered unfiltered.",
  ),
);

export const updateSchema = v.pipe(
  fields({
    mode: v.optional(
      v.pipe(v.picklist(UPDATE_MODES), v.description("As the CLI's --mode.")),
      "test-and-confirm",
    ),
    noDowngrade: v.optional(
      v.pipe(v.boolean(), v.description("Never offer a release older than what the device runs.")),
      true,
    ),
    upgradeOnly: v.optional(
      v.pipe(
        v.boolean(),
        v.description("Also ask MCUboot's image manager to refuse images not newer than the running one."),
      ),
      false,
    ),
  }),
  v.description("How the install runs."),
);

export const imageSchema = v.pipe(
  fields({
    image: v.optional(
      v.pipe(integer(0, MAX_IMAGE_NUMBER), v.description("MCUboot image number, unique within a release.")),
      0,
    ),
    url: urlSchema,
    sha256: v.pipe(
      v.string(),
      v.regex(/^[0-9a-fA-F]{64}$/, "sha256"),
      v.description("SHA-256 of the file as served, 64 hex digits."),
    ),
    size: v.pipe(integer(1, MAX_IMAGE_BYTES), v.description("Size of the file in bytes.")),
    version: v.optional(versionSchema),
  }),
  v.description("One image file of a release."),
);

export const releaseSchema = v.pipe(
  fields({
    version: versionSchema,
    notes: v.optional(v.pipe(v.string(), v.maxLength(4000), v.description("Shown before installing."))),
    date: v.optional(
      v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}$/, "date"), v.description("YYYY-MM-DD, for display.")),
    ),
    requires: v.optional(
      v.pipe(
        fields({
          minimumVersion: v.optional(versionSchema),
          board: v.optional(patternSchema),
          osInfo: v.optional(patternSchema),
        }),
        v.description(
          "What a device needs for this release: at least minimumVersion running, a board and os info that match.",
        ),
      ),
    ),
    images: v.pipe(
      v.array(imageSchema),
      v.minLength(1),
      v.maxLength(MAX_IMAGE_NUMBER + 1),
      v.description(
        "The image files, installed in the order listed (more than one for multi-image devices).",
      ),
    ),
  }),
  v.description("One firmware release; the newest that fits a device is installed."),
);

export const manifestSchema = v.pipe(
  fields({
    $schema: v.optional(v.string()),
    schemaVersion: v.literal(MANIFEST_SCHEMA_VERSION),
    product: v.pipe(
      v.string(),
      v.maxLength(100),
      v.regex(/\S/, "blank"),
      v.description('The product name shown to the user ("Update your Acme Sensor").'),
    ),
    vendor: v.optional(
      v.pipe(v.string(), v.maxLength(100), v.description("Shown under the title, and in the audit export.")),
    ),
    keys: v.pipe(
      v.array(keySchema),
      v.minLength(1),
      v.maxLength(MAX_KEYS),
      v.description(
        "Public keys the images must be signed with (one of them). PEM text, or a URL relative to the manifest.",
      ),
    ),
    match: v.optional(matchSchema),
    update: v.optional(updateSchema),
    releases: v.pipe(
      v.array(releaseSchema),
      v.minLength(1),
      v.maxLength(MAX_RELEASES),
      v.description("The releases, in any order."),
    ),
  }),
  v.title("McuFlash vendor install manifest"),
  v.description(
    "Describes a product's signed MCUboot firmware releases for McuFlash's install page and the <mcuflash-install> element. See docs/manifest.md.",
  ),
);

/** The named parts of the published JSON Schema ("#/$defs/<name>"). */
export const MANIFEST_DEFINITIONS = {
  version: versionSchema,
  url: urlSchema,
  pattern: patternSchema,
  usbId: usbIdSchema,
  hexBytes: hexBytesSchema,
  key: keySchema,
  bluetoothRule: bluetoothRuleSchema,
  serialRule: serialRuleSchema,
  match: matchSchema,
  update: updateSchema,
  image: imageSchema,
  release: releaseSchema,
} as const;

export type ManifestDocument = v.InferOutput<typeof manifestSchema>;
