// Every reference request frame (requests.json) must come out of our command definitions byte for byte, with
// the same version and sequence. The one deliberate exception is reset's `force`, see below.

import { describe, expect, it } from "vitest";
import { findCommand } from "../../../src/core/smp/commands/index.js";
import { osReset } from "../../../src/core/smp/commands/os.js";
import { encodeRequestPacket, requestPacketSize } from "../../../src/core/smp/request-packet.js";
import { SMP_HEADER_SIZE } from "../../../src/core/smp/header.js";
import { bytesToHex } from "../../support/vectors.js";
import { requestVectors, zephyrCaptures } from "./vector-data.js";

const vectors = requestVectors();
const opKind = (op: number) => (op === 0 ? "read" : "write");

describe("request vectors (requests.json)", () => {
  it("has the expected number of entries", () => {
    expect(vectors.length).toBe(94);
  });

  // The Python package encodes reset's force as an integer; Zephyr decodes it with zcbor_bool_decode and
  // silently drops anything else, so force would never reach the device. We send a CBOR bool: the frames
  // differ in exactly that one byte (0x01 → 0xf5, 0x00 → 0xf4).
  const isResetForce = (name: string) => name.startsWith("os.reset force=");

  for (const v of vectors.filter((x) => !isResetForce(x.name))) {
    it(`${v.name} ${v.version === 1 ? "v1" : "v2"} seq ${v.sequence}`, () => {
      const command = findCommand(v.group, v.command, opKind(v.op));
      expect(command, "a command definition for this group/id/op").toBeDefined();
      if (command === undefined) return;
      const request = command.decodeRequest(v.fields);
      const packet = encodeRequestPacket(command, request, v.sequence, v.version);
      expect(bytesToHex(packet)).toBe(v.hex);
      expect(requestPacketSize(command, request, v.version)).toBe(v.hex.length / 2);
    });
  }

  for (const v of vectors.filter((x) => isResetForce(x.name))) {
    it(`${v.name}: sent as a CBOR bool, otherwise identical`, () => {
      const force = v.fields.force === 1;
      const packet = encodeRequestPacket(osReset, { force }, v.sequence, v.version);
      const expected = v.hex.slice(0, -2) + (force ? "f5" : "f4");
      expect(bytesToHex(packet)).toBe(expected);
      // And the vector's body is rejected as a request, as Zephyr would ignore it.
      expect(() => osReset.decodeRequest(v.fields)).toThrow(/force/);
    });
  }
});

describe("request bodies of the Zephyr captures", () => {
  // "(raw)" captures were hand-made frames (unknown ids, wrong types, missing fields); v3 version bits too.
  const captures = zephyrCaptures().filter((c) => !c.name.includes("(raw)") && c.requestVersionBits <= 1);

  for (const c of captures) {
    it(c.name, () => {
      const command = findCommand(c.requestGroup, c.requestCommand, opKind(c.requestOp));
      expect(command).toBeDefined();
      if (command === undefined) return;
      const version = c.requestVersionBits === 0 ? 1 : 2;
      const packet = encodeRequestPacket(
        command,
        command.decodeRequest(c.requestBody),
        c.requestSequence,
        version,
      );
      expect(bytesToHex(packet)).toBe(c.requestHex);
      expect(packet.length - SMP_HEADER_SIZE).toBeGreaterThan(0);
    });
  }
});
