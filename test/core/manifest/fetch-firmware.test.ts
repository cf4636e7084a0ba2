import { beforeAll, describe, expect, test } from "vitest";
import { questionInEnglish } from "../../support/in-english.js";
import { inEnglish } from "../../support/in-english.js";
import {
  FirmwareFetchError,
  fetchFirmware,
  loadManifestKeys,
  manifestVerifier,
  memoryFirmwareCache,
  parseManifest,
  type Manifest,
} from "../../../src/core/manifest/index.js";
import { demoPublicKeyPem } from "../../../src/sim/demo-firmware.js";
import { readFileSync } from "node:fs";
import { vectorPath } from "../../support/vectors.js";
import {
  BASE,
  demoFile,
  manifestJson,
  memoryFetcher,
  type DemoFile,
} from "../../support/manifest/fixtures.js";

const URL_110 = "https://vendor.example/fw/app-1.1.0.bin";
let file: DemoFile;
let manifest: Manifest;

beforeAll(async () => {
  file = await demoFile("1.1.0");
  manifest = parseManifest(await manifestJson([{ version: "1.1.0", file }]), BASE);
});

function release() {
  const r = manifest.releases[0];
  if (!r) throw new Error("no release");
  return r;
}

async function refusal(promise: Promise<unknown>): Promise<FirmwareFetchError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof FirmwareFetchError) return error;
    throw error;
  }
  throw new Error("accepted");
}

describe("fetchFirmware", () => {
  test("downloads, checks and caches; the second time comes from the cache", async () => {
    const fetcher = memoryFetcher(new Map([[URL_110, file.bytes]]));
    const cache = memoryFirmwareCache();
    const first = await fetchFirmware(release(), fetcher.fetch, cache, { product: "Acme Sensor" });
    expect(first[0]).toMatchObject({ source: "network", bytes: file.bytes });
    expect(cache.size).toBe(1);
    const second = await fetchFirmware(release(), fetcher.fetch, cache);
    expect(second[0]?.source).toBe("cache");
    expect(fetcher.calls).toEqual([URL_110]);
  });

  test("a file of the wrong size is refused before its hash is even computed", async () => {
    const longer = new Uint8Array(file.bytes.length + 1);
    longer.set(file.bytes);
    const cache = memoryFirmwareCache();
    const error = await refusal(
      fetchFirmware(release(), memoryFetcher(new Map([[URL_110, longer]])).fetch, cache),
    );
    expect(error.code).toBe("firmware-size-mismatch");
    expect(error.field).toBe("releases[0].images[0]");
    expect(inEnglish(error)).toMatch(
      /app-1\.1\.0\.bin is larger than the [\d,]+ bytes the manifest says \(releases\[0\]\.images\[0\]\.size\)/,
    );
    const shorter = await refusal(
      fetchFirmware(release(), memoryFetcher(new Map([[URL_110, file.bytes.slice(1)]])).fetch),
    );
    expect(inEnglish(shorter)).toMatch(/is [\d,]+ bytes, but the manifest says [\d,]+/);
    expect(cache.size).toBe(0);
  });

  test("a file with the right size but other bytes is refused by its SHA-256", async () => {
    const tampered = file.bytes.slice();
    tampered[1000]! ^= 1;
    const error = await refusal(
      fetchFirmware(release(), memoryFetcher(new Map([[URL_110, tampered]])).fetch),
    );
    expect(error.code).toBe("firmware-hash-mismatch");
    expect(inEnglish(error)).toMatch(/releases\[0\]\.images\[0\]\.sha256/);
    expect(inEnglish(error)).toMatch(/Nothing was sent to the device/);
  });

  test("a damaged cache entry is ignored and the file downloaded again", async () => {
    const cache = memoryFirmwareCache();
    const damaged = file.bytes.slice();
    damaged[0]! ^= 0xff;
    await cache.put(
      {
        sha256: file.sha256,
        size: file.bytes.length,
        url: URL_110,
        imageNumber: 0,
        version: "1.1.0",
        product: "",
      },
      damaged,
    );
    const fetcher = memoryFetcher(new Map([[URL_110, file.bytes]]));
    const got = await fetchFirmware(release(), fetcher.fetch, cache);
    expect(got[0]?.source).toBe("network");
    expect(fetcher.calls).toHaveLength(1);
  });

  test("a download failure names the URL and field; a failing cache does not matter", async () => {
    const broken = {
      get: () => Promise.reject(new Error("quota")),
      put: () => Promise.reject(new Error("quota")),
    };
    const error = await refusal(fetchFirmware(release(), memoryFetcher(new Map()).fetch, broken));
    expect(error.code).toBe("firmware-unavailable");
    expect(inEnglish(error)).toContain(`${URL_110} (releases[0].images[0].url): 404`);
    await expect(
      fetchFirmware(release(), memoryFetcher(new Map([[URL_110, file.bytes]])).fetch, broken),
    ).resolves.toHaveLength(1);
  });
});

describe("the manifest's keys", () => {
  test("PEM text and key files import; the image verifies against them", async () => {
    const pem = await demoPublicKeyPem();
    const m = parseManifest(
      {
        ...(await manifestJson([{ version: "1.1.0", file }])),
        keys: [{ name: "file key", url: "/keys/demo.pem" }],
      },
      BASE,
    );
    const keys = await loadManifestKeys(
      m,
      memoryFetcher(new Map([["https://vendor.example/keys/demo.pem", pem]])).fetch,
    );
    expect(keys[0]?.name).toBe("file key");
    const image = m.releases[0]!.images[0]!;
    await expect(manifestVerifier(keys, image)(file.bytes)).resolves.toMatchObject({
      accepted: true,
      version: "1.1.0",
    });
  });

  test("an image signed by another key is refused, naming the manifest's key", async () => {
    const other = readFileSync(vectorPath("mcuboot", "keys", "ed25519.pub.pem"), "utf8");
    const m = parseManifest(
      { ...(await manifestJson([{ version: "1.1.0", file }])), keys: [{ name: "Other key", pem: other }] },
      BASE,
    );
    const keys = await loadManifestKeys(m, memoryFetcher(new Map()).fetch);
    const verdict = await manifestVerifier(keys, m.releases[0]!.images[0]!)(file.bytes);
    expect(verdict.accepted).toBe(false);
    expect(verdict.reason.key).toBe("verify.refused-manifest-key-reason");
    expect(questionInEnglish(verdict.reason)).toMatch(
      /^The image is intact but not signed by the manifest's key \("Other key"\)/,
    );
  });

  test("an image whose header version is not the manifest's is refused", async () => {
    const m = parseManifest(await manifestJson([{ version: "1.2.0", file }]), BASE);
    const keys = await loadManifestKeys(m, memoryFetcher(new Map()).fetch);
    const verdict = await manifestVerifier(keys, m.releases[0]!.images[0]!)(file.bytes);
    expect(verdict.reason).toEqual({
      key: "verify.refused-manifest-version",
      params: { version: "1.1.0", listed: "1.2.0", path: "releases[0].images[0]" },
    });
    expect(questionInEnglish(verdict.reason)).toMatch(
      /header says version 1\.1\.0, but the manifest lists 1\.2\.0 \(releases\[0\]\.images\[0\]\)/,
    );
  });

  test("a key that does not import, or cannot be downloaded, names its field", async () => {
    const json = await manifestJson([{ version: "1.1.0", file }]);
    const bad = parseManifest(
      { ...json, keys: [{ pem: "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n" }] },
      BASE,
    );
    const error = await refusal(loadManifestKeys(bad, memoryFetcher(new Map()).fetch));
    expect(error).toMatchObject({ code: "manifest-key-invalid", field: "keys[0]" });
    expect(inEnglish(error)).toMatch(/"keys\[0\]" \(keys\[0\]\.pem\) cannot be used/);
    const missing = parseManifest({ ...json, keys: [{ url: "k.pem" }] }, BASE);
    const unreachable = await refusal(loadManifestKeys(missing, memoryFetcher(new Map()).fetch));
    expect(unreachable).toMatchObject({ code: "manifest-key-unavailable" });
    expect(inEnglish(unreachable)).toMatch(/keys\[0\]\.url/);
  });
});
