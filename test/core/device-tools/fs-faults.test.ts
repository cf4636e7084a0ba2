// File transfers over a lossy link: the device's offsets and the client's timeouts bring every byte through.
// Real time with short timeouts, since the client's timers are real.
import { inEnglish } from "../../support/in-english.js";
import { describe, expect, test } from "vitest";
import { toHex } from "../../../src/core/bytes.js";
import { downloadFile, offsetInError, uploadFile } from "../../../src/core/device-tools/index.js";
import { SmpDeviceError, fsUpload } from "../../../src/core/smp/index.js";
import { udpLink } from "../../../src/sim/link-model.js";
import { scriptedClient } from "../../support/scripted-smp-client.js";
import { realSim } from "../../support/sim/smp-client.js";

function bytes(size: number): Uint8Array {
  return Uint8Array.from({ length: size }, (_, i) => (i * 31 + (i >> 8)) & 0xff);
}

const FAST = {
  transport: "serial" as const,
  bufSize: 384,
  bufCount: 4,
  processingMs: 0,
  flash: { writeBytesPerMs: 1e6 },
  linkModel: udpLink({ latencyMs: 0.2, bytesPerMs: 1e5 }),
};

describe("lossy link", () => {
  test("an upload with lost requests and answers still writes every byte", async () => {
    const sim = await realSim({
      ...FAST,
      faults: { seed: 42, requests: { drop: 0.08 }, responses: { drop: 0.05 }, skipFirst: 2, maxFaults: 12 },
    });
    const data = bytes(12_000);
    const result = await uploadFile(sim.client, "/lfs1/lossy.bin", data, {
      timeouts: { chunkMs: 60, firstChunkMs: 200, lastChunkMs: 200 },
      maxRetries: 20,
    });
    expect(sim.transport.faultLog.length).toBeGreaterThan(0);
    expect(result.retransmittedBytes).toBeGreaterThan(0);
    expect(toHex(sim.device.files().get("/lfs1/lossy.bin")!)).toBe(toHex(data));
  });

  test("a download with lost requests and answers still returns every byte", async () => {
    const data = bytes(10_000);
    const sim = await realSim({
      ...FAST,
      fs: { files: { "/lfs1/d.bin": data } },
      faults: { seed: 7, requests: { drop: 0.08 }, responses: { drop: 0.05 }, skipFirst: 2, maxFaults: 12 },
    });
    const result = await downloadFile(sim.client, "/lfs1/d.bin", { timeoutMs: 60, maxRetries: 20 });
    expect(sim.transport.faultLog.length).toBeGreaterThan(0);
    expect(toHex(result.data)).toBe(toHex(data));
  });

  test("a device that stops answering ends the upload with a file-specific error", async () => {
    const sim = await realSim({ ...FAST, faults: { seed: 1, requests: { drop: 1 }, skipFirst: 3 } });
    await expect(
      uploadFile(sim.client, "/lfs1/dead.bin", bytes(5_000), {
        timeouts: { chunkMs: 20, firstChunkMs: 20, lastChunkMs: 20 },
        maxRetries: 2,
      }),
    ).rejects.toSatisfy(
      (e: unknown) =>
        (e as { code?: string }).code === "fs-upload-stalled" &&
        /\/lfs1\/dead\.bin at byte \d+ of 5,?000/.test(inEnglish(e)),
    );
  });

  test("a device that stops sending ends the download with a file-specific error", async () => {
    const sim = await realSim({
      ...FAST,
      fs: { files: { "/lfs1/big": bytes(4_000) } },
      faults: { seed: 1, responses: { drop: 1 }, skipFirst: 3 },
    });
    await expect(
      downloadFile(sim.client, "/lfs1/big", { timeoutMs: 20, maxRetries: 2 }),
    ).rejects.toMatchObject({
      code: "fs-download-stalled",
    });
  });

  test("cancelling stops a transfer with a cancelled error", async () => {
    const sim = await realSim({ ...FAST, linkModel: udpLink({ latencyMs: 5, bytesPerMs: 10 }) });
    const controller = new AbortController();
    const upload = uploadFile(sim.client, "/lfs1/c.bin", bytes(20_000), { signal: controller.signal });
    setTimeout(() => controller.abort(), 30);
    await expect(upload).rejects.toMatchObject({ code: "cancelled" });
  });
});

describe("the device's offset in an error", () => {
  const command = fsUpload;
  test("FILE_OFFSET_NOT_VALID with len (v2) and EINVAL with len (v1) give the offset", () => {
    const v2 = new SmpDeviceError(
      command,
      { style: "err", group: 8, rc: 11, rsn: undefined },
      { err: { group: 8, rc: 11 }, len: 527 },
    );
    const v1 = new SmpDeviceError(
      command,
      { style: "rc", group: 8, rc: 3, rsn: undefined },
      { rc: 3, len: 100n },
    );
    expect(offsetInError(v2)).toBe(527);
    expect(offsetInError(v1)).toBe(100);
  });

  test("other errors, or no usable len, give nothing", () => {
    const noLen = new SmpDeviceError(
      command,
      { style: "err", group: 8, rc: 11, rsn: undefined },
      { err: { group: 8, rc: 11 } },
    );
    const other = new SmpDeviceError(command, { style: "err", group: 8, rc: 3, rsn: undefined }, { len: 5 });
    const negative = new SmpDeviceError(
      command,
      { style: "err", group: 8, rc: 11, rsn: undefined },
      { len: -1 },
    );
    expect(offsetInError(noLen)).toBeUndefined();
    expect(offsetInError(other)).toBeUndefined();
    expect(offsetInError(negative)).toBeUndefined();
    expect(offsetInError(new Error("x"))).toBeUndefined();
  });
});

describe("downloads from unusual servers", () => {
  const file = bytes(1_000);
  const serve = (chunkFor: (off: number) => number) =>
    scriptedClient((r) => {
      const off = typeof r.body.off === "number" ? r.body.off : 0;
      if (r.group === 8 && r.command === 0) {
        const data = file.subarray(off, off + chunkFor(off));
        return off === 0 ? { off, data, len: file.length } : { off, data };
      }
      if (r.group === 0 && r.command === 6) return { buf_size: 512, buf_count: 4 };
      return { rc: 8 };
    });

  test("answers shorter than the first one leave gaps that are asked for again", async () => {
    const { client } = serve((off) => (off % 300 === 100 ? 37 : 100));
    const result = await downloadFile(client, "/lfs1/odd");
    expect(toHex(result.data)).toBe(toHex(file));
  });

  test("an answer for another offset, or no length, or an empty answer, is an error", async () => {
    const wrong = scriptedClient((r) =>
      r.group === 8 ? { off: 5, data: new Uint8Array(10), len: 100 } : { buf_size: 512, buf_count: 2 },
    );
    await expect(downloadFile(wrong.client, "/lfs1/x")).rejects.toMatchObject({
      code: "fs-download-bad-offset",
    });
    const noLen = scriptedClient((r) => (r.group === 8 ? { off: 0, data: new Uint8Array(10) } : { rc: 8 }));
    await expect(downloadFile(noLen.client, "/lfs1/x")).rejects.toMatchObject({
      code: "fs-download-no-length",
    });
    const shrinking = serve((off) => (off >= 500 ? 0 : 100));
    await expect(downloadFile(shrinking.client, "/lfs1/x")).rejects.toMatchObject({
      code: "fs-download-short",
    });
  });
});
