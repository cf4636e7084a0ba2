// parseManifest: validates a vendor install manifest against its one schema (manifest-schema.ts, published as
// docs/manifest.schema.json) and turns it into a Manifest: URLs resolved against the manifest's address,
// hashes normalised, versions parsed, patterns compiled, releases newest first. Every problem is collected
// with its field path and rule code, and thrown as one ManifestError.

import * as v from "valibot";
import { compareVersions, parseVersion, type ImageVersion } from "../update/version.js";
import { ManifestError, ManifestErrorCode, ManifestFlowError } from "./manifest-errors.js";
import { childPath, manifestIssues, ROOT_PATH, type ManifestIssue } from "./manifest-issues.js";
import { manifestSchema, type ManifestDocument } from "./manifest-schema.js";
import {
  MANIFEST_SCHEMA_VERSION,
  type Manifest,
  type ManifestImage,
  type ManifestKey,
  type Release,
  type ReleaseRequirements,
} from "./manifest-types.js";
import { compilePattern, readMatch } from "./parse-match.js";
import { isAllowedUrl, resolveUrl } from "./resolve-url.js";

/** A manifest is a few kilobytes; a megabyte is surely something else. */
export const MAX_MANIFEST_BYTES = 1024 * 1024;

type ReleaseDocument = ManifestDocument["releases"][number];

/** Resolves the URLs and checks what the schema cannot: the real base and duplicates across entries. */
class Builder {
  readonly issues: ManifestIssue[] = [];
  constructor(private readonly base: string) {}

  url(text: string, path: string): string {
    const resolved = resolveUrl(text, this.base);
    if (resolved.ok) return resolved.url;
    const params = resolved.resolved === undefined ? { found: `"${text}"` } : { url: resolved.resolved };
    this.issues.push({ path, code: resolved.problem, params });
    return text;
  }

  /** An issue at `<entry>.<field>` for each entry whose key repeats an earlier one's, naming that entry. */
  distinct<T>(
    items: readonly T[],
    entryPath: (i: number) => string,
    field: "image" | "version",
    key: (item: T) => string,
    shown: (item: T) => string | number,
  ): void {
    const first = new Map<string, string>();
    items.forEach((item, i) => {
      const other = first.get(key(item));
      if (other === undefined) first.set(key(item), entryPath(i));
      else
        this.issues.push({
          path: childPath(entryPath(i), field),
          code: field === "image" ? "duplicate-image" : "duplicate-version",
          params: { [field]: shown(item), other },
        });
    });
  }
}

/** The schema accepted the text, so it parses and is within MCUboot's limits. */
function version(text: string): { text: string; parsed: ImageVersion } {
  const parsed = parseVersion(text) ?? { major: 0, minor: 0, revision: 0, build: 0 };
  return { text: text.trim(), parsed };
}

function requirements(release: ReleaseDocument): ReleaseRequirements {
  const { minimumVersion, board, osInfo } = release.requires ?? {};
  const boardPattern = compilePattern(board);
  const osInfoPattern = compilePattern(osInfo);
  return {
    ...(minimumVersion !== undefined ? { minimumVersion: version(minimumVersion) } : {}),
    ...(boardPattern ? { board: boardPattern } : {}),
    ...(osInfoPattern ? { osInfo: osInfoPattern } : {}),
  };
}

function release(doc: ReleaseDocument, path: string, builder: Builder): Release {
  const own = version(doc.version);
  const images: ManifestImage[] = doc.images.map((image, i) => {
    const imagePath = childPath(childPath(path, "images"), i);
    const imageVersion = image.version === undefined ? own : version(image.version);
    return {
      path: imagePath,
      image: image.image,
      url: builder.url(image.url, childPath(imagePath, "url")),
      sha256: image.sha256.toLowerCase(),
      size: image.size,
      version: imageVersion.text,
      parsedVersion: imageVersion.parsed,
    };
  });
  builder.distinct(
    images,
    (i) => childPath(childPath(path, "images"), i),
    "image",
    (image) => String(image.image),
    (image) => image.image,
  );
  return {
    path,
    version: own.text,
    parsedVersion: own.parsed,
    ...(doc.notes !== undefined ? { notes: doc.notes } : {}),
    ...(doc.date !== undefined ? { date: doc.date } : {}),
    requires: requirements(doc),
    images,
  };
}

function key(doc: ManifestDocument["keys"][number], path: string, builder: Builder): ManifestKey {
  // The field path names a key the vendor left unnamed: it is what the vendor would look for.
  const name = doc.name ?? path;
  if (doc.pem !== undefined) return { path, name, source: { kind: "pem", pem: doc.pem } };
  return { path, name, source: { kind: "url", url: builder.url(doc.url ?? "", childPath(path, "url")) } };
}

/** Validates a parsed JSON value. `baseUrl` is the absolute address the manifest was loaded from. */
export function parseManifest(json: unknown, baseUrl: string): Manifest {
  const origin: ManifestIssue[] = isAllowedUrl(baseUrl)
    ? []
    : [{ path: ROOT_PATH, code: "manifest-origin", params: { baseUrl } }];
  const result = v.safeParse(manifestSchema, json, { abortPipeEarly: true });
  if (!result.success) throw new ManifestError([...origin, ...manifestIssues(result.issues, manifestSchema)]);
  const doc = result.output;
  const builder = new Builder(baseUrl);
  builder.issues.push(...origin);
  const keys = doc.keys.map((k, i) => key(k, childPath("keys", i), builder));
  const releases = doc.releases.map((r, i) => release(r, childPath("releases", i), builder));
  builder.distinct(
    releases,
    (i) => childPath("releases", i),
    "version",
    ({ parsedVersion: p }) => `${p.major}.${p.minor}.${p.revision}+${p.build}`,
    (r) => r.version,
  );
  if (builder.issues.length > 0) throw new ManifestError(builder.issues);
  return {
    url: baseUrl,
    schemaVersion: MANIFEST_SCHEMA_VERSION,
    product: doc.product.trim(),
    ...(doc.vendor !== undefined ? { vendor: doc.vendor } : {}),
    keys,
    match: readMatch(doc.match),
    update: doc.update ?? { mode: "test-and-confirm", noDowngrade: true, upgradeOnly: false },
    releases: [...releases].sort((a, b) => compareVersions(b.parsedVersion, a.parsedVersion)),
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
