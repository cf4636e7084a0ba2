// The response encoder writes what zcbor writes: indefinite maps and arrays, shortest integer heads.
import { describe, expect, test } from "vitest";
import fc from "fast-check";
import { decodeCborMap } from "../../src/core/smp/cbor.js";
import { RMap, type RValue, encodeResponseBody, rmap } from "../../src/sim/smp/cbor-writer.js";
import { hex } from "../support/sim/smp-packets.js";

describe("encodeResponseBody", () => {
  test("matches Zephyr's bytes for a nested response", () => {
    // enum.details [0, 8] from the native_sim capture.
    const body = rmap([
      [
        "groups",
        [
          rmap([
            ["group", 8],
            ["name", "fs mgmt"],
            ["handlers", 5],
          ]),
          rmap([
            ["group", 0],
            ["name", "os mgmt"],
            ["handlers", 8],
          ]),
        ],
      ],
    ]);
    expect(hex(encodeResponseBody(body))).toBe(
      "bf6667726f7570739fbf6567726f757008646e616d65676673206d676d746868616e646c65727305ffbf6567726f757000646e616d65676f73206d676d746868616e646c65727308ffffff",
    );
  });

  test("integers use the shortest head, negatives major type 1", () => {
    const cases: [number | bigint, string][] = [
      [0, "00"],
      [23, "17"],
      [24, "1818"],
      [255, "18ff"],
      [256, "190100"],
      [65536, "1a00010000"],
      [2 ** 32, "1b0000000100000000"],
      [-1, "20"],
      [-16, "2f"],
      [-25, "3818"],
      [2n ** 64n - 1n, "1bffffffffffffffff"],
    ];
    for (const [value, want] of cases) {
      expect(hex(encodeResponseBody(new RMap().put("v", value))), String(value)).toBe(`bf6176${want}ff`);
    }
  });

  test("whatever is written decodes back with the shared codec", () => {
    const value = fc.letrec((tie) => ({
      leaf: fc.oneof(fc.integer(), fc.string(), fc.boolean(), fc.uint8Array({ maxLength: 40 })),
      node: fc.oneof(
        { depthSize: "small" },
        tie("leaf"),
        fc.array(tie("node"), { maxLength: 4 }),
        fc.dictionary(fc.string({ minLength: 1, maxLength: 6 }), tie("node"), { maxKeys: 4 }),
      ),
    })).node;
    fc.assert(
      fc.property(fc.dictionary(fc.string({ minLength: 1, maxLength: 6 }), value, { maxKeys: 5 }), (obj) => {
        const toR = (v: unknown): RValue => {
          if (Array.isArray(v)) return v.map(toR);
          if (
            v instanceof Uint8Array ||
            typeof v === "number" ||
            typeof v === "string" ||
            typeof v === "boolean"
          ) {
            return v;
          }
          if (typeof v === "object" && v !== null)
            return rmap(Object.entries(v).map(([k, x]) => [k, toR(x)] as const));
          throw new Error("unexpected value");
        };
        expect(
          decodeCborMap(encodeResponseBody(rmap(Object.entries(obj).map(([k, v]) => [k, toR(v)] as const)))),
        ).toEqual(obj);
      }),
      { numRuns: 200 },
    );
  });
});
