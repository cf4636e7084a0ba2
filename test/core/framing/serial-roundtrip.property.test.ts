// Property: whatever packets are sent, in either line layout, with console noise between frames and between
// the lines of a frame, and however the reads split the bytes, the decoder returns exactly the packets and
// exactly the console text.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { encodeSerialFrame, encodeSerialFrameZephyrStyle } from "../../../src/core/framing/serial-encoder.js";
import { concatBytes } from "../../../src/core/bytes.js";
import { bytesToHex } from "../../support/vectors.js";
import { ascii, decodeChunks, splitAt } from "./serial-harness.js";

/** Console text as a device prints it; anything except the two marker sequences, which would start a frame. */
const noise = fc
  .oneof(
    fc.string({ unit: "binary-ascii", maxLength: 30 }),
    fc.string({ unit: "grapheme", maxLength: 10 }),
    fc.constantFrom(
      "uart:~$ ",
      "\x1b[1;32muart:~$ \x1b[m",
      "[00:00:01.234,000] <inf> app: tick\r\n",
      "\x06",
      "\x04",
    ),
  )
  .filter((s) => !s.includes("\x06\x09") && !s.includes("\x04\x14"));

const layout = fc.oneof(
  fc.constant<"zephyr">("zephyr"),
  fc.integer({ min: 8, max: 300 }),
  fc.constantFrom(128, 8192),
);

interface Sent {
  readonly packet: Uint8Array;
  readonly layout: "zephyr" | number;
  readonly before: string;
  /** Noise inserted after each line of the frame (the last entry follows the frame's last line). */
  readonly between: readonly string[];
}

const sent: fc.Arbitrary<Sent> = fc.record({
  packet: fc.oneof(fc.uint8Array({ maxLength: 64 }), fc.uint8Array({ maxLength: 2100 })),
  layout,
  before: noise,
  between: fc.array(noise, { maxLength: 4 }),
});

/** The wire bytes and the console text the decoder should hand back. */
function build(frames: readonly Sent[], trailing: string): { wire: Uint8Array; console: string } {
  const parts: Uint8Array[] = [];
  let console = "";
  // Two noise pieces in a row must not form a marker across their boundary ("\x06" then "\t...").
  let afterNoise = "";
  const pushNoise = (text: string): void => {
    const joins =
      (afterNoise.endsWith("\x06") && text.startsWith("\x09")) ||
      (afterNoise.endsWith("\x04") && text.startsWith("\x14"));
    const safe = joins ? ` ${text}` : text;
    parts.push(ascii(safe));
    console += safe;
    afterNoise = safe === "" ? afterNoise : safe;
  };
  for (const f of frames) {
    pushNoise(f.before);
    const wire =
      f.layout === "zephyr" ? encodeSerialFrameZephyrStyle(f.packet) : encodeSerialFrame(f.packet, f.layout);
    let line = 0;
    let start = 0;
    for (let i = 0; i < wire.length; i++) {
      if (wire[i] !== 0x0a) continue;
      parts.push(wire.subarray(start, i + 1));
      start = i + 1;
      afterNoise = "";
      pushNoise(f.between[line++] ?? "");
    }
  }
  pushNoise(trailing);
  return { wire: concatBytes(...parts), console };
}

describe("serial framing round trip", () => {
  it("returns every packet and all console text, in any chunking", () => {
    fc.assert(
      fc.property(
        fc.array(sent, { maxLength: 5 }),
        noise,
        fc.array(fc.nat(), { maxLength: 30 }),
        (frames, trailing, cuts) => {
          const { wire, console } = build(frames, trailing);
          const out = decodeChunks(splitAt(wire, cuts), {}, true);
          expect(out.errors).toEqual([]);
          expect(out.packets.map(bytesToHex)).toEqual(frames.map((f) => bytesToHex(f.packet)));
          expect(out.console).toBe(console);
        },
      ),
      { numRuns: 150 },
    );
  });

  it("survives one byte at a time", () => {
    fc.assert(
      fc.property(fc.array(sent, { minLength: 1, maxLength: 2 }), (frames) => {
        const { wire, console } = build(frames, "");
        const out = decodeChunks(
          Array.from(wire, (b) => Uint8Array.of(b)),
          {},
          true,
        );
        expect(out.packets.map(bytesToHex)).toEqual(frames.map((f) => bytesToHex(f.packet)));
        expect(out.console).toBe(console);
      }),
      { numRuns: 20 },
    );
  });
});
