// What a failed upload request means for the upload, as a table over the device's answers: the codes come by
// name from the reference tables (error_codes in ../shared/vectors/smp/responses.json), not from our own rc
// constants, and each answer is read the way the client reads it (readSmpError on the response body).

import { describe, expect, test } from "vitest";
import { imageUpload } from "../../../src/core/smp/commands/image.js";
import { SmpTimeoutError } from "../../../src/core/smp/client-errors.js";
import { readSmpError, SmpDeviceError } from "../../../src/core/smp/device-error.js";
import { TransportError } from "../../../src/core/transport.js";
import { classifyFailure } from "../../../src/core/update/smp-device-session.js";
import type { ChunkFailure } from "../../../src/core/update/upload.js";
import { packageRcTables } from "../smp/vector-data.js";

const tables = packageRcTables();
function code(group: number | undefined, name: string): number {
  const found = tables.find((t) => t.group === group)?.codes.find((c) => c.name === name);
  if (found === undefined) throw new TypeError(`no ${name} in the reference table of group ${group}`);
  return found.value;
}

/** The device's answer to an upload request, v1 style ({rc}) or v2 style ({err: {group, rc}}). */
function answer(body: Record<string, unknown>): SmpDeviceError {
  const info = readSmpError(body as never, imageUpload);
  if (!info) throw new TypeError("not an error answer");
  return new SmpDeviceError(imageUpload, info, body as never);
}
const v1 = (name: string) => answer({ rc: code(undefined, name) });
const v2 = (group: number, name: string) => answer({ err: { group, rc: code(group, name) } });

describe("classifyFailure", () => {
  const rows: [string, () => unknown, ChunkFailure][] = [
    ["no answer in time", () => new SmpTimeoutError(imageUpload, 2500), "timeout"],
    ["v1 EBUSY", () => v1("EBUSY"), "busy"],
    ["v1 ENOMEM", () => v1("ENOMEM"), "no-memory"],
    ["v2 image NO_FREE_MEMORY", () => v2(1, "NO_FREE_MEMORY"), "no-memory"],
    ["v2 image NO_FREE_SLOT", () => v2(1, "NO_FREE_SLOT"), "no-free-slot"],
    // Over SMP v1, Zephyr folds NO_FREE_SLOT into EBADSTATE; the flow checks the slot list before acting on it.
    ["v1 EBADSTATE", () => v1("EBADSTATE"), "no-free-slot"],
    ["v1 EINVAL", () => v1("EINVAL"), "fatal"],
    ["v1 ENOTSUP", () => v1("ENOTSUP"), "fatal"],
    ["v2 image FLASH_WRITE_FAILED", () => v2(1, "FLASH_WRITE_FAILED"), "fatal"],
    // A group's own code with the number of a generic one means something else: read by its group.
    [
      "v2 image code numbered like EBUSY",
      () => answer({ err: { group: 1, rc: code(undefined, "EBUSY") } }),
      "fatal",
    ],
    ["a dropped link", () => new TransportError("link-lost"), "fatal"],
    ["anything else", () => new TypeError("bug"), "fatal"],
  ];
  test.each(rows)("%s → %s", (_name, make, kind) => {
    expect(classifyFailure(make())).toBe(kind);
  });
});
