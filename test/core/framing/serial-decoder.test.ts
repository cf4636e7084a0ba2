import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { SerialFrameDecoder } from "../../../src/core/framing/serial-decoder.js";
import { encodeSerialFrame, encodeSerialFrameZephyrStyle } from "../../../src/core/framing/serial-encoder.js";
import { FramingArgumentError, SerialFrameError } from "../../../src/core/framing/framing-errors.js";
import { concatBytes, toBase64 } from "../../../src/core/bytes.js";
import { bytesToHex } from "../../support/vectors.js";
import { clientEncodeVectors, decodeVectors, zephyrEncodeVectors } from "./framing-vectors.js";
import { inEnglish } from "../../support/in-english.js";
import { ascii, byteByByte, decodeChunks, splitAt } from "./serial-harness.js";

const hexes = (packets: readonly Uint8Array[]): string[] => packets.map(bytesToHex);

describe("SerialFrameDecoder on the recorded vectors", () => {
  it("decodes every frame Zephyr wrote to its UART, whole and byte by byte", () => {
    const vectors = zephyrEncodeVectors();
    for (const v of vectors) {
      for (const chunks of [[v.wire], byteByByte(v.wire)]) {
        const out = decodeChunks(chunks);
        expect(hexes(out.packets), v.name).toEqual([bytesToHex(v.packet)]);
        expect(out.console).toBe("");
        expect(out.errors).toEqual([]);
      }
    }
  });

  it("decodes every client-encoded vector, including line lengths 8 and 8192", () => {
    for (const v of clientEncodeVectors()) {
      const out = decodeChunks([v.wire]);
      expect(hexes(out.packets), v.name).toEqual([bytesToHex(v.packet)]);
      expect(out.errors).toEqual([]);
    }
  });

  for (const v of decodeVectors()) {
    const badCrc = v.error?.startsWith("SMPBadCRC") ?? false;

    it(`"${v.name}": frames and console text as recorded, whole, as read, and byte by byte`, () => {
      for (const chunks of [[v.wire], v.chunks, byteByByte(v.wire)]) {
        const out = decodeChunks(chunks);
        expect(hexes(out.packets)).toEqual(hexes(v.frames));
        expect(out.console).toBe(v.consoleText);
        if (badCrc) {
          expect(out.errors.map((e) => e.code)).toEqual(["serial-frame-bad-crc"]);
          expect(out.decoder.stats.frameErrors).toBe(1);
          expect(out.decoder.stats.frameErrorsByKind["bad-crc"]).toBe(1);
          expect(out.decoder.stats.packets).toBe(0);
        } else {
          expect(out.errors).toEqual([]);
          expect(out.decoder.stats.packets).toBe(v.frames.length);
        }
      }
    });

    it(`"${v.name}": the same in arbitrary chunkings`, () => {
      fc.assert(
        fc.property(fc.array(fc.nat(), { maxLength: 40 }), (cuts) => {
          const out = decodeChunks(splitAt(v.wire, cuts));
          expect(hexes(out.packets)).toEqual(hexes(v.frames));
          expect(out.console).toBe(v.consoleText);
          expect(out.errors.length).toBe(badCrc ? 1 : 0);
        }),
        { numRuns: 60 },
      );
    });

    if (badCrc) {
      it(`"${v.name}": names both CRCs like smpclient and recovers at the next frame`, () => {
        const next = v.nextGoodFrame ?? new Uint8Array([0x0b, 0, 0, 0, 0, 0, 1, 0]);
        const out = decodeChunks([v.wire, encodeSerialFrameZephyrStyle(next)]);
        expect(hexes(out.packets)).toEqual([bytesToHex(next)]);
        const [error] = out.errors;
        expect(error).toBeInstanceOf(SerialFrameError);
        const crcs = /CRC (0x[0-9a-f]{4}) != calculated CRC (0x[0-9a-f]{4})/.exec(v.error ?? "");
        expect(error?.params).toMatchObject({ received: crcs?.[1], computed: crcs?.[2] });
        expect(inEnglish(error)).toContain(`CRC ${crcs?.[1]} received, ${crcs?.[2]} computed`);
      });
    }
  }
});

describe("SerialFrameDecoder edge cases", () => {
  const packet = Uint8Array.from({ length: 300 }, (_, i) => (i * 13) & 0xff);
  const wire = encodeSerialFrame(packet);

  it("accepts CRLF line endings (a PTY with onlcr) and '\\r' anywhere in a frame line", () => {
    const crlf = ascii(new TextDecoder().decode(wire).replaceAll("\n", "\r\n"));
    const out = decodeChunks([crlf]);
    expect(hexes(out.packets)).toEqual([bytesToHex(packet)]);
    expect(out.console).toBe("");
  });

  it("recovers the next frame when a frame's newline is lost", () => {
    const a = encodeSerialFrame(ascii("first packet"));
    const b = encodeSerialFrame(ascii("second packet"));
    const out = decodeChunks([a.subarray(0, a.length - 1), b]);
    expect(out.packets.map((p) => new TextDecoder().decode(p))).toEqual(["first packet", "second packet"]);
    expect(out.errors).toEqual([]);
  });

  it("reports a frame cut off by the next frame's start, and still decodes the second", () => {
    const firstLine = wire.subarray(0, wire.indexOf(0x0a) + 1);
    const out = decodeChunks([firstLine, ascii("log line\r\n"), wire]);
    expect(hexes(out.packets)).toEqual([bytesToHex(packet)]);
    expect(out.errors.map((e) => e.kind)).toEqual(["interrupted"]);
    const [cut] = out.errors;
    expect(cut?.params).toEqual({ received: expect.any(Number), expected: packet.length + 2 });
    expect(inEnglish(cut)).toMatch(
      new RegExp(
        `cut off by the start of the next one and was dropped \\(it had \\d+ of ${packet.length + 2} bytes\\)`,
      ),
    );
    expect(out.console).toBe("log line\r\n");
  });

  it("reports continuation lines without a start once, then picks up the next frame", () => {
    const rest = wire.subarray(wire.indexOf(0x0a) + 1);
    const out = decodeChunks([rest, ascii("prompt$ "), wire]);
    expect(out.errors.map((e) => e.code)).toEqual(["serial-frame-orphan-line"]);
    expect(hexes(out.packets)).toEqual([bytesToHex(packet)]);
    expect(out.console).toBe("prompt$ ");
  });

  it("drops frames whose length field is impossible, too large, or overrun", () => {
    const tooLarge = decodeChunks([wire, wire], { maxPacketSize: 299 });
    expect(tooLarge.errors.map((e) => e.kind)).toEqual(["too-large", "too-large"]);
    expect(tooLarge.errors[0]?.params).toEqual({ packetLength: packet.length, max: 299 });
    expect(inEnglish(tooLarge.errors[0])).toMatch(
      new RegExp(`\\(a ${packet.length}-byte packet, limit 299\\)`),
    );
    expect(tooLarge.packets).toEqual([]);
    expect(decodeChunks([wire], { maxPacketSize: 300 }).packets.length).toBe(1);

    // Length field 1: no room for the CRC ("AAE=" is 00 01).
    const noCrc = decodeChunks([ascii("\x06\tAAE=\n")]).errors;
    expect(noCrc.map((e) => [e.kind, e.variant, e.params])).toEqual([
      ["bad-length", "no-room-for-crc", { length: 1 }],
    ]);
    expect(inEnglish(noCrc[0])).toMatch(/\(length field 1 has no room for a CRC\)/);
    // Length field 3 (one packet byte + CRC), but the line carries 4 bytes after it.
    const overrun = decodeChunks([ascii("\x06\tAAMAAAAA\n")]).errors;
    expect(overrun.map((e) => [e.kind, e.variant, e.params])).toEqual([
      ["bad-length", "longer-than-announced", { packetLength: 1 }],
    ]);
  });

  it("counts a frame whose damaged length field ends it early as one error, not one per leftover line", () => {
    const lineEnd = wire.indexOf(0x0a) + 1;
    // The first line re-encoded with length field 91: the frame seems complete after that line.
    const shortened = concatBytes(Uint8Array.of(0, 91), packet.subarray(0, 91));
    const firstLine = concatBytes(Uint8Array.of(6, 9), ascii(toBase64(shortened)), Uint8Array.of(0x0a));
    const out = decodeChunks([firstLine, wire.subarray(lineEnd), wire]);
    expect(out.errors.map((e) => e.kind)).toEqual(["bad-crc"]);
    expect(out.errors[0]?.params).toEqual({
      received: expect.stringMatching(/^0x[0-9a-f]{4}$/),
      computed: expect.stringMatching(/^0x[0-9a-f]{4}$/),
      length: 89,
    });
    expect(inEnglish(out.errors[0])).toMatch(
      /\(CRC 0x[0-9a-f]{4} received, 0x[0-9a-f]{4} computed over 89 bytes\)/,
    );
    expect(hexes(out.packets)).toEqual([bytesToHex(packet)]);
  });

  it("drops lines that are not base64 and reads the rest as console text", () => {
    const out = decodeChunks([
      ascii("\x06\tnot base64!\n"),
      ascii("\x06\tABC\n"),
      ascii("\x06\tA=BC\n"),
      wire,
    ]);
    expect(out.errors.map((e) => e.kind)).toEqual(["bad-base64", "bad-base64", "bad-base64"]);
    expect(out.errors.map((e) => e.variant)).toEqual(["partial-quad", "partial-quad", "misplaced-padding"]);
    expect(inEnglish(out.errors[2])).toMatch(/not valid base64 and the frame was dropped \(misplaced '='\)/);
    expect(out.console).toBe(" base64!\n");
    expect(hexes(out.packets)).toEqual([bytesToHex(packet)]);
  });

  it("holds a lone 06 or 04 at a chunk end until it knows whether a marker follows", () => {
    const out = decodeChunks([
      ascii("a\x06"),
      ascii("b\x04"),
      ascii("\x04"),
      ascii("c\x06"),
      wire.subarray(1),
    ]);
    expect(out.console).toBe("a\x06b\x04\x04c");
    expect(hexes(out.packets)).toEqual([bytesToHex(packet)]);
  });

  it("passes console text on as it arrives, keeping UTF-8 characters whole", () => {
    const decoder = new SerialFrameDecoder();
    const bytes = ascii("température °C\n");
    const pieces = byteByByte(bytes).map((b) => decoder.push(b));
    const texts = pieces.flatMap((events) => events.flatMap((e) => (e.type === "console" ? [e.text] : [])));
    expect(texts.join("")).toBe("température °C\n");
    expect(texts.length).toBe([..."température °C\n"].length);
    expect(decoder.stats.consoleBytes).toBe(bytes.length);
  });

  it("never accumulates an endless console line (no newline, no frame)", () => {
    const decoder = new SerialFrameDecoder();
    const chunk = new Uint8Array(4096).fill(0x41);
    for (let k = 0; k < 256; k++) {
      const events = decoder.push(chunk);
      expect(events).toEqual([{ type: "console", text: "A".repeat(4096) }]);
    }
  });

  it("flush() finishes a last line without newline, hands over held bytes, and reports a partial frame", () => {
    const decoder = new SerialFrameDecoder();
    expect(decoder.push(wire.subarray(0, wire.length - 1))).toEqual([]);
    expect(decoder.flush()).toEqual([{ type: "packet", packet }]);

    expect(decoder.push(ascii("tail\x06"))).toEqual([{ type: "console", text: "tail" }]);
    expect(decoder.flush()).toEqual([{ type: "console", text: "\x06" }]);

    decoder.push(wire.subarray(0, 130));
    const events = decoder.flush();
    expect(events.map((e) => (e.type === "frame-error" ? e.error.code : e.type))).toEqual([
      "serial-frame-incomplete",
    ]);
    expect(decoder.stats.frameErrors).toBe(1);
  });

  it("reset() forgets a partial frame silently", () => {
    const decoder = new SerialFrameDecoder();
    decoder.push(wire.subarray(0, 200));
    decoder.reset();
    const events = decoder.push(wire);
    expect(events).toEqual([{ type: "packet", packet }]);
    expect(decoder.stats).toMatchObject({ packets: 1, frameErrors: 0 });
  });

  it("rejects an impossible maxPacketSize", () => {
    for (const bad of [-1, 1.5, 65534]) {
      expect(() => new SerialFrameDecoder({ maxPacketSize: bad })).toThrow(FramingArgumentError);
    }
  });

  it("decodes megabytes quickly", () => {
    const big = encodeSerialFrame(new Uint8Array(60_000).map((_, i) => i));
    const decoder = new SerialFrameDecoder();
    const started = performance.now();
    let packets = 0;
    for (let k = 0; k < 40; k++) packets += decoder.push(big).length;
    expect(packets).toBe(40);
    expect(performance.now() - started).toBeLessThan(3000);
  });
});
