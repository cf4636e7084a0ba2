// parseManifest: validates a vendor install manifest (docs/manifest.md, docs/manifest.schema.json) and turns it
// into a Manifest: URLs resolved against the manifest's address, hashes normalised, versions parsed, releases
// newest first. Every problem is collected with its field path and thrown as one ManifestError.

import { UPDATE_MODES } from "../update/flow-types.js";
import { compareVersions, parseVersion, type ImageVersion } from "../update/version.js";
import { ObjectReader, ROOT_PATH, type ManifestIssue } from "./json-reader.js";
import { ManifestError, ManifestErrorCode, ManifestFlowError } from "./manifest-errors.js";
import {
  MANIFEST_SCHEMA_VERSION,
  MAX_IMAGE_BYTES,
  MAX_IMAGE_NUMBER,
  type Manifest,
  type ManifestImage,
  type ManifestKey,
  type Release,
  type ReleaseRequirements,
  type UpdatePolicy,
} from "./manifest-types.js";
import { readMatch, readPattern } from "./parse-match.js";
import { isAllowedUrl, resolveUrl } from "./resolve-url.js";

/** A manifest is a few kilobytes; a megabyte is surely something else. */
export const MAX_MANIFEST_BYTES = 1024 * 1024;
const MAX_RELEASES = 200;
const MAX_KEYS = 16;
const VERSION_MESSAGE =
  'expected a version like "1.2.3" or "1.2.3+4" (major.minor.revision, optional +build)';

function readVersion(
  reader: ObjectReader,
  key: string,
  required: boolean,
): { text: string; parsed: ImageVersion } | undefined {
  const text = reader.string(key, required, { maxLength: 40 });
  if (text === undefined) return undefined;
  const parsed = parseVersion(text);
  if (
    !parsed ||
    parsed.major > 255 ||
    parsed.minor > 255 ||
    parsed.revision > 65535 ||
    parsed.build > 0xffffffff
  ) {
    reader.issues.push({
      path: reader.pathOf(key),
      message: `${VERSION_MESSAGE} within MCUboot's limits, found "${text}"`,
    });
    return undefined;
  }
  return { text: text.trim(), parsed };
}

function readUrl(reader: ObjectReader, key: string, base: string, required: boolean): string | undefined {
  const text = reader.string(key, required, { maxLength: 2048 });
  if (text === undefined) return undefined;
  const resolved = resolveUrl(text, base);
  if (!resolved.ok) {
    reader.issues.push({ path: reader.pathOf(key), message: resolved.problem });
    return undefined;
  }
  return resolved.url;
}

function readKey(
  value: unknown,
  path: string,
  index: number,
  base: string,
  issues: ManifestIssue[],
): ManifestKey | undefined {
  const reader = ObjectReader.open(value, path, issues, ["name", "pem", "url"]);
  if (!reader) return undefined;
  const before = issues.length;
  const name = reader.string("name", false, { maxLength: 100 }) ?? `manifest key ${index + 1}`;
  if (reader.has("pem") === reader.has("url")) {
    issues.push({
      path,
      message: 'needs exactly one of "pem" (the key itself) or "url" (where to download it)',
    });
    return undefined;
  }
  const pem = reader.string("pem", false, {
    maxLength: 16 * 1024,
    pattern: /-----BEGIN [A-Z0-9 ]+-----/,
    patternMessage: 'expected a PEM public key ("-----BEGIN PUBLIC KEY-----" …)',
  });
  const url = readUrl(reader, "url", base, false);
  if (issues.length > before) return undefined;
  if (pem !== undefined) return { path, name, source: { kind: "pem", pem } };
  if (url !== undefined) return { path, name, source: { kind: "url", url } };
  return undefined;
}

function readImage(
  value: unknown,
  path: string,
  release: { text: string; parsed: ImageVersion } | undefined,
  base: string,
  issues: ManifestIssue[],
): ManifestImage | undefined {
  const reader = ObjectReader.open(value, path, issues, ["image", "url", "sha256", "size", "version"]);
  if (!reader) return undefined;
  const before = issues.length;
  const image = reader.integer("image", false, 0, MAX_IMAGE_NUMBER) ?? 0;
  const url = readUrl(reader, "url", base, true);
  const sha256 = reader.string("sha256", true, {
    pattern: /^[0-9a-fA-F]{64}$/,
    patternMessage: "expected 64 hex digits (the SHA-256 of the file, e.g. from `sha256sum`)",
  });
  const size = reader.integer("size", true, 1, MAX_IMAGE_BYTES);
  const version = readVersion(reader, "version", false) ?? release;
  if (issues.length > before || url === undefined || sha256 === undefined || size === undefined || !version)
    return undefined;
  return {
    path,
    image,
    url,
    sha256: sha256.toLowerCase(),
    size,
    version: version.text,
    parsedVersion: version.parsed,
  };
}

function readRequirements(release: ObjectReader): ReleaseRequirements {
  const reader = release.object("requires", false, ["minimumVersion", "board", "osInfo"]);
  if (!reader) return {};
  const minimumVersion = readVersion(reader, "minimumVersion", false);
  const board = readPattern(reader, "board");
  const osInfo = readPattern(reader, "osInfo");
  return {
    ...(minimumVersion ? { minimumVersion } : {}),
    ...(board ? { board } : {}),
    ...(osInfo ? { osInfo } : {}),
  };
}

function readRelease(
  value: unknown,
  path: string,
  base: string,
  issues: ManifestIssue[],
): Release | undefined {
  const reader = ObjectReader.open(value, path, issues, ["version", "notes", "date", "requires", "images"]);
  if (!reader) return undefined;
  const before = issues.length;
  const version = readVersion(reader, "version", true);
  const notes = reader.string("notes", false, { maxLength: 4000 });
  const date = reader.string("date", false, {
    pattern: /^\d{4}-\d{2}-\d{2}$/,
    patternMessage: 'expected a date as "YYYY-MM-DD"',
  });
  const requires = readRequirements(reader);
  const items = reader.array("images", true, { min: 1, max: MAX_IMAGE_NUMBER + 1 }) ?? [];
  const images = items.map((item) => readImage(item.value, item.path, version, base, issues));
  const seen = new Map<number, string>();
  for (const image of images) {
    if (!image) continue;
    const other = seen.get(image.image);
    if (other !== undefined)
      issues.push({
        path: `${image.path}.image`,
        message: `image ${image.image} is already listed at ${other}`,
      });
    seen.set(image.image, image.path);
  }
  if (issues.length > before || !version) return undefined;
  return {
    path,
    version: version.text,
    parsedVersion: version.parsed,
    ...(notes !== undefined ? { notes } : {}),
    ...(date !== undefined ? { date } : {}),
    requires,
    images: images.filter((i): i is ManifestImage => i !== undefined),
  };
}

function readPolicy(root: ObjectReader): UpdatePolicy {
  const reader = root.object("update", false, ["mode", "noDowngrade", "upgradeOnly"]);
  return {
    mode: reader?.oneOf("mode", UPDATE_MODES) ?? "test-and-confirm",
    noDowngrade: reader?.boolean("noDowngrade") ?? true,
    upgradeOnly: reader?.boolean("upgradeOnly") ?? false,
  };
}

/** Validates a parsed JSON value. `baseUrl` is the absolute address the manifest was loaded from. */
export function parseManifest(json: unknown, baseUrl: string): Manifest {
  const issues: ManifestIssue[] = [];
  if (!isAllowedUrl(baseUrl)) {
    issues.push({
      path: ROOT_PATH,
      message: `was loaded from "${baseUrl}"; manifests must come from an https:// address (http:// only on localhost)`,
    });
  }
  const known = ["$schema", "schemaVersion", "product", "vendor", "keys", "match", "update", "releases"];
  const root = ObjectReader.open(json, ROOT_PATH, issues, known);
  if (!root) throw new ManifestError(issues);
  const schemaVersion = root.integer("schemaVersion", true, MANIFEST_SCHEMA_VERSION, MANIFEST_SCHEMA_VERSION);
  const product = root.string("product", true, { maxLength: 100 });
  const vendor = root.string("vendor", false, { maxLength: 100 });
  const keyItems = root.array("keys", true, { min: 1, max: MAX_KEYS }) ?? [];
  const keys = keyItems.map((item, i) => readKey(item.value, item.path, i, baseUrl, issues));
  const match = readMatch(root);
  const update = readPolicy(root);
  const releaseItems = root.array("releases", true, { min: 1, max: MAX_RELEASES }) ?? [];
  const releases = releaseItems.map((item) => readRelease(item.value, item.path, baseUrl, issues));
  const versions = new Map<string, string>();
  for (const release of releases) {
    if (!release) continue;
    const key = `${release.parsedVersion.major}.${release.parsedVersion.minor}.${release.parsedVersion.revision}+${release.parsedVersion.build}`;
    const other = versions.get(key);
    if (other !== undefined)
      issues.push({
        path: `${release.path}.version`,
        message: `version ${release.version} is already listed at ${other}`,
      });
    versions.set(key, release.path);
  }
  if (issues.length > 0 || schemaVersion === undefined || product === undefined)
    throw new ManifestError(issues);
  return {
    url: baseUrl,
    schemaVersion: MANIFEST_SCHEMA_VERSION,
    product: product.trim(),
    ...(vendor !== undefined ? { vendor } : {}),
    keys: keys.filter((k): k is ManifestKey => k !== undefined),
    match,
    update,
    releases: releases
      .filter((r): r is Release => r !== undefined)
      .sort((a, b) => compareVersions(b.parsedVersion, a.parsedVersion)),
  };
}

/** Parses the manifest file's text (JSON) and validates it. */
export function parseManifestText(text: string, baseUrl: string): Manifest {
  if (text.length > MAX_MANIFEST_BYTES) {
    throw new ManifestFlowError(
      ManifestErrorCode.notJson,
      { baseUrl, textLength: text.length, MAX_MANIFEST_BYTES },
      { hint: "manifest-not-json" },
    );
  }
  if (/^\s*</.test(text)) {
    throw new ManifestFlowError(ManifestErrorCode.htmlPage, { baseUrl }, { hint: "manifest-is-html" });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ManifestFlowError(
      ManifestErrorCode.notJson,
      { baseUrl },
      { variant: "manifest-json", hint: "manifest-not-json.manifest-json", cause: error },
    );
  }
  return parseManifest(json, baseUrl);
}
