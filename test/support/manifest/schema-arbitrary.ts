// Generates documents from docs/manifest.schema.json with fast-check: a small interpreter for the JSON Schema
// subset the manifest schema uses ($ref, object, array, string, integer, boolean, const, enum, anyOf/oneOf,
// minProperties, dependentRequired). Rules the schema cannot express (version limits, valid regular
// expressions, mask as long as dataPrefix, distinct image numbers and versions) come from `overrides`, keyed
// by $defs name, and from the caller's post-processing. Also lists, for a document, the ways to break it one
// schema rule at a time, each with the field path the parser must name.

import fc from "fast-check";

export type Schema = Readonly<Record<string, unknown>>;

function asSchema(value: unknown): Schema {
  return typeof value === "object" && value !== null ? (value as Schema) : {};
}

function resolve(root: Schema, schema: Schema): { schema: Schema; def: string | undefined } {
  const ref = schema.$ref;
  if (typeof ref !== "string") return { schema, def: undefined };
  const name = ref.replace("#/$defs/", "");
  return { schema: asSchema(asSchema(root.$defs)[name]), def: name };
}

export function schemaArbitrary(
  root: Schema,
  overrides: Readonly<Record<string, fc.Arbitrary<unknown>>>,
  node: Schema = root,
): fc.Arbitrary<unknown> {
  const { schema, def } = resolve(root, node);
  if (def !== undefined && overrides[def]) return overrides[def];
  if ("const" in schema) return fc.constant(schema.const);
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]));
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (Array.isArray(alternatives) && schema.type === undefined) {
    return fc.oneof(...(alternatives as unknown[]).map((s) => schemaArbitrary(root, overrides, asSchema(s))));
  }
  switch (schema.type) {
    case "boolean":
      return fc.boolean();
    case "integer":
      return fc.integer({
        min: typeof schema.minimum === "number" ? schema.minimum : -1e6,
        max: typeof schema.maximum === "number" ? schema.maximum : 1e6,
      });
    case "string": {
      const min = typeof schema.minLength === "number" ? schema.minLength : 0;
      const max = typeof schema.maxLength === "number" ? schema.maxLength : Number.POSITIVE_INFINITY;
      const base =
        typeof schema.pattern === "string"
          ? fc.stringMatching(new RegExp(schema.pattern))
          : fc.string({ minLength: min, maxLength: Math.min(max, 60) });
      return base.filter((s) => s.length >= min && s.length <= max);
    }
    case "array": {
      const items = schemaArbitrary(root, overrides, asSchema(schema.items));
      const min = typeof schema.minItems === "number" ? schema.minItems : 0;
      const max = typeof schema.maxItems === "number" ? Math.min(schema.maxItems, 3) : 3;
      return fc.array(items, { minLength: min, maxLength: Math.max(min, max) });
    }
    case "object":
      return objectArbitrary(root, overrides, schema);
    default:
      throw new Error(`schema-arbitrary: no generator for ${JSON.stringify(schema).slice(0, 80)}`);
  }
}

function objectArbitrary(
  root: Schema,
  overrides: Readonly<Record<string, fc.Arbitrary<unknown>>>,
  schema: Schema,
): fc.Arbitrary<unknown> {
  const properties = asSchema(schema.properties);
  const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
  const keys = Object.keys(properties).filter((k) => k !== "$schema");
  const record: Record<string, fc.Arbitrary<unknown>> = {};
  for (const k of keys) record[k] = schemaArbitrary(root, overrides, asSchema(properties[k]));
  const requiredKeys = keys.filter((k) => required.has(k));
  const minProperties = typeof schema.minProperties === "number" ? schema.minProperties : 0;
  const dependent = asSchema(schema.dependentRequired);
  return fc
    .record(record, { requiredKeys })
    .filter((o) => Object.keys(o).length >= minProperties)
    .filter((o) =>
      Object.entries(dependent).every(
        ([k, needs]) => !(k in o) || (needs as string[]).every((n) => n in (o as Record<string, unknown>)),
      ),
    );
}

/** One way to break a document against the schema, and the path the parser must name for it. */
export interface Breakage {
  readonly path: string;
  readonly describe: string;
  apply(doc: unknown): unknown;
}

type Step = string | number;

function pathText(steps: readonly Step[]): string {
  if (steps.length === 0) return "(manifest)";
  return steps.map((s, i) => (typeof s === "number" ? `[${s}]` : i === 0 ? s : `.${s}`)).join("");
}

function edit(
  doc: unknown,
  steps: readonly Step[],
  change: (parent: Record<Step, unknown>, last: Step) => void,
): unknown {
  const copy: unknown = structuredClone(doc);
  let node = copy as Record<Step, unknown>;
  for (const step of steps.slice(0, -1)) node = node[step] as Record<Step, unknown>;
  change(node, steps[steps.length - 1]!);
  return copy;
}

/** Every single-rule violation the schema defines at every field of `doc`. */
export function breakages(root: Schema, doc: unknown, node: Schema = root, steps: Step[] = []): Breakage[] {
  const { schema } = resolve(root, node);
  const out: Breakage[] = [];
  const here = pathText(steps);
  const set = (value: unknown, describe: string, at = steps): Breakage => ({
    path: pathText(at),
    describe,
    apply: (d) => (at.length === 0 ? value : edit(d, at, (parent, last) => (parent[last] = value))),
  });
  if (schema.type === "object" && typeof doc === "object" && doc !== null && !Array.isArray(doc)) {
    const value = doc as Record<string, unknown>;
    const properties = asSchema(schema.properties);
    if (steps.length > 0) out.push(set([value], "an array where an object belongs"));
    if (schema.additionalProperties === false) {
      out.push({
        path: pathText([...steps, "zzUnknown"]),
        describe: "an unknown field",
        apply: (d) =>
          steps.length === 0
            ? { ...(d as object), zzUnknown: 1 }
            : edit(d, steps, (parent, last) => {
                parent[last] = { ...(parent[last] as object), zzUnknown: 1 };
              }),
      });
    }
    for (const key of Array.isArray(schema.required) ? (schema.required as string[]) : []) {
      if (!(key in value)) continue;
      out.push({
        path: pathText([...steps, key]),
        describe: `required "${key}" removed`,
        apply: (d) =>
          edit(d, [...steps, key], (parent, last) => {
            Reflect.deleteProperty(parent, last);
          }),
      });
    }
    for (const [key, child] of Object.entries(value)) {
      if (key in properties) out.push(...breakages(root, child, asSchema(properties[key]), [...steps, key]));
    }
    return out;
  }
  if (schema.type === "array" && Array.isArray(doc)) {
    out.push(set("not a list", "a string where a list belongs"));
    if (typeof schema.minItems === "number" && schema.minItems > 0) out.push(set([], "an empty list"));
    doc.forEach((item, i) => out.push(...breakages(root, item, asSchema(schema.items), [...steps, i])));
    return out;
  }
  if (schema.type === "string" && typeof doc === "string") {
    out.push(set(42, "a number where a string belongs"));
    if (typeof schema.maxLength === "number" && schema.maxLength < 5000) {
      out.push(set("9".repeat(schema.maxLength + 1), "one character over maxLength"));
    }
    if (typeof schema.pattern === "string" && !new RegExp(schema.pattern).test(" \\")) {
      out.push(set(" \\", "a string that does not match the pattern"));
    }
    return out;
  }
  if (schema.type === "integer" && typeof doc === "number") {
    out.push(set("7", "a string where an integer belongs"));
    out.push(set(1.5, "a fraction where an integer belongs"));
    if (typeof schema.maximum === "number") out.push(set(schema.maximum + 1, "one over the maximum"));
    if (typeof schema.minimum === "number") out.push(set(schema.minimum - 1, "one under the minimum"));
    return out;
  }
  if (schema.type === "boolean" && typeof doc === "boolean")
    out.push(set("yes", "a string where true/false belongs"));
  if (Array.isArray(schema.enum)) out.push(set("zz-not-listed", "a value not in the list"));
  if ("const" in schema) out.push(set(99, "a value other than the constant"));
  void here;
  return out;
}
