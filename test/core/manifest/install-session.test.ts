import { beforeAll, expect, test } from "vitest";
import { inEnglish, installInEnglish } from "../../support/in-english.js";
import { InstallSession, memoryFirmwareCache, type InstallPhase } from "../../../src/core/manifest/index.js";
import {
  BASE,
  demoFile,
  manifestJson,
  memoryFetcher,
  type DemoFile,
} from "../../support/manifest/fixtures.js";
import { bench } from "../../support/sim/device-fleet.js";

const URL_110 = "https://vendor.example/fw/app-1.1.0.bin";
let file: DemoFile;
let manifestText: string;

beforeAll(async () => {
  file = await demoFile("1.1.0", 5);
  manifestText = JSON.stringify(await manifestJson([{ version: "1.1.0", file }]));
});

test("load, connect, check, install, then the next device of the batch with the same release", async () => {
  const b = await bench([{}, { board: "esp32" }]);
  const fetcher = memoryFetcher(
    new Map<string, string | Uint8Array>([
      [BASE, manifestText],
      [URL_110, file.bytes],
    ]),
  );
  const cache = memoryFirmwareCache();
  const session = new InstallSession({
    manifestUrl: BASE,
    fetcher: fetcher.fetch,
    cache,
    prefetch: true,
    clientOptions: b.clientOptions,
    flow: b.flow,
  });
  const phases: InstallPhase[] = [];
  session.subscribe((s) => {
    if (phases.at(-1) !== s.phase) phases.push(s.phase);
  });

  await b.clock.run(() => session.load());
  await b.clock.run(async () => {
    while (!session.state.offlineReady) await b.clock.sleep(10);
  });
  expect(session.state).toMatchObject({ phase: "ready", offlineReady: true });
  expect(session.state.manifest?.product).toBe("Acme Sensor");

  await b.clock.run(() => session.connect("bluetooth", () => Promise.resolve(b.targets[0]!)));
  const checked = session.state;
  expect(checked.phase).toBe("checked");
  expect(checked.device).toMatchObject({
    label: "BLE Acme-1",
    runningVersion: "1.0.0",
    board: "nrf52840dk/nrf52840",
  });
  expect(checked.match?.ok).toBe(true);
  expect(checked.selection).toMatchObject({ relation: "upgrade", release: { version: "1.1.0" } });
  expect(checked.blocker).toBeUndefined();

  const steps = new Set<string>();
  session.subscribe((s) => s.activity && steps.add(s.activity.step));
  await b.clock.run(() => session.install());
  expect(session.state.phase).toBe("done");
  expect(session.state.result).toMatchObject({
    index: 1,
    result: "running-new",
    text: { key: "install.outcome.running-new", params: { release: "1.1.0" } },
    message: "install.outcome.running-new (release=1.1.0)",
  });
  expect([...steps]).toEqual(
    expect.arrayContaining(["download", "verify", "upload", "reset", "check", "confirm"]),
  );
  // Prefetched: the install did not download again.
  expect(fetcher.calls.filter((u) => u === URL_110)).toHaveLength(1);

  await session.next();
  expect(session.state).toMatchObject({ phase: "ready", device: undefined, pinned: { version: "1.1.0" } });
  await b.clock.run(() => session.connect("bluetooth", () => Promise.resolve(b.targets[1]!)));
  expect(session.state.phase).toBe("checked");
  expect(session.state.blocker).toMatchObject({
    code: "device-mismatch",
    error: { params: { product: "Acme Sensor", checkKey: "install.match.board-mismatch", value: "esp32" } },
  });
  expect(installInEnglish(session.state.blocker?.error as Error)).toBe(
    'This device does not match Acme Sensor: Board "esp32" does not match /^nrf52840dk/.',
  );
  await session.install(); // refused: nothing happens
  expect(session.state.phase).toBe("checked");

  expect(phases).toEqual([
    "loading",
    "ready",
    "connecting",
    "checking",
    "checked",
    "installing",
    "done",
    "ready",
    "connecting",
    "checking",
    "checked",
  ]);
  const audit = JSON.parse(session.auditJson(new Date(0))) as {
    summary: { devices: number };
    devices: { audit: unknown[] }[];
  };
  expect(audit.summary.devices).toBe(1);
  expect(audit.devices[0]?.audit.length).toBeGreaterThan(5);
  await session.dispose();
});

test("a missing or invalid manifest, and a chooser closed without a device", async () => {
  const missing = new InstallSession({ manifestUrl: BASE, fetcher: memoryFetcher(new Map()).fetch });
  await missing.load();
  expect(missing.state.phase).toBe("load-failed");
  expect(missing.state.error).toMatchObject({ code: "manifest-unavailable" });
  expect(inEnglish(missing.state.error?.error)).toContain(`Could not load the manifest from ${BASE}: 404`);

  const invalid = new InstallSession({
    manifestUrl: BASE,
    fetcher: memoryFetcher(new Map([[BASE, '{"schemaVersion":1}']])).fetch,
  });
  await invalid.load();
  expect(invalid.state.error).toMatchObject({ code: "manifest-invalid" });
  expect(inEnglish(invalid.state.error?.error)).toMatch(
    /^The manifest is not valid: product: missing: expected a string; keys: missing: expected an array; releases: missing: expected an array\./,
  );

  const none = new InstallSession({ manifestUrl: "", fetcher: memoryFetcher(new Map()).fetch });
  await none.load();
  expect(inEnglish(none.state.error?.error)).toMatch(/^No manifest address was given\./);

  const insecure = new InstallSession({
    manifestUrl: "http://vendor.example/m.json",
    fetcher: memoryFetcher(new Map()).fetch,
  });
  await insecure.load();
  expect(inEnglish(insecure.state.error?.error)).toMatch(/only/);

  const ok = new InstallSession({
    manifestUrl: BASE,
    fetcher: memoryFetcher(new Map([[BASE, manifestText]])).fetch,
  });
  await ok.load();
  // Not our error: kept as the platform said it, inside the language-neutral "unexpected" words.
  await ok.connect("serial", () => Promise.reject(new Error("No port was chosen.")));
  expect(ok.state).toMatchObject({
    phase: "ready",
    error: { code: "unexpected", message: "error.unexpected (detail=No port was chosen.)" },
  });
  expect(inEnglish(ok.state.error?.error)).toMatch(/^Unexpected error: No port was chosen\./);
});

test("a firmware file that does not match the manifest fails the install with the reason; nothing is sent", async () => {
  const b = await bench([{}]);
  const tampered = file.bytes.slice();
  tampered[600]! ^= 1;
  const fetcher = memoryFetcher(
    new Map<string, string | Uint8Array>([
      [BASE, manifestText],
      [URL_110, tampered],
    ]),
  );
  const session = new InstallSession({
    manifestUrl: BASE,
    fetcher: fetcher.fetch,
    clientOptions: b.clientOptions,
    flow: b.flow,
  });
  await session.load();
  await b.clock.run(() => session.connect("bluetooth", () => Promise.resolve(b.targets[0]!)));
  await b.clock.run(() => session.install());
  expect(session.state.result).toMatchObject({ result: "failed", errorCode: "firmware-hash-mismatch" });
  expect(session.state.result?.text).toMatchObject({
    key: "error.firmware-hash-mismatch",
    params: { field: "releases[0].images[0]" },
  });
  expect(session.state.result?.message).toMatch(/^error\.firmware-hash-mismatch \(field=releases\[0\]/);
  expect(installInEnglish(session.state.result?.text)).toMatch(
    /does not have the SHA-256 the manifest promises/,
  );
  expect(b.devices[0]!.slots()[1]?.valid ?? false).toBe(false);
});
