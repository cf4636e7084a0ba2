// Property tests for the SMP header, the CBOR codec, packets and every response validator: round trips hold,
// and garbage never escapes as anything but a typed McuFlashError. A small sample runs in `npm test`; `npm run
// fuzz` runs the full campaign.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { McuFlashError } from "../../../src/core/errors.js";
import { type CborMap, type CborValue, decodeCborMap, encodeCbor } from "../../../src/core/smp/cbor.js";
import { SMP_COMMANDS, imageUpload } from "../../../src/core/smp/commands/index.js";
import { decodeResponse } from "../../../src/core/smp/device-error.js";
import { SMP_HEADER_SIZE, decodeHeader, encodeHeader } from "../../../src/core/smp/header.js";
import { decodePacket } from "../../../src/core/smp/packet.js";
import { fuzzRuns } from "../../support/campaign-size.js";

const runs = fuzzRuns(20_000, 200);

/** Runs `f`; passes when it returns or throws a McuFlashError, fails on anything else. */
function onlyTypedErrors(f: () => unknown): boolean {
  try {
    f();
    return true;
  } catch (error) {
    if (error instanceof McuFlashError) return true;
    throw error;
  }
}

const key = fc.string({ maxLength: 12 }).filter((k) => k !== "__proto__");
const smpKey = fc.constantFrom(
  "rc",
  "err",
  "rsn",
  "off",
  "len",
  "data",
  "images",
  "slot",
  "hash",
  "r",
  "tasks",
  "group",
  "groups",
  "output",
  "val",
  "type",
  "o",
  "ret",
  "buf_size",
  "buf_count",
  "stat_list",
  "fields",
  "name",
);

const leaf: fc.Arbitrary<CborValue> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer({ min: -(2 ** 31), max: 2 ** 32 - 1 }),
  fc.string({ maxLength: 16 }),
  fc.uint8Array({ maxLength: 40 }),
);

const { value } = fc.letrec<{ value: CborValue; map: CborMap }>((tie) => ({
  value: fc.oneof({ depthSize: "small" }, leaf, fc.array(tie("value"), { maxLength: 4 }), tie("map")),
  map: fc.dictionary(fc.oneof(key, smpKey), tie("value"), { maxKeys: 6 }),
}));
const cborMap = fc.dictionary(fc.oneof(key, smpKey), value, { maxKeys: 8 });

describe("SMP header", () => {
  it("round-trips every field", () => {
    fc.assert(
      fc.property(
        fc.record({
          op: fc.constantFrom(0, 1, 2, 3),
          version: fc.integer({ min: 0, max: 3 }),
          flags: fc.integer({ min: 0, max: 255 }),
          length: fc.integer({ min: 0, max: 65535 }),
          group: fc.integer({ min: 0, max: 65535 }),
          sequence: fc.integer({ min: 0, max: 255 }),
          command: fc.integer({ min: 0, max: 255 }),
        }),
        (h) => {
          const bytes = encodeHeader(h);
          expect(bytes.length).toBe(SMP_HEADER_SIZE);
          expect(decodeHeader(bytes)).toEqual(h);
        },
      ),
      { numRuns: runs },
    );
  });

  it("throws only typed errors on garbage", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 16 }), (bytes) => onlyTypedErrors(() => decodeHeader(bytes))),
      { numRuns: runs },
    );
  });
});

describe("CBOR codec", () => {
  it("round-trips maps of SMP values", () => {
    fc.assert(
      fc.property(cborMap, (map) => {
        expect(decodeCborMap(encodeCbor(map))).toEqual(map);
      }),
      { numRuns: runs },
    );
  });

  it("throws only typed errors on garbage", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => onlyTypedErrors(() => decodeCborMap(bytes))),
      { numRuns: runs },
    );
  });

  it("throws only typed errors on damaged encodings", () => {
    fc.assert(
      fc.property(cborMap, fc.nat(), fc.integer({ min: 0, max: 255 }), (map, at, byte) => {
        const bytes = encodeCbor(map).slice();
        bytes[at % bytes.length] = byte;
        return (
          onlyTypedErrors(() => decodeCborMap(bytes)) &&
          onlyTypedErrors(() => decodeCborMap(bytes.subarray(1)))
        );
      }),
      { numRuns: runs },
    );
  });
});

describe("packets and response validators", () => {
  it("decodePacket throws only typed errors on garbage", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), (bytes) => onlyTypedErrors(() => decodePacket(bytes))),
      { numRuns: runs },
    );
  });

  it("every command's response validator throws only typed errors", () => {
    fc.assert(
      fc.property(fc.constantFrom(...SMP_COMMANDS), cborMap, (command, body) =>
        onlyTypedErrors(() => decodeResponse(command, body)),
      ),
      { numRuns: runs },
    );
  });

  it("every command's request validator throws only typed errors", () => {
    fc.assert(
      fc.property(fc.constantFrom(...SMP_COMMANDS), cborMap, (command, body) =>
        onlyTypedErrors(() => command.encode(command.decodeRequest(body))),
      ),
      { numRuns: runs },
    );
  });

  it("image upload requests survive encode → CBOR → decodeRequest", () => {
    const request = fc.record(
      {
        image: fc.integer({ min: 0, max: 3 }),
        len: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        off: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        sha: fc.uint8Array({ minLength: 32, maxLength: 32 }),
        data: fc.uint8Array({ maxLength: 600 }),
        upgrade: fc.boolean(),
      },
      { requiredKeys: ["off", "data"] },
    );
    fc.assert(
      fc.property(request, (req) => {
        const map = decodeCborMap(encodeCbor(imageUpload.encode(req)));
        expect(imageUpload.decodeRequest(map)).toEqual(req);
      }),
      { numRuns: runs },
    );
  });
});
