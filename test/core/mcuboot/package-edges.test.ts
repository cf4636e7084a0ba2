// The edges of readPackage and the dfu_application.zip reader that the round-trip tests leave open (found by
// mutation testing): which first bytes make a zip or Intel HEX, how manifest fields are read (numbers as text,
// padded or negative integers, which version field wins), what each refusal says (variant, parameters, hint),
// directory entries, and the unpacked-size cap at exactly 256 MiB (stored entries with a patched declared size,
// so nothing that large is ever allocated).
import { zipSync, type Zippable } from "fflate";
import { describe, expect, it } from "vitest";
import { toHex } from "../../../src/core/bytes.js";
import { MAX_ZIP_CONTENT, parseDfuManifest, unzipPackage } from "../../../src/core/mcuboot/dfu-zip.js";
import { readPackage } from "../../../src/core/mcuboot/index.js";
import { vectorBytes, vectorText } from "./manifest.js";

const enc = new TextEncoder();
const app = vectorBytes("images/signed/ed25519-1k.bin");
const hexText = vectorText("images/hex/ed25519-1k-pad-confirm.hex");
const padded = vectorBytes("images/padded/ed25519-pad-confirm.bin");

function zipWith(files: unknown, extra: Zippable = {}): Uint8Array {
  return zipSync({ "manifest.json": enc.encode(JSON.stringify({ files })), ...extra });
}

async function refusal(bytes: Uint8Array): Promise<unknown> {
  return readPackage(bytes).then(
    () => expect.unreachable("the package was read"),
    (error: unknown) => error,
  );
}

/** Sets the declared (uncompressed) size of every central-directory entry of a zip built with level 0. */
function declareSizes(zip: Uint8Array, sizes: readonly number[]): Uint8Array {
  const out = zip.slice();
  const view = new DataView(out.buffer);
  let n = 0;
  for (let at = 0; at + 4 <= out.length; at++) {
    if (view.getUint32(at, true) === 0x02014b50) view.setUint32(at + 24, sizes[n++]!, true);
  }
  expect(n).toBe(sizes.length);
  return out;
}

describe("readPackage: what kind of file", () => {
  it("takes only the full local-file signature PK\\x03\\x04 as a zip", async () => {
    for (const head of [
      [0x50, 0x4b, 0x03, 0x00],
      [0x50, 0x4b, 0x00, 0x04],
      [0x50, 0x00, 0x03, 0x04],
      [0x00, 0x4b, 0x03, 0x04],
    ]) {
      const bytes = Uint8Array.from([...head, 1, 2, 3]);
      const pkg = await readPackage(bytes, "odd.bin");
      expect(pkg).toMatchObject({ format: "binary", name: "odd.bin" });
      expect([...pkg.images[0]!.bytes]).toEqual([...bytes]);
    }
  });

  it("reads Intel HEX after any leading blanks (space, tab, CR, LF)", async () => {
    for (const blank of [" ", "\t", "\r", "\n", " \r\n\t"]) {
      const pkg = await readPackage(enc.encode(blank + hexText));
      expect(pkg.format).toBe("intel-hex");
      expect(pkg.images[0]).toMatchObject({ format: "intel-hex", baseAddress: 0x08020000 });
      expect(toHex(pkg.images[0]!.bytes)).toBe(toHex(padded));
    }
  });

  it("keeps a file of blanks, or blanks before something else, as raw bytes", async () => {
    for (const text of [" \t\r\n", "  x:", "\v:"]) {
      const pkg = await readPackage(enc.encode(text));
      expect(pkg.format).toBe("binary");
      expect(pkg.images[0]!.baseAddress).toBeUndefined();
    }
  });

  it('names a raw image without a file name "image.bin" and gives it no manifest fields', async () => {
    const pkg = await readPackage(app);
    expect(pkg.name).toBeUndefined();
    expect(pkg.images[0]).toEqual({
      imageNumber: 0,
      name: "image.bin",
      bytes: app,
      format: "binary",
      baseAddress: undefined,
      type: undefined,
      board: undefined,
      soc: undefined,
      declaredVersion: undefined,
      declaredSize: undefined,
    });
    expect(Object.hasOwn(pkg.images[0]!, "slot")).toBe(false);
  });
});

describe("readPackage: dfu_application.zip manifest fields", () => {
  it("reads numbers as text and integers written as padded text", async () => {
    const zip = zipWith(
      [
        {
          file: "a.bin",
          image_index: " 1 ",
          board: 52840,
          soc: true,
          version: 3,
          size: "1024",
          load_address: "0",
        },
      ],
      {
        "a.bin": app,
      },
    );
    const pkg = await readPackage(zip, "dfu_application.zip");
    expect(pkg.name).toBe("dfu_application.zip");
    expect(pkg.images[0]).toMatchObject({
      imageNumber: 1,
      board: "52840",
      soc: undefined,
      declaredVersion: "3",
      declaredSize: 1024,
    });
  });

  it("drops a size that is negative, fractional or not a number", async () => {
    for (const size of [-1, 1.5, "-1", "1.5", "1e3", "0x10", 2 ** 53, null]) {
      const pkg = await readPackage(zipWith([{ file: "a.bin", size }], { "a.bin": app }));
      expect(pkg.images[0]!.declaredSize).toBeUndefined();
    }
    const zero = await readPackage(zipWith([{ file: "a.bin", size: 0 }], { "a.bin": app }));
    expect(zero.images[0]!.declaredSize).toBe(0);
  });

  it("takes version_MCUBOOT over version_MCUBOOT+XIP over version", async () => {
    const read = async (entry: object): Promise<string | undefined> =>
      (await readPackage(zipWith([{ file: "a.bin", ...entry }], { "a.bin": app }))).images[0]!
        .declaredVersion;
    expect(await read({ version: "3.0.0", "version_MCUBOOT+XIP": "2.0.0", version_MCUBOOT: "1.0.0" })).toBe(
      "1.0.0",
    );
    expect(await read({ version: "3.0.0", "version_MCUBOOT+XIP": "2.0.0" })).toBe("2.0.0");
    expect(await read({ version: "3.0.0" })).toBe("3.0.0");
    expect(await read({})).toBeUndefined();
  });

  it("reads the slot of a direct-XIP build and leaves it out when the manifest has none", async () => {
    const zip = zipWith(
      [
        { file: "b.bin", image_index: 0, slot: 1 },
        { file: "a.bin", image_index: 0 },
      ],
      { "a.bin": app, "b.bin": app },
    );
    const [first, second] = (await readPackage(zip)).images;
    expect(first).toMatchObject({ name: "b.bin", slot: 1 });
    expect(Object.hasOwn(second!, "slot")).toBe(false);
  });
});

describe("readPackage: what a refused zip says", () => {
  it.each([
    ["a manifest that is null", "null", "no-files", {}],
    ["a manifest that is a list", "[]", "no-files", {}],
    ["an empty files list", '{"files":[]}', "no-files", {}],
    ["a files value that is not a list", '{"files":{"file":"a.bin"}}', "no-files", {}],
    [
      "an entry that is not an object",
      '{"files":[{"file":"a.bin","image_index":0},"a.bin"]}',
      "entry-not-object",
      { entry: 1 },
    ],
    ["an entry that is null", '{"files":[null]}', "entry-not-object", { entry: 0 }],
    [
      "an entry with an empty file name",
      '{"files":[{"file":"a.bin","image_index":0},{"file":"","image_index":1}]}',
      "entry-no-file",
      { entry: 1 },
    ],
    [
      "an image_index of null",
      '{"files":[{"file":"a.bin","image_index":null}]}',
      "image-index-not-number",
      { file: "a.bin" },
    ],
    [
      "a negative image_index",
      '{"files":[{"file":"a.bin","image_index":-1}]}',
      "image-index-not-number",
      { file: "a.bin" },
    ],
    [
      "a fractional image_index",
      '{"files":[{"file":"a.bin","image_index":"0.5"}]}',
      "image-index-not-number",
      { file: "a.bin" },
    ],
    [
      "two entries, one without image_index",
      '{"files":[{"file":"a.bin","image_index":0},{"file":"b.bin"}]}',
      "no-image-index",
      { file: "b.bin" },
    ],
  ] as const)("refuses %s", async (_what, manifest, variant, params) => {
    const error = await refusal(
      zipSync({ "manifest.json": enc.encode(manifest), "a.bin": app, "b.bin": app }),
    );
    expect(error).toMatchObject({
      code: "package-bad-manifest",
      variant,
      params,
      hint: "package-bad-manifest.dfu-application-zip",
    });
  });

  it("says which file is missing, and that a zip without manifest.json or with broken JSON is no dfu package", async () => {
    expect(await refusal(zipWith([{ file: "gone.bin" }]))).toMatchObject({
      code: "package-missing-file",
      params: { file: "gone.bin" },
      hint: "package-missing-file",
    });
    expect(await refusal(zipSync({ "app.bin": app }))).toMatchObject({
      code: "package-bad-manifest",
      variant: undefined,
      hint: "package-bad-manifest",
    });
    expect(await refusal(zipSync({ "manifest.json": enc.encode("{files") }))).toMatchObject({
      code: "package-bad-manifest",
      variant: "not-json",
      hint: "package-bad-manifest.not-json",
      cause: expect.any(SyntaxError),
    });
  });

  it("says a damaged zip is damaged and an empty file is empty", async () => {
    const zip = zipWith([{ file: "a.bin" }], { "a.bin": app });
    expect(await refusal(zip.slice(0, zip.length - 30))).toMatchObject({
      code: "package-bad-zip",
      hint: "package-bad-zip",
      cause: expect.anything(),
    });
    expect(await refusal(new Uint8Array(0))).toMatchObject({ code: "package-empty", hint: "package-empty" });
  });
});

describe("parseDfuManifest", () => {
  it("reads every field of an nRF5340 network-core entry as the SDK writes it", () => {
    const entry = {
      type: "application",
      board: "nrf5340dk/nrf5340/cpunet",
      soc: "nRF5340_CPUNET",
      load_address: 16777216,
      image_index: "1",
      slot_index_primary: "3",
      version_MCUBOOT: "1.2.3+4",
      size: 1234,
      file: "net_core_app_update.bin",
    };
    expect(parseDfuManifest({ files: [entry] })).toEqual([
      {
        file: "net_core_app_update.bin",
        imageNumber: 1,
        type: "application",
        board: "nrf5340dk/nrf5340/cpunet",
        soc: "nRF5340_CPUNET",
        version: "1.2.3+4",
        size: 1234,
        loadAddress: 16777216,
        slot: undefined,
      },
    ]);
    expect(parseDfuManifest({ files: [{ ...entry, load_address: "0" }] })[0]!.loadAddress).toBe(0);
  });
});

describe("unzipPackage", () => {
  it("lists files by their path and leaves out directory entries", () => {
    const files = unzipPackage(zipSync({ "manifest.json": enc.encode("{}"), sub: { "a.bin": app } }));
    expect([...files.keys()].sort()).toEqual(["manifest.json", "sub/a.bin"]);
    expect(toHex(files.get("sub/a.bin")!)).toBe(toHex(app));
  });

  it("unpacks up to exactly 256 MiB in total and refuses one byte more, counted over all files", () => {
    expect(MAX_ZIP_CONTENT).toBe(256 * 1024 * 1024);
    const stored = zipSync({ "a.bin": app, "b.bin": app }, { level: 0 });
    const half = MAX_ZIP_CONTENT / 2;
    expect([...unzipPackage(declareSizes(stored, [half, half])).keys()].sort()).toEqual(["a.bin", "b.bin"]);
    let error: unknown;
    try {
      unzipPackage(declareSizes(stored, [half, half + 1]));
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({
      code: "package-too-large",
      params: { value: 256 },
      hint: "package-too-large",
      cause: expect.any(RangeError),
    });
  });
});
