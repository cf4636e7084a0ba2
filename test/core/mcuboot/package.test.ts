// readPackage: raw .bin, Intel HEX, padded images and Nordic dfu_application.zip (built here with fflate
// from the reference images), and the typed errors for broken files.
import { zipSync } from "fflate";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { toHex } from "../../../src/core/bytes.js";
import {
  parseImage,
  parseIntelHex,
  readPackage,
  verifyImage,
  importTrustedKey,
} from "../../../src/core/mcuboot/index.js";
import { vectorBytes, vectorText } from "./manifest.js";

const enc = new TextEncoder();
const app = vectorBytes("images/signed/ed25519-1k.bin");
const net = vectorBytes("images/signed/ecdsa-p256-1k.bin");

function manifestJson(files: unknown[]): Uint8Array {
  return enc.encode(JSON.stringify({ "format-version": 1, time: 1700000000, files, name: "app" }));
}

function toIntelHex(bytes: Uint8Array, address: number): string {
  const lines: string[] = [];
  const record = (type: number, addr: number, data: number[]): void => {
    const body = [data.length, (addr >> 8) & 0xff, addr & 0xff, type, ...data];
    const sum = (0x100 - (body.reduce((a, b) => a + b, 0) & 0xff)) & 0xff;
    lines.push(`:${[...body, sum].map((b) => b.toString(16).padStart(2, "0").toUpperCase()).join("")}`);
  };
  let upper = -1;
  for (let i = 0; i < bytes.length; i += 16) {
    const a = address + i;
    if (a >>> 16 !== upper) {
      upper = a >>> 16;
      record(4, 0, [(upper >> 8) & 0xff, upper & 0xff]);
    }
    record(0, a & 0xffff, [...bytes.subarray(i, Math.min(i + 16, bytes.length))]);
  }
  record(1, 0, []);
  return `${lines.join("\n")}\n`;
}

describe("readPackage", () => {
  it("reads a raw image as image 0", async () => {
    const pkg = await readPackage(app, "app.bin");
    expect(pkg).toMatchObject({ format: "binary", name: "app.bin" });
    expect(pkg.images).toHaveLength(1);
    expect(pkg.images[0]).toMatchObject({ imageNumber: 0, name: "app.bin", format: "binary" });
  });

  it("reports the trailer of a padded image", async () => {
    const pkg = await readPackage(vectorBytes("images/padded/ed25519-pad-confirm.bin"));
    const image = parseImage(pkg.images[0]!.bytes);
    expect(image.trailer).toMatchObject({ confirmed: true, maxAlign: 8, imageOk: 1 });
    expect(parseImage(app).trailer).toBeUndefined();
  });

  it("flattens Intel HEX with gaps filled with 0xff", async () => {
    const pkg = await readPackage(vectorBytes("images/hex/ed25519-1k-pad-confirm.hex"), "x.hex");
    const image = pkg.images[0]!;
    expect(image).toMatchObject({ format: "intel-hex", baseAddress: 0x08020000 });
    expect(image.bytes.length).toBe(32768);
    expect(image.bytes[0x690]).toBe(0xff);
    expect(toHex(image.bytes)).toBe(toHex(vectorBytes("images/padded/ed25519-pad-confirm.bin")));
  });

  it("reads every image of a dfu_application.zip with its image number", async () => {
    const zip = zipSync({
      "manifest.json": manifestJson([
        {
          type: "application",
          board: "nrf5340dk/nrf5340/cpunet",
          soc: "nRF5340_CPUNET",
          load_address: 16777216,
          image_index: "1",
          slot_index_primary: "3",
          slot_index_secondary: "4",
          version_MCUBOOT: "1.2.3+4",
          size: net.length,
          file: "net_core_app_update.bin",
          modtime: 1,
        },
        {
          type: "application",
          board: "nrf5340dk/nrf5340/cpuapp",
          soc: "nRF5340_CPUAPP",
          load_address: 0,
          image_index: "0",
          version_MCUBOOT: "1.2.3+4",
          size: app.length,
          file: "app_update.bin",
          modtime: 1,
        },
      ]),
      "app_update.bin": app,
      "net_core_app_update.bin": net,
    });
    const pkg = await readPackage(zip, "dfu_application.zip");
    expect(pkg.format).toBe("dfu-zip");
    expect(pkg.images.map((i) => [i.imageNumber, i.name])).toEqual([
      [0, "app_update.bin"],
      [1, "net_core_app_update.bin"],
    ]);
    expect(pkg.images[1]).toMatchObject({
      board: "nrf5340dk/nrf5340/cpunet",
      soc: "nRF5340_CPUNET",
      declaredVersion: "1.2.3+4",
      declaredSize: net.length,
    });
    expect(toHex(pkg.images[1]!.bytes)).toBe(toHex(net));
    const keys = [
      await importTrustedKey(vectorText("keys/ed25519.pub.pem"), { name: "app" }),
      await importTrustedKey(vectorText("keys/ecdsa-p256.pub.pem"), { name: "net" }),
    ];
    const reports = await Promise.all(pkg.images.map((i) => verifyImage(i.bytes, keys)));
    expect(reports.map((r) => [r.outcome, r.signedBy])).toEqual([
      ["valid", "app"],
      ["valid", "net"],
    ]);
  });

  it('reads the per-slot builds of a direct-XIP package (nRF Connect SDK\'s "slot" and version_MCUBOOT+XIP)', async () => {
    const zip = zipSync({
      "manifest.json": manifestJson([
        {
          type: "application",
          load_address: 0x8000,
          image_index: "0",
          slot: "0",
          "version_MCUBOOT+XIP": "2.0.0",
          file: "zephyr.bin",
        },
        {
          type: "application",
          load_address: 0x88000,
          image_index: "0",
          slot: "1",
          "version_MCUBOOT+XIP": "2.0.0",
          file: "mcuboot_secondary_app.bin",
        },
      ]),
      "zephyr.bin": app,
      "mcuboot_secondary_app.bin": net,
    });
    const pkg = await readPackage(zip);
    expect(pkg.images.map((i) => [i.imageNumber, i.slot, i.declaredVersion])).toEqual([
      [0, 0, "2.0.0"],
      [0, 1, "2.0.0"],
    ]);
  });

  it("does not read slot_index_primary (a partition number) as the slot an image runs from", async () => {
    const zip = zipSync({
      "manifest.json": manifestJson([
        {
          type: "application",
          image_index: "0",
          slot_index_primary: "1",
          slot_index_secondary: "2",
          file: "app.bin",
        },
      ]),
      "app.bin": app,
    });
    expect((await readPackage(zip)).images[0]!.slot).toBeUndefined();
  });

  it("accepts numeric image_index, a single entry without one, and HEX files inside the zip", async () => {
    const zip = zipSync({
      "manifest.json": manifestJson([{ type: "application", file: "app.hex" }]),
      "app.hex": enc.encode(toIntelHex(app, 0x10000)),
    });
    const pkg = await readPackage(zip);
    expect(pkg.images[0]).toMatchObject({ imageNumber: 0, format: "intel-hex", baseAddress: 0x10000 });
    const two = zipSync({
      "manifest.json": manifestJson([
        { file: "a.bin", image_index: 0 },
        { file: "b.bin", image_index: 2 },
      ]),
      "a.bin": app,
      "b.bin": app,
    });
    expect((await readPackage(two)).images.map((i) => i.imageNumber)).toEqual([0, 2]);
  });

  it.each([
    ["no manifest", { "app.bin": app }, "package-bad-manifest"],
    ["bad JSON", { "manifest.json": enc.encode("{"), "app.bin": app }, "package-bad-manifest"],
    ["no files", { "manifest.json": enc.encode("{}") }, "package-bad-manifest"],
    [
      "missing file",
      { "manifest.json": manifestJson([{ file: "gone.bin", image_index: "0" }]) },
      "package-missing-file",
    ],
    [
      "ambiguous cores",
      { "manifest.json": manifestJson([{ file: "a.bin" }, { file: "a.bin" }]), "a.bin": app },
      "package-bad-manifest",
    ],
    [
      "bad image_index",
      { "manifest.json": manifestJson([{ file: "a.bin", image_index: "net" }]), "a.bin": app },
      "package-bad-manifest",
    ],
  ] as const)("refuses a zip with %s", async (_what, files, code) => {
    await expect(readPackage(zipSync({ ...files }))).rejects.toMatchObject({ code });
  });

  it("refuses a damaged zip and an empty file", async () => {
    const zip = zipSync({ "manifest.json": manifestJson([{ file: "a.bin" }]), "a.bin": app });
    await expect(readPackage(zip.slice(0, zip.length - 30))).rejects.toMatchObject({
      code: "package-bad-zip",
    });
    await expect(readPackage(new Uint8Array(0))).rejects.toMatchObject({ code: "package-empty" });
  });
});

describe("parseIntelHex", () => {
  it("round-trips any data at any address (property)", () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 600 }),
        fc.integer({ min: 0, max: 0xfffff000 }),
        (data, address) => {
          const parsed = parseIntelHex(toIntelHex(data, address));
          expect(parsed.baseAddress).toBe(address);
          expect(toHex(parsed.bytes)).toBe(toHex(data));
        },
      ),
      { seed: 42, numRuns: 300 },
    );
  });

  it("reads extended segment and start address records", () => {
    const parsed = parseIntelHex(":020000021000EC\n:0400000501020304ED\n:0100000055AA\n:00000001FF\n");
    expect(parsed.baseAddress).toBe(0x10000);
    expect([...parsed.bytes]).toEqual([0x55]);
    expect(parsed.startAddress).toBe(0x01020304);
  });

  it.each([
    ["a checksum error", ":0100000055AB\n:00000001FF\n"],
    ["no EOF record", ":0100000055AA\n"],
    ["a non-record line", "hello\n:00000001FF\n"],
    ["data after EOF", ":00000001FF\n:0100000055AA\n"],
    ["a wrong byte count", ":0200000055A9\n:00000001FF\n"],
    ["an unknown record type", ":0000000AF6\n:00000001FF\n"],
    ["conflicting records", ":0100000055AA\n:0100000056A9\n:00000001FF\n"],
  ])("refuses %s", (_what, text) => {
    expect(() => parseIntelHex(text)).toThrow(expect.objectContaining({ code: "package-bad-hex" }));
  });

  it("refuses data spanning more than 64 MiB and files without data", () => {
    const far = ":020000040000FA\n:0100000055AA\n:0200000470008A\n:0100000055AA\n:00000001FF\n";
    expect(() => parseIntelHex(far)).toThrow(expect.objectContaining({ code: "package-hex-too-large" }));
    expect(() => parseIntelHex(":00000001FF\n")).toThrow(expect.objectContaining({ code: "package-empty" }));
  });
});
