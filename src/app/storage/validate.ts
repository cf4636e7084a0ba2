// Field readers for data read back from storage or imported from elsewhere: an older app version may have
// written a different shape, so every record is checked, never cast. Each reader returns undefined for a
// missing or mistyped field and the caller decides whether that drops the record.

export type Fields = Readonly<Record<string, unknown>>;

export function asFields(value: unknown): Fields | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
  const fields: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) fields[key] = field;
  return fields;
}

export function str(fields: Fields, key: string): string | undefined {
  const value = fields[key];
  return typeof value === "string" ? value : undefined;
}

export function num(fields: Fields, key: string): number | undefined {
  const value = fields[key];
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

export function bool(fields: Fields, key: string): boolean | undefined {
  const value = fields[key];
  return typeof value === "boolean" ? value : undefined;
}

export function bytes(fields: Fields, key: string): Uint8Array | undefined {
  const value = fields[key];
  return value instanceof Uint8Array ? value : undefined;
}

export function oneOf<T extends string>(fields: Fields, key: string, allowed: readonly T[]): T | undefined {
  const value = fields[key];
  return allowed.find((option) => option === value);
}

/** Reads an array, keeping only the items `parse` accepts. */
export function list<T>(
  fields: Fields,
  key: string,
  parse: (item: unknown) => T | undefined,
): T[] | undefined {
  const value = fields[key];
  if (!Array.isArray(value)) return undefined;
  const items: T[] = [];
  for (const item of value) {
    const parsed = parse(item);
    if (parsed !== undefined) items.push(parsed);
  }
  return items;
}

/** `{ key: value }` when value is defined, `{}` otherwise (exactOptionalPropertyTypes forbids `key: undefined`). */
export function opt<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return value === undefined ? {} : ({ [key]: value } as { [P in K]?: V });
}
