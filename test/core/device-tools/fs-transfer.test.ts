import { describe, expect, test } from "vitest";
import { toHex } from "../../../src/core/bytes.js";
import {
  type TransferProgress,
  DeviceToolError,
  compareFile,
  downloadFile,
  resumePoint,
  uploadFile,
} from "../../../src/core/device-tools/index.js";
import { SmpDeviceError } from "../../../src/core/smp/index.js";
import { bleLink, serialLink } from "../../../src/sim/link-model.js";
import { NATIVE_SIM_SERIAL } from "../../../src/sim/presets.js";
import { virtualSim } from "../../support/sim/smp-client.js";

function pattern(size: number, seed = 1): Uint8Array {
  const out = new Uint8Array(size);
  let x = seed;
  for (let i = 0; i < size; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

const LINKS = {
  // A console with enough line buffers for what is in flight (CONFIG_UART_MCUMGR_RX_BUF_COUNT raised): the
  // stock console's two are tested below.
  "serial (buf 384)": {
    ...NATIVE_SIM_SERIAL,
    uartConsole: { lineBuffers: 16 },
    linkModel: serialLink({ baudRate: 1_000_000 }),
  },
  "BLE (buf 2475)": { transport: "ble" as const, linkModel: bleLink({ attMtu: 247 }) },
};

describe.each(Object.entries(LINKS))("file transfer over %s", (_name, options) => {
  test("upload writes the exact bytes, pipelined, with progress up to the size", async () => {
    const sim = await virtualSim(options);
    const data = pattern(9_000);
    const progress: TransferProgress[] = [];
    const result = await sim.run(() =>
      uploadFile(sim.client, "/lfs1/blob.bin", data, { onProgress: (p) => progress.push(p) }),
    );
    expect(toHex(sim.device.files().get("/lfs1/blob.bin") ?? new Uint8Array())).toBe(toHex(data));
    expect(result).toMatchObject({
      path: "/lfs1/blob.bin",
      bytes: 9_000,
      resumedFrom: 0,
      retransmittedBytes: 0,
    });
    expect(sim.maxInFlight()).toBeGreaterThan(1);
    expect(progress.at(-1)).toMatchObject({ bytes: 9_000, total: 9_000 });
    for (let i = 1; i < progress.length; i++) {
      expect(progress[i]!.bytes).toBeGreaterThanOrEqual(progress[i - 1]!.bytes);
    }
  });

  test("download returns the exact bytes, pipelined, with progress", async () => {
    const data = pattern(7_777, 3);
    const sim = await virtualSim({ ...options, fs: { files: { "/lfs1/log.txt": data } } });
    const progress: TransferProgress[] = [];
    const result = await sim.run(() =>
      downloadFile(sim.client, "/lfs1/log.txt", { onProgress: (p) => progress.push(p) }),
    );
    expect(toHex(result.data)).toBe(toHex(data));
    expect(result.requests).toBe(Math.ceil(data.length / result.chunkDataSize));
    expect(sim.maxInFlight()).toBeGreaterThan(1);
    expect(progress.at(-1)).toMatchObject({ bytes: data.length, total: data.length });
  });
});

describe("uploads", () => {
  test("an empty file is created with one request", async () => {
    const sim = await virtualSim();
    const result = await sim.run(() => uploadFile(sim.client, "/lfs1/empty", new Uint8Array(0)));
    expect(result).toMatchObject({ bytes: 0, requests: 1 });
    expect(sim.device.files().get("/lfs1/empty")?.length).toBe(0);
  });

  test("an upload replaces a longer file that was there", async () => {
    const sim = await virtualSim({ fs: { files: { "/lfs1/a": pattern(5_000, 9) } } });
    const data = pattern(1_234, 4);
    await sim.run(() => uploadFile(sim.client, "/lfs1/a", data));
    expect(toHex(sim.device.files().get("/lfs1/a")!)).toBe(toHex(data));
  });

  test("resume continues after the bytes the device already has", async () => {
    const data = pattern(6_000, 5);
    const sim = await virtualSim({
      ...NATIVE_SIM_SERIAL,
      fs: { files: { "/lfs1/fw.bin": data.slice(0, 2_500) } },
    });
    expect(await sim.run(() => resumePoint(sim.client, "/lfs1/fw.bin", data))).toBe(2_500);
    const result = await sim.run(() => uploadFile(sim.client, "/lfs1/fw.bin", data, { resume: true }));
    expect(result.resumedFrom).toBe(2_500);
    expect(toHex(sim.device.files().get("/lfs1/fw.bin")!)).toBe(toHex(data));
  });

  test("resume starts over when the device's bytes differ from ours", async () => {
    const data = pattern(3_000, 6);
    const other = pattern(1_000, 7);
    const sim = await virtualSim({ fs: { files: { "/lfs1/x": other } } });
    const result = await sim.run(() => uploadFile(sim.client, "/lfs1/x", data, { resume: true }));
    expect(result.resumedFrom).toBe(0);
    expect(toHex(sim.device.files().get("/lfs1/x")!)).toBe(toHex(data));
  });

  test("resume of a file already complete sends nothing but a probe", async () => {
    const data = pattern(2_000, 8);
    const sim = await virtualSim({ fs: { files: { "/lfs1/done": data } } });
    const result = await sim.run(() => uploadFile(sim.client, "/lfs1/done", data, { resume: true }));
    expect(result).toMatchObject({ resumedFrom: 2_000, requests: 1 });
  });

  test("resume of a missing file is a fresh upload", async () => {
    const sim = await virtualSim();
    const result = await sim.run(() => uploadFile(sim.client, "/lfs1/new", pattern(800), { resume: true }));
    expect(result.resumedFrom).toBe(0);
  });

  test("a path outside any mount point fails with the device's reason", async () => {
    const sim = await virtualSim();
    const error = await sim
      .run(() => uploadFile(sim.client, "/nope/x", pattern(10)))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SmpDeviceError);
    expect(error).toMatchObject({ rcName: "MOUNT_POINT_NOT_FOUND" });
  });

  test("relative and empty paths are refused before anything is sent", async () => {
    const sim = await virtualSim();
    await expect(uploadFile(sim.client, "lfs1/x", pattern(1))).rejects.toMatchObject({
      code: "fs-path-relative",
    });
    await expect(uploadFile(sim.client, "", pattern(1))).rejects.toBeInstanceOf(DeviceToolError);
  });
});

describe("downloads", () => {
  test("an empty file downloads as zero bytes", async () => {
    const sim = await virtualSim({ fs: { files: { "/lfs1/e": new Uint8Array(0) } } });
    const result = await sim.run(() => downloadFile(sim.client, "/lfs1/e"));
    expect(result.data.length).toBe(0);
  });

  test("a missing file fails with FILE_NOT_FOUND", async () => {
    const sim = await virtualSim();
    const error = await sim.run(() => downloadFile(sim.client, "/lfs1/missing")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SmpDeviceError);
    expect(error).toMatchObject({ rcName: "FILE_NOT_FOUND" });
  });

  test("upload then download round-trips and compares equal by sha256", async () => {
    const sim = await virtualSim(NATIVE_SIM_SERIAL);
    const data = pattern(4_321, 11);
    await sim.run(() => uploadFile(sim.client, "/lfs1/r.bin", data));
    const back = await sim.run(() => downloadFile(sim.client, "/lfs1/r.bin"));
    expect(toHex(back.data)).toBe(toHex(data));
    const same = await sim.run(() => compareFile(sim.client, "/lfs1/r.bin", data));
    expect(same).toMatchObject({ type: "sha256", match: true });
    const changed = data.slice();
    changed[100] = changed[100]! ^ 1;
    expect((await sim.run(() => compareFile(sim.client, "/lfs1/r.bin", changed))).match).toBe(false);
    const shorter = await sim.run(() => compareFile(sim.client, "/lfs1/r.bin", data.subarray(1)));
    expect(shorter).toMatchObject({ match: false, deviceHex: "(4321 bytes)" });
  });
});
