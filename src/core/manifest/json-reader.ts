// A small validating reader for JSON from outside (docs/manifest.md): it walks objects and arrays, keeps the
// path of every field (`releases[0].images[1].sha256`) and collects every problem instead of stopping at the
// first, so a vendor fixes a manifest in one pass. Nothing here casts: values are narrowed by checks.

export interface ManifestIssue {
  /** Where the problem is, e.g. "releases[0].images[1].sha256"; "(manifest)" for the document itself. */
  readonly path: string;
  /** What is wrong and what is expected, e.g. "expected 64 hex digits". */
  readonly message: string;
}

export const ROOT_PATH = "(manifest)";

export function childPath(parent: string, key: string | number): string {
  if (typeof key === "number") return `${parent === ROOT_PATH ? "" : parent}[${key}]`;
  return parent === ROOT_PATH ? key : `${parent}.${key}`;
}

export function describeType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  if (typeof value === "string") return "a string";
  if (typeof value === "number") return "a number";
  if (typeof value === "boolean") return "true/false";
  return typeof value;
}

/** Levenshtein distance, for "did you mean …?" on a misspelt field name. Both strings are short. */
function distance(a: string, b: string): number {
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
  return previous[b.length] ?? 0;
}

function closest(key: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of known) {
    const d = distance(key.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

export interface StringRule {
  readonly maxLength?: number;
  /** Checked after the length rules; the message says what was expected. */
  readonly pattern?: RegExp;
  readonly patternMessage?: string;
}

/** An object being read. Unknown fields are reported (a typo must not silently drop a check). */
export class ObjectReader {
  private constructor(
    readonly path: string,
    private readonly fields: ReadonlyMap<string, unknown>,
    readonly issues: ManifestIssue[],
  ) {}

  static open(
    value: unknown,
    path: string,
    issues: ManifestIssue[],
    known: readonly string[],
  ): ObjectReader | undefined {
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      issues.push({ path, message: `expected an object, found ${describeType(value)}` });
      return undefined;
    }
    const fields = new Map<string, unknown>(Object.entries(value));
    for (const key of fields.keys()) {
      if (known.includes(key)) continue;
      const guess = closest(key, known);
      issues.push({
        path: childPath(path, key),
        message: `unknown field${guess ? `; did you mean "${guess}"?` : ""} (known here: ${known.join(", ")})`,
      });
    }
    return new ObjectReader(path, fields, issues);
  }

  has(key: string): boolean {
    return this.fields.has(key);
  }

  pathOf(key: string): string {
    return childPath(this.path, key);
  }

  raw(key: string): unknown {
    return this.fields.get(key);
  }

  private missing(key: string, what: string): undefined {
    this.issues.push({ path: this.pathOf(key), message: `missing: expected ${what}` });
    return undefined;
  }

  private wrong(key: string, what: string, value: unknown): undefined {
    this.issues.push({ path: this.pathOf(key), message: `expected ${what}, found ${describeType(value)}` });
    return undefined;
  }

  string(key: string, required: boolean, rule: StringRule = {}): string | undefined {
    const value = this.fields.get(key);
    if (value === undefined) return required ? this.missing(key, "a string") : undefined;
    if (typeof value !== "string") return this.wrong(key, "a string", value);
    if (required && value.trim().length === 0) {
      this.issues.push({ path: this.pathOf(key), message: "must not be empty" });
      return undefined;
    }
    if (rule.maxLength !== undefined && value.length > rule.maxLength) {
      this.issues.push({
        path: this.pathOf(key),
        message: `is ${value.length} characters long; at most ${rule.maxLength} are allowed`,
      });
      return undefined;
    }
    if (rule.pattern && !rule.pattern.test(value)) {
      this.issues.push({ path: this.pathOf(key), message: rule.patternMessage ?? "has the wrong form" });
      return undefined;
    }
    return value;
  }

  integer(key: string, required: boolean, min: number, max: number): number | undefined {
    const value = this.fields.get(key);
    const what = min === max ? `${min}` : `an integer from ${min} to ${max}`;
    if (value === undefined) return required ? this.missing(key, what) : undefined;
    if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
      this.issues.push({
        path: this.pathOf(key),
        message: `expected ${what}, found ${typeof value === "number" ? String(value) : describeType(value)}`,
      });
      return undefined;
    }
    return value;
  }

  boolean(key: string): boolean | undefined {
    const value = this.fields.get(key);
    if (value === undefined) return undefined;
    if (typeof value !== "boolean") return this.wrong(key, "true or false", value);
    return value;
  }

  oneOf<T extends string>(key: string, allowed: readonly T[]): T | undefined {
    const value = this.fields.get(key);
    if (value === undefined) return undefined;
    const match = allowed.find((candidate) => candidate === value);
    if (match === undefined) {
      this.issues.push({
        path: this.pathOf(key),
        message: `expected one of ${allowed.map((a) => `"${a}"`).join(", ")}, found ${
          typeof value === "string" ? `"${value}"` : describeType(value)
        }`,
      });
    }
    return match;
  }

  /** The items of an array field with their paths; undefined (and an issue) when it is not an array. */
  array(
    key: string,
    required: boolean,
    limits: { readonly min: number; readonly max: number },
  ): { readonly value: unknown; readonly path: string }[] | undefined {
    const value = this.fields.get(key);
    if (value === undefined) return required ? this.missing(key, "an array") : undefined;
    if (!Array.isArray(value)) return this.wrong(key, "an array", value);
    const items: unknown[] = value;
    if (items.length < limits.min || items.length > limits.max) {
      this.issues.push({
        path: this.pathOf(key),
        message:
          items.length < limits.min
            ? `needs at least ${limits.min} ${limits.min === 1 ? "entry" : "entries"}`
            : `has ${items.length} entries; at most ${limits.max} are allowed`,
      });
      return undefined;
    }
    return items.map((item, i) => ({ value: item, path: childPath(this.pathOf(key), i) }));
  }

  object(key: string, required: boolean, known: readonly string[]): ObjectReader | undefined {
    const value = this.fields.get(key);
    if (value === undefined) return required ? this.missing(key, "an object") : undefined;
    return ObjectReader.open(value, this.pathOf(key), this.issues, known);
  }
}
