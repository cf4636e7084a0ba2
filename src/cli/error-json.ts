// What `--json` prints for a failure: `{"error":{"code":…,"params":{…}}}` — a stable code and the values its
// message needs, no English (the words go to stderr), and `details` when the error lists several problems.
// Errors that carry `params` give them as they are; for the others, their own plain fields (a command name, a
// group and rc, a timeout…) stand in, without the fields that hold sentences.

import { McuFlashError } from "../core/errors.js";
import { type JsonValue, messageJson } from "../core/mcuboot/report-json.js";

export type JsonParam = string | number | boolean | null | readonly (string | number | boolean)[];

export interface ErrorJson {
  readonly error: {
    readonly code: string;
    readonly params: Readonly<Record<string, JsonParam>>;
    /** Several things wrong at once (a manifest's wrong fields): each a catalog key and its parameters. */
    readonly details?: readonly JsonValue[];
  };
}

/** Fields that hold words or whole objects, never parameters. */
const NOT_PARAMS = new Set([
  "name",
  "message",
  "stack",
  "cause",
  "code",
  "hint",
  "meaning",
  "reason",
  "detail",
  "body",
  "map",
  "params",
  "details",
]);

export function errorJson(error: unknown): ErrorJson {
  if (!(error instanceof McuFlashError)) {
    return {
      error: { code: "unexpected", params: { name: error instanceof Error ? error.name : typeof error } },
    };
  }
  const details = error.details.map(messageJson);
  return { error: { code: error.code, params: paramsOf(error), ...(details.length > 0 ? { details } : {}) } };
}

/** The error's own plain fields, then its declared `params` over them (a subclass may add a field, e.g. a path). */
function paramsOf(error: McuFlashError): Record<string, JsonParam> {
  const out: Record<string, JsonParam> = {};
  const declared: unknown = Reflect.get(error, "params");
  const sources = [
    Object.entries(error).filter(([key]) => !NOT_PARAMS.has(key)),
    isRecord(declared) ? Object.entries(declared) : [],
  ];
  for (const entries of sources) {
    for (const [key, value] of entries) {
      const param = asParam(value);
      if (param !== undefined) out[key] = param;
    }
  }
  return out;
}

function asParam(value: unknown): JsonParam | undefined {
  if (value === null || typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number") return Number.isFinite(value) ? value : undefined;
  if (typeof value === "bigint")
    return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (Array.isArray(value)) {
    const items = value.map(asParam);
    return items.every(
      (i): i is string | number | boolean => i !== null && typeof i !== "object" && i !== undefined,
    )
      ? items
      : undefined;
  }
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
