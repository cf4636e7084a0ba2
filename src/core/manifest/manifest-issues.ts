// One problem in a manifest: the field's JSON path ("releases[0].images[1].url"), the rule broken (a code the
// catalogs word as "manifest-issue.<code>") and the values its words need. Turns valibot's issues into these,
// so valibot's own English never reaches a user; "did you mean" and "known here" come from the schema itself.

import type * as v from "valibot";
import { words, type ErrorParams, type Message } from "../errors.js";

export const ROOT_PATH = "(manifest)";

/** Every rule a manifest can break, with its catalog key. */
export const MANIFEST_ISSUE_KEYS = {
  "wrong-type": "manifest-issue.wrong-type",
  missing: "manifest-issue.missing",
  "unknown-field": "manifest-issue.unknown-field",
  "integer-range": "manifest-issue.integer-range",
  "schema-version": "manifest-issue.schema-version",
  "not-one-of": "manifest-issue.not-one-of",
  "too-long": "manifest-issue.too-long",
  empty: "manifest-issue.empty",
  "too-few": "manifest-issue.too-few",
  "too-many": "manifest-issue.too-many",
  version: "manifest-issue.version",
  "version-limits": "manifest-issue.version-limits",
  sha256: "manifest-issue.sha256",
  date: "manifest-issue.date",
  pem: "manifest-issue.pem",
  "hex-bytes": "manifest-issue.hex-bytes",
  "service-uuid": "manifest-issue.service-uuid",
  "usb-id": "manifest-issue.usb-id",
  "key-source": "manifest-issue.key-source",
  "bluetooth-rule-empty": "manifest-issue.bluetooth-rule-empty",
  "mask-length": "manifest-issue.mask-length",
  "bad-regex": "manifest-issue.bad-regex",
  "url-characters": "manifest-issue.url-characters",
  "url-invalid": "manifest-issue.url-invalid",
  "url-base": "manifest-issue.url-base",
  "url-credentials": "manifest-issue.url-credentials",
  "url-not-https": "manifest-issue.url-not-https",
  "manifest-origin": "manifest-issue.manifest-origin",
  "duplicate-image": "manifest-issue.duplicate-image",
  "duplicate-version": "manifest-issue.duplicate-version",
  invalid: "manifest-issue.invalid",
} as const;
export type ManifestIssueCode = keyof typeof MANIFEST_ISSUE_KEYS;

/** What a JSON value is, as the catalog words it ("manifest-type.<kind>"). */
const TYPE_KEYS = {
  string: "manifest-type.string",
  number: "manifest-type.number",
  integer: "manifest-type.integer",
  boolean: "manifest-type.boolean",
  object: "manifest-type.object",
  array: "manifest-type.array",
  null: "manifest-type.null",
} as const;
type JsonKind = keyof typeof TYPE_KEYS;

export interface ManifestIssue {
  /** Where the problem is, e.g. "releases[0].images[1].sha256"; "(manifest)" for the document itself. */
  readonly path: string;
  readonly code: ManifestIssueCode;
  /** The values the words need; a `<name>Key` parameter holds a catalog key the renderer words. */
  readonly params: ErrorParams;
}

/** An issue as words: its catalog key with the field and the rule's values. */
export function issueMessage(issue: ManifestIssue): Message {
  return words(MANIFEST_ISSUE_KEYS[issue.code], { field: issue.path, ...issue.params });
}

export function childPath(parent: string, key: string | number): string {
  if (typeof key === "number") return `${parent === ROOT_PATH ? "" : parent}[${key}]`;
  return parent === ROOT_PATH ? key : `${parent}.${key}`;
}

function kindOf(value: unknown): JsonKind {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "string") return "string";
  if (typeof value === "number") return "number";
  if (typeof value === "boolean") return "boolean";
  return "object";
}

/** A value to quote back: short strings and numbers; anything else by its kind. */
function found(value: unknown): ErrorParams {
  if (typeof value === "number") return { found: String(value) };
  if (typeof value === "string" && value.length <= 80) return { found: `"${value}"` };
  return { foundKey: TYPE_KEYS[kindOf(value)] };
}

type AnySchema = v.GenericSchema & {
  readonly wrapped?: AnySchema;
  readonly entries?: Readonly<Record<string, AnySchema>>;
  readonly item?: AnySchema;
  readonly options?: readonly AnySchema[] | readonly string[];
  readonly pipe?: readonly { readonly kind: string; readonly type: string; readonly requirement?: unknown }[];
};

/** The schema that says what a value is: inside optional(), and the object of an object pipeline. */
function unwrap(schema: AnySchema): AnySchema {
  if (schema.type === "optional" && schema.wrapped) return unwrap(schema.wrapped);
  if (schema.type === "custom" && schema.pipe) {
    const last = [...schema.pipe].reverse().find((item) => item.kind === "schema");
    if (last && last !== schema) return unwrap(last as AnySchema);
  }
  return schema;
}

/** The schema of the value at `steps` (object keys and array indexes), if the path leads anywhere. */
function schemaAt(root: AnySchema, steps: readonly unknown[]): AnySchema | undefined {
  let node: AnySchema | undefined = unwrap(root);
  for (const step of steps) {
    if (!node) return undefined;
    if (typeof step === "number" && node.item) node = unwrap(node.item);
    else if (typeof step === "string" && node.entries?.[step]) node = unwrap(node.entries[step]);
    else return undefined;
  }
  return node;
}

function expectedKind(schema: AnySchema | undefined): JsonKind {
  const type = schema?.type;
  if (type === "strict_object" || type === "object") return "object";
  if (type === "array" || type === "string" || type === "boolean") return type;
  if (type === "number") return actionsOf(schema).some((a) => a.type === "integer") ? "integer" : "number";
  return type === "union" ? "integer" : "string";
}

/** Every action of a schema's pipeline, nested pipelines included. */
function actionsOf(schema: AnySchema | undefined): NonNullable<AnySchema["pipe"]> {
  return (schema?.pipe ?? []).flatMap((item) =>
    item !== schema && "pipe" in item ? actionsOf(item as AnySchema) : [item],
  );
}

/** The integer limits a number schema (or a union's number option) sets. */
function integerLimits(schema: AnySchema | undefined): { min: number; max: number } {
  const options: readonly unknown[] = schema?.options ?? [];
  const number =
    options.find((o): o is AnySchema => typeof o === "object" && (o as AnySchema).type === "number") ??
    schema;
  const limit = (type: string): number => {
    const value = actionsOf(number).find((a) => a.type === type)?.requirement;
    return typeof value === "number" ? value : Number.NaN;
  };
  return { min: limit("min_value"), max: limit("max_value") };
}

/** The closest known name to a misspelt one (edit distance under 3), for "did you mean …?". */
function closest(key: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of known) {
    const a = key.toLowerCase();
    const b = candidate.toLowerCase();
    let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
    for (let i = 1; i <= a.length; i++) {
      const current = [i];
      for (let j = 1; j <= b.length; j++) {
        const cost = a[i - 1] === b[j - 1] ? 0 : 1;
        current.push(
          Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost),
        );
      }
      previous = current;
    }
    const d = previous[b.length] ?? 0;
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best;
}

function isIssueCode(text: string): text is ManifestIssueCode {
  return Object.hasOwn(MANIFEST_ISSUE_KEYS, text);
}

function rule(
  issue: v.BaseIssue<unknown>,
  root: AnySchema,
  steps: readonly unknown[],
): Omit<ManifestIssue, "path"> {
  const input = issue.input;
  const here = schemaAt(root, steps);
  const lastStep = issue.path?.[issue.path.length - 1];
  if (lastStep?.origin === "key" && issue.expected === "never") {
    const known = Object.keys(schemaAt(root, steps.slice(0, -1))?.entries ?? {});
    const name = String(lastStep.key);
    return {
      code: "unknown-field",
      params: { name, suggestion: closest(name, known) ?? "none", known: known.join(", ") },
    };
  }
  if (lastStep?.origin === "key")
    return { code: "missing", params: { expectedKey: TYPE_KEYS[expectedKind(here)] } };
  switch (issue.type) {
    case "integer":
    case "min_value":
    case "max_value":
      return { code: "integer-range", params: { ...integerLimits(here), ...found(input) } };
    case "number":
      if (expectedKind(here) === "integer")
        return {
          code: "integer-range",
          params: { ...integerLimits(here), foundKey: TYPE_KEYS[kindOf(input)] },
        };
      break;
    case "literal":
      return { code: "schema-version", params: { expected: String(issue.expected), ...found(input) } };
    case "picklist": {
      const allowed = (here?.options ?? []).map((option) => `"${String(option)}"`).join(", ");
      return { code: "not-one-of", params: { allowed, ...found(input) } };
    }
    case "max_length":
      return Array.isArray(input)
        ? { code: "too-many", params: { count: input.length, max: Number(issue.requirement) } }
        : { code: "too-long", params: { length: String(input).length, max: Number(issue.requirement) } };
    case "min_length":
      return Array.isArray(input)
        ? { code: "too-few", params: { min: Number(issue.requirement) } }
        : { code: "empty", params: {} };
  }
  if (issue.kind === "schema" && issue.type !== "union")
    return {
      code: "wrong-type",
      params: { expectedKey: TYPE_KEYS[expectedKind(here)], foundKey: TYPE_KEYS[kindOf(input)] },
    };
  if (issue.message === "blank") return { code: "empty", params: {} };
  if (isIssueCode(issue.message)) {
    const url = issue.message === "url-not-https" && typeof input === "string" ? { url: input } : {};
    return { code: issue.message, params: { ...found(input), ...url } };
  }
  return { code: "invalid", params: found(input) };
}

/** valibot's issues → ours, one per field (the first rule each field breaks). */
export function manifestIssues(
  issues: readonly v.BaseIssue<unknown>[],
  root: v.GenericSchema,
): ManifestIssue[] {
  const out: ManifestIssue[] = [];
  const seen = new Set<string>();
  for (const issue of issues) {
    const steps = (issue.path ?? []).map((item) => item.key);
    const path = steps.reduce<string>(
      (parent, key) => childPath(parent, typeof key === "number" ? key : String(key)),
      ROOT_PATH,
    );
    if (seen.has(path)) continue;
    seen.add(path);
    out.push({ path, ...rule(issue, root as AnySchema, steps) });
  }
  return out;
}
