// Every reference response decodes to the recorded fields, or to the right typed error: the package-made
// successes and errors, and every real Zephyr 4.4 capture (indefinite-length maps, extra keys, v1 `rc` under a
// v2 header, and the places where Zephyr and the Python package disagree).

import { inEnglish } from "../../support/in-english.js";
import { describe, expect, it } from "vitest";
import type { CborMap, CborValue } from "../../../src/core/smp/cbor.js";
import { SmpGroup } from "../../../src/core/smp/command.js";
import { findCommand } from "../../../src/core/smp/commands/index.js";
import { SmpDeviceError, decodeResponse, readSmpError } from "../../../src/core/smp/device-error.js";
import { decodePacket } from "../../../src/core/smp/packet.js";
import { hexToBytes } from "../../support/vectors.js";
import { responseVectors, zephyrCaptures } from "./vector-data.js";

const opKind = (responseOp: number) => (responseOp === 1 ? "read" : "write");

function isMap(value: CborValue): value is CborMap {
  return (
    typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array)
  );
}

/** The recorded body as our typed response spells it (see the comments in each command definition). */
function expectedTyped(commandName: string, body: CborMap): CborMap {
  const { rc, ...rest } = body; // Legacy servers add rc: 0 to successes; it is not part of the answer.
  const fields: CborMap = rc === 0 ? rest : body;
  switch (commandName) {
    case "os.mpstat":
      return { pools: fields };
    case "os.taskstat": {
      const tasks = fields.tasks;
      if (!isMap(tasks)) return fields;
      const renamed: Record<string, CborValue> = {};
      for (const [name, t] of Object.entries(tasks)) {
        if (!isMap(t)) continue;
        const { stksize, ...other } = t;
        renamed[name] = stksize === undefined ? t : { ...other, stksiz: stksize };
      }
      return { tasks: renamed };
    }
    case "os.bootloader_info": {
      const nested = fields.response;
      const answer = isMap(nested) ? nested : fields;
      const noDowngrade = answer["no-downgrade"] ?? answer.no_downgrade;
      return {
        ...(fields.bootloader !== undefined ? { bootloader: fields.bootloader } : {}),
        ...(answer.mode !== undefined ? { mode: answer.mode } : {}),
        ...(noDowngrade !== undefined ? { no_downgrade: noDowngrade } : {}),
      };
    }
    default:
      return fields;
  }
}

/** What error, if any, the raw body carries, read independently of the code under test. */
function expectedError(body: CborMap, group: number) {
  const err = body.err;
  if (isMap(err) && err.rc !== 0) return { style: "err", group: err.group, rc: err.rc };
  if (typeof body.rc === "number" && body.rc !== 0) return { style: "rc", group, rc: body.rc };
  return undefined;
}

function checkDecode(
  name: string,
  hex: string,
  group: number,
  command: number,
  op: number,
  recorded: CborMap,
) {
  const def = findCommand(group, command, opKind(op));
  expect(def, `a definition for ${name}`).toBeDefined();
  if (def === undefined) return;
  const { body } = decodePacket(hexToBytes(hex));
  expect(body).toEqual(recorded);
  const error = expectedError(recorded, group);
  if (error === undefined) {
    expect(decodeResponse(def, body)).toEqual(expectedTyped(def.name, recorded));
    return;
  }
  let thrown: unknown;
  try {
    decodeResponse(def, body);
  } catch (e) {
    thrown = e;
  }
  expect(thrown).toBeInstanceOf(SmpDeviceError);
  if (!(thrown instanceof SmpDeviceError)) return;
  expect({ style: thrown.style, group: thrown.group, rc: thrown.rc }).toEqual(error);
  expect(thrown.command).toBe(def.name);
  expect(thrown.body).toEqual(recorded);
  expect(inEnglish(thrown)).toContain(`rc ${error.rc}`);
  expect(thrown.rsn).toBe(typeof recorded.rsn === "string" ? recorded.rsn : undefined);
}

describe("package-encoded success responses", () => {
  const vectors = responseVectors("package_encoded");
  it("has the expected number of entries", () => expect(vectors.length).toBe(45));
  for (const v of vectors) {
    it(v.name, () => {
      const { header } = decodePacket(hexToBytes(v.hex));
      checkDecode(v.name, v.hex, header.group, header.command, header.op, v.fields);
    });
  }
});

describe("package-encoded error responses", () => {
  const vectors = responseVectors("error_responses");
  it("has the expected number of entries", () => expect(vectors.length).toBe(36));
  for (const v of vectors) {
    it(v.name, () => {
      const { header } = decodePacket(hexToBytes(v.hex));
      expect(expectedError(v.fields, header.group)).toBeDefined();
      checkDecode(v.name, v.hex, header.group, header.command, header.op, v.fields);
    });
  }
});

describe("Zephyr 4.4 server captures", () => {
  const captures = zephyrCaptures();
  it("has the expected number of entries", () => expect(captures.length).toBe(88));

  for (const c of captures) {
    it(c.name, () => {
      const { header, body } = decodePacket(hexToBytes(c.responseHex));
      expect(header.sequence).toBe(c.requestSequence);
      expect(header.group).toBe(c.requestGroup);
      expect(header.command).toBe(c.requestCommand);
      expect(header.op).toBe(c.requestOp + 1);
      expect(body).toEqual(c.responseBody);
      const def = findCommand(c.requestGroup, c.requestCommand, opKind(header.op));
      if (def !== undefined) {
        checkDecode(c.name, c.responseHex, header.group, header.command, header.op, c.responseBody);
        return;
      }
      // Unknown group or command: there is no typed response, but the error must still be read.
      const info = readSmpError(body, { name: "raw", label: "raw request", group: c.requestGroup });
      expect(info).toEqual({ style: "rc", group: c.requestGroup, rc: 8, rsn: undefined });
    });
  }

  const byName = (name: string) => {
    const c = captures.find((x) => x.name === name);
    if (c === undefined) throw new Error(`missing capture ${name}`);
    const { header, body } = decodePacket(hexToBytes(c.responseHex));
    const def = findCommand(header.group, header.command, opKind(header.op));
    if (def === undefined) throw new Error(`no command for ${name}`);
    return { raw: c.responseHex, run: () => decodeResponse(def, body) };
  };

  const deviceError = (run: () => unknown): SmpDeviceError => {
    try {
      run();
    } catch (e) {
      if (e instanceof SmpDeviceError) return e;
      throw e;
    }
    throw new Error("expected a device error");
  };

  it("uses indefinite-length containers, and they decode", () => {
    const c = byName("img.state read v2 (after upload)");
    expect(c.raw.slice(16, 18)).toBe("bf");
    expect(c.run()).toMatchObject({
      images: [
        { slot: 0, active: true },
        { slot: 1, active: false },
      ],
    });
  });

  it("task statistics carry stksiz, not stksize", () => {
    expect(byName("os.taskstat v2").run()).toMatchObject({ tasks: { main: { stksiz: 544, stkuse: 6 } } });
  });

  it("settings rc 8 is SAVE_NOT_SUPPORTED (newer than the package's table)", () => {
    const e = deviceError(byName("settings.save v2").run);
    expect([e.group, e.rc, e.rcName]).toEqual([SmpGroup.settings, 8, "SAVE_NOT_SUPPORTED"]);
  });

  it("shell rc 3 is EMPTY_COMMAND (Zephyr's name)", () => {
    const e = deviceError(byName("shell.exec v2 empty argv").run);
    expect([e.group, e.rc, e.rcName]).toEqual([SmpGroup.shell, 3, "EMPTY_COMMAND"]);
  });

  it("an fs upload error keeps the extra len key", () => {
    const e = deviceError(byName("fs.upload bad offset v2").run);
    expect(e.rcName).toBe("FILE_OFFSET_NOT_VALID");
    expect(e.body.len).toBe(527);
  });

  it("a v2 header with a v1 rc is a generic MGMT_ERR", () => {
    const e = deviceError(byName("os.mpstat v2").run);
    expect([e.style, e.rc, e.rcName]).toEqual(["rc", 8, "ENOTSUP"]);
    expect(e.isMgmtRc(8)).toBe(true);
    expect(inEnglish(e)).toBe(
      "The memory pool statistics request failed: the device reports “command not supported” (rc 8 ENOTSUP). " +
        "The firmware was built without this command or group; enable it in the device build or skip this step.",
    );
  });

  it("version bits 2 are refused with UNSUPPORTED_TOO_NEW", () => {
    expect(deviceError(byName("os.echo with version bits=2 (v3, raw)").run).rcName).toBe(
      "UNSUPPORTED_TOO_NEW",
    );
  });

  it("image group errors name the group in the message", () => {
    const e = deviceError(byName("img.erase slot 0 (active) v2").run);
    expect(e.isGroupRc(SmpGroup.image, 9)).toBe(true);
    expect(inEnglish(e)).toMatch(
      /^The erase image slot request failed: the device reports “no free slot .*” \(group 1 rc 9 NO_FREE_SLOT\)\./,
    );
  });

  it("a shell command's own failure is a result, not an error", () => {
    expect(byName("shell.exec v2 unknown command").run()).toMatchObject({ ret: -8 });
  });
});
