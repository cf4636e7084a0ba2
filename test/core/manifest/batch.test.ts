import { beforeAll, expect, test } from "vitest";
import { installInEnglish, questionInEnglish } from "../../support/in-english.js";
import { toHex } from "../../../src/core/bytes.js";
import {
  fetchFirmware,
  loadManifestKeys,
  parseManifest,
  runBatch,
  batchAuditJson,
  type InstallPlan,
  type Manifest,
} from "../../../src/core/manifest/index.js";
import {
  BASE,
  demoFile,
  manifestJson,
  memoryFetcher,
  type DemoFile,
} from "../../support/manifest/fixtures.js";
import { bench } from "../../support/sim/device-fleet.js";
import { readFileSync } from "node:fs";
import { vectorPath } from "../../support/vectors.js";
import { parseImageHeader } from "../../../src/core/mcuboot/index.js";

let file: DemoFile;
let manifest: Manifest;

beforeAll(async () => {
  file = await demoFile("1.1.0", 5, 12 * 1024);
  manifest = parseManifest(await manifestJson([{ version: "1.1.0", file }]), BASE);
});

async function plan(m: Manifest): Promise<InstallPlan> {
  const fetcher = memoryFetcher(new Map([["https://vendor.example/fw/app-1.1.0.bin", file.bytes]])).fetch;
  const release = m.releases[0]!;
  return {
    manifest: m,
    release,
    images: await fetchFirmware(release, fetcher),
    keys: await loadManifestKeys(m, fetcher),
  };
}

test("three devices, one after another: each runs the release, confirmed, with its own audit", async () => {
  const b = await bench([{}, {}, {}]);
  const clock = () => new Date(Date.UTC(2026, 0, 5, 9, 0, 0));
  const asked: number[] = [];
  const report = await b.clock.run(async () =>
    runBatch({
      plan: await plan(manifest),
      next: (index) => {
        asked.push(index);
        return Promise.resolve(b.targets[index - 1]);
      },
      clientOptions: b.clientOptions,
      flow: b.flow,
      clock,
    }),
  );
  expect(asked).toEqual([1, 2, 3, 4]);
  expect(report.results.map((r) => [r.index, r.device, r.result, r.previousVersion])).toEqual([
    [1, "BLE Acme-1", "running-new", "1.0.0"],
    [2, "BLE Acme-2", "running-new", "1.0.0"],
    [3, "BLE Acme-3", "running-new", "1.0.0"],
  ]);
  const hash = parseImageHeader(file.bytes).imageHashHex;
  for (const device of b.devices) {
    const active = device.slots().find((s) => s.active);
    expect(toHex(active!.hash!)).toBe(hash);
    expect(active!.confirmed).toBe(true);
  }
  for (const result of report.results) {
    expect(result.text).toEqual({ key: "install.outcome.running-new", params: { release: "1.1.0" } });
    expect(installInEnglish(result.text)).toBe("Now running 1.1.0.");
    expect(result.message).toBe("install.outcome.running-new (release=1.1.0)");
    expect(result.board).toBe("nrf52840dk/nrf52840");
    expect(result.audit.map((r) => r.step)).toEqual(
      expect.arrayContaining([
        "inspect",
        "verify",
        "upload",
        "test",
        "reset",
        "reconnect",
        "check",
        "confirm",
        "done",
      ]),
    );
    expect(result.audit.every((r) => r.device === result.device)).toBe(true);
  }
  const exported = JSON.parse(batchAuditJson(report.audit)) as Record<string, unknown>;
  expect(exported).toMatchObject({
    format: "mcuflash-install-audit",
    version: 1,
    product: "Acme Sensor",
    manifest: BASE,
    release: { version: "1.1.0", images: [{ image: 0, sha256: file.sha256, size: file.bytes.length }] },
    summary: { devices: 3, "running-new": 3, failed: 0, "not-matching": 0 },
  });
});

test("a device of another product is skipped and a refused image fails; the batch carries on", async () => {
  const b = await bench([{ board: "esp32s3" }, {}, { version: { major: 1, minor: 1, revision: 0 } }]);
  const report = await b.clock.run(async () =>
    runBatch({
      plan: await plan(manifest),
      next: (index) => Promise.resolve(b.targets[index - 1]),
      clientOptions: b.clientOptions,
      flow: b.flow,
    }),
  );
  expect(report.results.map((r) => r.result)).toEqual(["not-matching", "running-new", "running-new"]);
  expect(report.results[0]?.errorCode).toBe("device-mismatch");
  expect(report.results[0]?.text).toEqual({
    key: "error.device-mismatch",
    params: {
      product: "Acme Sensor",
      checkKey: "install.match.board-mismatch",
      value: "esp32s3",
      pattern: "^nrf52840dk",
    },
  });
  expect(installInEnglish(report.results[0]?.text)).toBe(
    'This device does not match Acme Sensor: Board "esp32s3" does not match /^nrf52840dk/.',
  );
  // The third device ran 1.1.0 already, but another build of it: same version, other hash, so it is installed.
  expect(report.results[2]?.previousVersion).toBe("1.1.0");
  expect(report.audit.summary).toMatchObject({ devices: 3, "not-matching": 1, "running-new": 2 });

  // The same batch with a manifest whose key did not sign the image: refused on the device, nothing uploaded.
  const other = readFileSync(vectorPath("mcuboot", "keys", "ed25519.pub.pem"), "utf8");
  const wrongKey = parseManifest(
    { ...(await manifestJson([{ version: "1.1.0", file }])), keys: [{ name: "Wrong key", pem: other }] },
    BASE,
  );
  const b2 = await bench([{}, {}]);
  const refused = await b2.clock.run(async () =>
    runBatch({
      plan: await plan(wrongKey),
      next: (index) => Promise.resolve(b2.targets[index - 1]),
      clientOptions: b2.clientOptions,
      flow: b2.flow,
      stopOnFailure: true,
    }),
  );
  expect(refused.results).toHaveLength(1);
  expect(refused.results[0]).toMatchObject({ result: "failed", errorCode: "image-refused" });
  expect(questionInEnglish(refused.results[0]?.text)).toMatch(
    /not signed by the manifest's key \("Wrong key"\)/,
  );
  expect(b2.devices[0]!.slots()[1]?.valid ?? false).toBe(false);
});
