// The `image inspect --json` form of a verification report, checked field by field against the reference
// vectors: the header, every TLV (raw value and decoded form), the slot trailer, hash and signature as the
// manifest records them, in plain JSON (hex strings, null for absent, no undefined, no byte arrays).
import { describe, expect, test } from "vitest";
import {
  importDecryptionKey,
  importTrustedKey,
  reportToJson,
  verifyImage,
  type TrustedKey,
  type VerificationReport,
} from "../../../src/core/mcuboot/index.js";
import { messageJson, type JsonValue } from "../../../src/core/mcuboot/report-json.js";
import { entry, get, list, num, str, vectorBytes, vectorText } from "./manifest.js";

const trusted = (file: string, name: string): Promise<TrustedKey> =>
  importTrustedKey(vectorText(`keys/${file}`), { name });

const ENCRYPTION: Record<string, string> = { ENCRYPTED_AES128: "aes-128", ENCRYPTED_AES256: "aes-256" };

/** The header as the manifest records it, in the report's JSON shape. */
function headerFromManifest(raw: unknown): JsonValue {
  const flagNames = list(raw, "header", "flags_names").map(String);
  const encryption = flagNames.map((n) => ENCRYPTION[n]).find((e) => e !== undefined) ?? null;
  const compression = flagNames.includes("COMPRESSED_LZMA2")
    ? flagNames.includes("COMPRESSED_ARM_THUMB")
      ? "lzma2-arm-thumb"
      : "lzma2"
    : null;
  return {
    endian: str(raw, "endian"),
    magic: str(raw, "header", "magic"),
    loadAddress: Number.parseInt(str(raw, "header", "load_addr"), 16),
    headerSize: num(raw, "header", "hdr_size"),
    protectedTlvSize: num(raw, "header", "protect_tlv_size"),
    imageSize: num(raw, "header", "img_size"),
    flags: Number.parseInt(str(raw, "header", "flags"), 16),
    flagNames,
    encryption,
    compression,
    version: str(raw, "header", "version_str"),
  };
}

/** A TLV's decoded form from the manifest's own decoding (or the decryption record for key exchange). */
function decodedFromManifest(raw: unknown, tlv: unknown): JsonValue {
  const name = str(tlv, "type_name");
  const d = get(tlv, "decoded");
  switch (name) {
    case "SEC_CNT":
      return { kind: "security-counter", value: num(d, "security_counter") };
    case "BOOT_RECORD":
      return {
        kind: "boot-record",
        entries: list(d, "cbor_map_in_order").map((e) => ({
          key: num(e, 0),
          label: str(e, 1),
          value: get(e, 2) as JsonValue,
        })),
      };
    case "SIG_PURE":
      return { kind: "sig-pure", pure: get(d, "pure") === true };
    case "DEPENDENCY":
      return { kind: "dependency", imageId: num(d, "image_id"), minVersion: str(d, "min_version") };
    case "VENDOR":
      return d === undefined ? null : { kind: "text", text: str(d, "ascii") };
    case "UUID_VID":
    case "UUID_CID":
      return { kind: "uuid", uuid: str(d, "uuid") };
    case "DECOMP_SIZE":
    case "COMP_DEC_SIZE":
      return { kind: "size", size: num(d, "size") };
    case "ENCX25519":
    case "ENCEC256":
      return {
        kind: "ecies",
        ephemeralKey: str(raw, "decryption", "ephemeral_pubkey_hex"),
        mac: str(raw, "decryption", "mac_hex"),
        wrappedKey: str(raw, "decryption", "wrapped_key_hex"),
      };
    default:
      return null;
  }
}

function tlvsFromManifest(raw: unknown): JsonValue {
  return list(raw, "tlvs").map((t) => ({
    area: str(t, "area"),
    offset: num(t, "offset"),
    type: num(t, "type"),
    name: str(t, "type_name"),
    length: num(t, "length"),
    value: str(t, "value_hex"),
    decoded: decodedFromManifest(raw, t),
  }));
}

function trailerFromManifest(raw: unknown): JsonValue {
  if (get(raw, "trailer", "magic_hex") === undefined) return null;
  const imageOk = Number.parseInt(str(raw, "trailer", "image_ok"), 16);
  return {
    magic: str(raw, "trailer", "magic_hex"),
    maxAlign: num(raw, "trailer", "max_align"),
    imageOk,
    copyDone: Number.parseInt(str(raw, "trailer", "copy_done"), 16),
    swapInfo: Number.parseInt(str(raw, "trailer", "swap_info"), 16),
    swapSize: Number.parseInt(str(raw, "trailer", "swap_size_hex"), 16),
    confirmed: imageOk === 1,
  };
}

/** Plain JSON: survives a round trip through JSON text unchanged (no undefined, no typed arrays). */
function expectPlainJson(value: unknown): void {
  expect(JSON.parse(JSON.stringify(value))).toStrictEqual(value);
}

describe("messageJson", () => {
  test("keeps the catalog key; parameters become JSON (bigint as decimal text, lists as arrays, undefined dropped)", () => {
    const json = messageJson({
      key: "verify.example",
      params: {
        text: "ED25519",
        count: 3,
        flag: false,
        big: 18446744073709551615n,
        list: ["a", "b"],
        missing: undefined,
      },
    });
    expect(json).toStrictEqual({
      key: "verify.example",
      params: { text: "ED25519", count: 3, flag: false, big: "18446744073709551615", list: ["a", "b"] },
    });
    expect(Object.keys((json as { params: object }).params)).not.toContain("missing");
    expectPlainJson(json);
  });

  test("a message without parameters has an empty params object", () => {
    expect(messageJson({ key: "verify.valid", params: {} })).toStrictEqual({
      key: "verify.valid",
      params: {},
    });
  });
});

describe("reportToJson against the vectors", () => {
  async function jsonOf(
    path: string,
    keys: readonly TrustedKey[] = [],
    decryptWith?: string,
  ): Promise<{ json: ReturnType<typeof reportToJson>; report: VerificationReport; raw: unknown }> {
    const decryptionKeys = decryptWith
      ? [await importDecryptionKey(vectorText(`keys/${decryptWith}`), { name: "enc" })]
      : [];
    const report = await verifyImage(vectorBytes(path), keys, { decryptionKeys });
    const json = reportToJson(report);
    expectPlainJson(json);
    return { json, report, raw: entry(path).raw };
  }

  test("a signed image with a security counter and a boot record, verified with its key: every field", async () => {
    const path = "images/signed/ed25519-1k-seccnt-bootrec.bin";
    const { json, raw } = await jsonOf(path, [await trusted("ed25519.pub.pem", "prod")]);
    const hash = str(raw, "hash", "tlv_value_hex");
    const signature = list(raw, "tlvs").find((t) => str(t, "type_name") === "ED25519");
    expect(json).toStrictEqual({
      outcome: "valid",
      reason: {
        key: "verify.valid",
        params: expect.any(Object),
      },
      complete: true,
      notChecked: [],
      warnings: [],
      errorCode: null,
      header: headerFromManifest(raw),
      tlvs: tlvsFromManifest(raw),
      trailer: null,
      hash: {
        algorithm: "sha256",
        status: "match",
        over: "stored-bytes",
        stored: hash,
        computed: str(raw, "hash", "computed_over_file_hex"),
      },
      signature: {
        status: "verified",
        tlv: "ED25519",
        value: str(signature, "value_hex"),
        keyName: "prod",
        keyType: "ed25519",
        keyTlv: "KEYHASH",
        mode: "digest",
        detail: expect.objectContaining({ key: expect.stringMatching(/^verify\.signature\./) }),
      },
      signedBy: "prod",
      imageHash: hash,
      decryptedWith: null,
    });
    // The boot record's claims, in file order, with the signer id and measurement as hex.
    const bootRecord = (json.tlvs as { name: string; decoded: JsonValue }[]).find(
      (t) => t.name === "BOOT_RECORD",
    );
    expect(bootRecord?.decoded).toStrictEqual({
      kind: "boot-record",
      entries: [
        { key: 1, label: "type", value: "NSPE" },
        { key: 4, label: "version", value: "1.2.3" },
        { key: 5, label: "signer_id", value: str(raw, "expected", "keyhash_expected_hex") },
        { key: 6, label: "measurement_description", value: "SHA256" },
        { key: 2, label: "measurement_value", value: "00".repeat(32) },
      ],
    });
  });

  test("without a trusted key: absent fields are null, the signature named but not required", async () => {
    const path = "images/deps/ed25519-dep1.bin";
    const { json, raw } = await jsonOf(path);
    expect(json.header).toStrictEqual(headerFromManifest(raw));
    expect(json.tlvs).toStrictEqual(tlvsFromManifest(raw));
    expect(json.errorCode).toBeNull();
    expect(json.signedBy).toBeNull();
    expect(json.notChecked).toStrictEqual([
      { key: "verify.not-checked.signature-untrusted", params: { tlv: "ED25519" } },
    ]);
    expect(json.signature).toStrictEqual({
      status: "not-required",
      tlv: "ED25519",
      value: str(
        list(raw, "tlvs").find((t) => str(t, "type_name") === "ED25519"),
        "value_hex",
      ),
      keyName: null,
      keyType: null,
      keyTlv: null,
      mode: "digest",
      detail: { key: "verify.signature.no-trusted-key", params: {} },
    });
  });

  test("vendor text, UUID names, sizes and a pure signature decode as the manifest says", async () => {
    for (const path of [
      "images/tlv/ed25519-custom-tlvs.bin",
      "images/tlv/ed25519-uuid-names.bin",
      "images/compressed/ed25519-lzma2.bin",
      "images/compressed/ed25519-lzma2armthumb.bin",
      "images/signed/ed25519-1k-pure.bin",
    ]) {
      const { json, raw } = await jsonOf(path);
      expect(json.tlvs, path).toStrictEqual(tlvsFromManifest(raw));
      expect(json.header, path).toStrictEqual(headerFromManifest(raw));
    }
  });

  test("the header's version is imgtool's full text, build number included", async () => {
    const { json, raw } = await jsonOf("images/version/ed25519-v1.2.bin");
    expect(json.header).toStrictEqual(headerFromManifest(raw));
    expect((json.header as { version: string }).version).toBe("1.2.0+0");
  });

  test("a padded, confirmed image carries its trailer; a test-padded one is not confirmed", async () => {
    for (const path of [
      "images/padded/ed25519-pad-confirm.bin",
      "images/padded/ed25519-pad-test.bin",
      "images/padded/ed25519-pad-confirm-erased0.bin",
      "images/padded/ed25519-align32-confirm.bin",
    ]) {
      const { json, raw } = await jsonOf(path);
      expect(json.trailer, path).toStrictEqual(trailerFromManifest(raw));
    }
    const { json } = await jsonOf("images/padded/ed25519-pad-test.bin");
    expect(json.trailer).toMatchObject({ imageOk: 0xff, confirmed: false });
  });

  test("an encrypted image: the key exchange TLV decoded, hashed after decryption with the key named", async () => {
    const path = "images/encrypted/ed25519-x25519-aes128.bin";
    const { json, raw } = await jsonOf(path, [await trusted("ed25519.pub.pem", "prod")], "enc-x25519.pem");
    expect(json.header).toStrictEqual(headerFromManifest(raw));
    expect((json.header as { encryption: string }).encryption).toBe("aes-128");
    expect(json.tlvs).toStrictEqual(tlvsFromManifest(raw));
    expect(json.hash).toStrictEqual({
      algorithm: "sha256",
      status: "match",
      over: "decrypted-body",
      stored: str(raw, "hash", "tlv_value_hex"),
      computed: str(raw, "decryption", "hash_over_decrypted_region_hex"),
    });
    expect(json.decryptedWith).toBe("enc");
    expect(json.signedBy).toBe("prod");

    const without = await jsonOf(path);
    expect(without.json.complete).toBe(false);
    expect(without.json.hash).toStrictEqual({
      algorithm: "sha256",
      status: "not-checked",
      over: null,
      stored: str(raw, "hash", "tlv_value_hex"),
      computed: null,
    });
    expect(without.json.decryptedWith).toBeNull();
  });

  test("a malformed file: the error code, null for what could not be read, no hash", async () => {
    const { json, raw } = await jsonOf("tampered/ed25519-seccnt-bad-tlv-info-magic.bin");
    expect(json.outcome).toBe("malformed");
    expect(json.errorCode).toBe("image-bad-tlv-info");
    expect(json.header).toStrictEqual(headerFromManifest(raw));
    expect(json.trailer).toBeNull();
    expect(json.hash).toStrictEqual({
      algorithm: null,
      status: "absent",
      over: null,
      stored: null,
      computed: null,
    });
    expect(json.signature).toMatchObject({ status: "absent", tlv: null, value: null, mode: null });
    expect(json.imageHash).toBeNull();

    const short = await jsonOf("tampered/ed25519-seccnt-truncated-16-bytes.bin");
    expect(short.json).toMatchObject({
      outcome: "malformed",
      errorCode: "image-too-short",
      header: null,
      tlvs: [],
    });
  });

  test("a damaged signature with the right key: bad-signature, the stored value still shown", async () => {
    const { json, raw } = await jsonOf("tampered/ecdsa-p256-sig-flip.bin", [
      await trusted("ecdsa-p256.pub.pem", "prod"),
    ]);
    expect(json.outcome).toBe("bad-signature");
    const sig = list(raw, "tlvs").find((t) => str(t, "type_name") === "ECDSASIG");
    expect(json.signature).toMatchObject({ status: "failed", tlv: "ECDSASIG", value: str(sig, "value_hex") });
    expect(json.signedBy).toBeNull();
  });
});
