// Fault injection: each kind of fault on its own (scripted), and whole faulty upload runs that repeat exactly
// for a seed.
import { inEnglish } from "../support/in-english.js";
import { describe, expect, test } from "vitest";
import {
  type FaultPlan,
  FaultInjector,
  SimulatedDevice,
  VirtualClock,
  buildImage,
  createMemoryLink,
  udpLink,
} from "../../src/sim/index.js";
import { sha256 } from "../../src/sim/sha256.js";
import { TestClient, TimeoutError } from "../support/sim/packet-client.js";
import { faultyUpload } from "../support/sim/faulty-upload.js";
import { G, decode, hex, req } from "../support/sim/smp-packets.js";

async function setup(faults: FaultPlan, options: Parameters<typeof SimulatedDevice.create>[0] = {}) {
  const clock = new VirtualClock(0);
  const device = await SimulatedDevice.create({ clock, ...options });
  const link = createMemoryLink(device, { faults, linkModel: udpLink({ latencyMs: 1 }) });
  return { clock, device, link, client: new TestClient(link, clock) };
}

describe("scripted faults", () => {
  test("drop: the request never arrives", async () => {
    const { clock, client, link } = await setup({
      seed: 1,
      script: [{ direction: "request", index: 0, action: { kind: "drop" } }],
    });
    await expect(clock.run(client.request(G.os, 0, "write", { d: "a" }))).rejects.toThrow(TimeoutError);
    expect((await clock.run(client.request(G.os, 0, "write", { d: "b" }))).body).toEqual({ r: "b" });
    expect(link.faultLog).toEqual([{ direction: "request", index: 0, at: 0, action: { kind: "drop" } }]);
  });

  test("duplicate: the device handles the request twice and answers twice", async () => {
    const { clock, client } = await setup({
      seed: 1,
      script: [{ direction: "request", index: 0, action: { kind: "duplicate" } }],
    });
    await clock.run(client.request(G.os, 0, "write", { d: "twice" }));
    await clock.advance(50);
    expect(client.received.map((a) => a.body)).toEqual([{ r: "twice" }, { r: "twice" }]);
  });

  test("corrupt: the response arrives with one bit flipped", async () => {
    const { clock, link } = await setup({
      seed: 5,
      script: [{ direction: "response", index: 0, action: { kind: "corrupt" } }],
    });
    const got: Uint8Array[] = [];
    link.onPacket((p) => got.push(p));
    await link.send(req(G.os, 0, "write", { d: "abc" }, { sequence: 3 }));
    await clock.advance(50);
    const clean = "0b00000800000300bf61726361626" + "3ff";
    const diff = [...got[0]!].filter((b, i) => b !== parseInt(clean.slice(i * 2, i * 2 + 2), 16)).length;
    expect(hex(got[0]!)).not.toBe(clean);
    expect(diff).toBe(1);
  });

  test("corruptAsDrop: a link whose CRC catches it loses the packet instead", async () => {
    const { clock, client } = await setup({
      seed: 5,
      corruptAsDrop: true,
      script: [{ direction: "response", index: 0, action: { kind: "corrupt" } }],
    });
    await expect(clock.run(client.request(G.os, 0, "write", { d: "a" }))).rejects.toThrow(TimeoutError);
  });

  test("delay: the link stalls before the packet", async () => {
    const { clock, client } = await setup({
      seed: 1,
      script: [{ direction: "response", index: 0, action: { kind: "delay", ms: 400 } }],
    });
    await clock.run(client.request(G.os, 6, "read"));
    expect(clock.now()).toBeGreaterThan(400);
    expect(clock.now()).toBeLessThan(410);
  });

  test("rc: the request is answered with an SMP error instead of being processed", async () => {
    const { clock, client, device } = await setup({
      seed: 1,
      script: [{ direction: "request", index: 0, action: { kind: "rc", rc: 10 } }],
    });
    expect((await clock.run(client.request(G.os, 0, "write", { d: "x" }))).body).toEqual({ rc: 10 });
    expect(device.resetCount).toBe(0);
  });

  test("disconnect: the link is lost at that packet", async () => {
    const { clock, client, link } = await setup({
      seed: 1,
      script: [{ direction: "response", index: 1, action: { kind: "disconnect" } }],
    });
    await clock.run(client.request(G.os, 0, "write", { d: "x" }));
    await expect(clock.run(client.request(G.os, 0, "write", { d: "y" }))).rejects.toThrow(TimeoutError);
    expect((await link.closed).kind).toBe("lost");
  });

  test("reset during an upload: the chunk is written, the device resets, its answer never comes", async () => {
    const { clock, client, device, link } = await setup({
      seed: 1,
      script: [{ direction: "request", index: 1, action: { kind: "reset" } }],
    });
    const image = await buildImage({ bodySize: 2000 });
    const sha = await sha256(image);
    await clock.run(
      client.request(G.image, 1, "write", { len: image.length, off: 0, sha, data: image.subarray(0, 200) }),
    );
    await expect(
      clock.run(client.request(G.image, 1, "write", { off: 200, data: image.subarray(200, 400) })),
    ).rejects.toThrow(TimeoutError);
    expect(device.resetCount).toBe(1);
    expect((await link.closed).kind).toBe("lost");
    expect(device.slotBytes(1).subarray(0, 400)).toEqual(image.subarray(0, 400));
    expect(device.uploadState().slot).toBe(-1);
  });

  test("rates outside [0, 1] are refused", () => {
    let error: unknown;
    try {
      new FaultInjector({ seed: 1, requests: { drop: 2 } });
    } catch (e) {
      error = e;
    }
    expect(inEnglish(error)).toMatch(/between 0 and 1/);
  });
});

describe("seeded runs", () => {
  test("the same seed gives the same faults, the same retries and the same result", async () => {
    const a = await faultyUpload(3);
    const b = await faultyUpload(3);
    expect(a).toEqual(b);
    // This seed loses the link and resets the device several times, and the image still lands.
    expect(a.reconnects).toBeGreaterThan(3);
    expect(a.faults.split(",").length).toBeGreaterThan(40);
    expect(a.intact).toBe(true);
  });

  test("another seed gives another run", async () => {
    const a = await faultyUpload(3);
    const c = await faultyUpload(5);
    expect(c.faults).not.toBe(a.faults);
    expect(c.finishedAt).not.toBe(a.finishedAt);
  });

  test("with faults that do not touch data, the upload still lands intact", async () => {
    const clock = new VirtualClock(0);
    const device = await SimulatedDevice.create({ clock, bufSize: 1024 });
    const link = createMemoryLink(device, {
      faults: {
        seed: 9,
        requests: { drop: 0.1, duplicate: 0.1, delay: 0.1 },
        responses: { drop: 0.1, delay: 0.1 },
      },
    });
    const client = new TestClient(link, clock);
    const image = await buildImage({ bodySize: 8_000, seed: 6 });
    const sha = await sha256(image);
    await clock.run(
      (async () => {
        let off = 0;
        while (off < image.length) {
          const data = image.subarray(off, off + 600);
          try {
            const a = await client.request(
              G.image,
              1,
              "write",
              off === 0 ? { len: image.length, off, sha, data } : { off, data },
            );
            if (typeof a.body.off === "number") off = a.body.off;
          } catch {
            // timeout: send again from where we think the device is
          }
        }
      })(),
    );
    expect(device.slotBytes(1).subarray(0, image.length)).toEqual(image);
    expect(decode((await device.handlePacket(req(G.image, 0, "read")))[0]!).body.images).toHaveLength(2);
  });
});
