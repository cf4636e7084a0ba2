// OS group: echo, taskstat, datetime, reset (veto, force), MCUmgr parameters, info, bootloader info, the
// commands Zephyr does not implement, and protocol-version handling.
import { describe, expect, test } from "vitest";
import { SimulatedDevice, VirtualClock } from "../../src/sim/index.js";
import { G, ask, decode, hex, req } from "../support/sim/smp-packets.js";

async function setup(options: Parameters<typeof SimulatedDevice.create>[0] = {}) {
  const clock = new VirtualClock(0);
  const device = await SimulatedDevice.create({ clock, ...options });
  return { clock, device };
}

describe("echo", () => {
  test("answers r = d, v1 and v2 alike; a missing d echoes an empty string", async () => {
    const { device } = await setup();
    expect((await ask(device, G.os, 0, "write", { d: "héllo ✓" })).body).toEqual({ r: "héllo ✓" });
    expect((await ask(device, G.os, 0, "read", { d: "r" }, { smp: 1 })).body).toEqual({ r: "r" });
    expect((await ask(device, G.os, 0, "write", {})).body).toEqual({ r: "" });
  });

  test("a d that is not text is MGMT_ERR_EINVAL; so is an empty body", async () => {
    const { device } = await setup();
    expect((await ask(device, G.os, 0, "write", { d: 5 })).body).toEqual({ rc: 3 });
    const [rsp] = await device.handlePacket(new Uint8Array([0x0a, 0, 0, 0, 0, 0, 9, 0]));
    expect(hex(rsp!)).toBe("0b00000600000900bf62726303ff");
  });
});

describe("task statistics", () => {
  test("one map per thread, keyed by name, with Zephyr's fields", async () => {
    const { device } = await setup({
      tasks: [{ name: "main", prio: -2, state: 8, stackSize: 256, stackUsed: 40 }],
    });
    expect((await ask(device, G.os, 2, "read")).body).toEqual({
      tasks: { main: { prio: -2, tid: 0, state: 8, stksiz: 256, stkuse: 40 } },
    });
  });

  test("memory pool statistics and echo control are not implemented by Zephyr", async () => {
    const { device } = await setup();
    expect((await ask(device, G.os, 3, "read")).body).toEqual({ rc: 8 });
    expect((await ask(device, G.os, 1, "write", {})).body).toEqual({ rc: 8 });
  });
});

describe("date and time", () => {
  test("an RTC that was never set answers OS_MGMT_ERR_RTC_NOT_SET (v1: ENOENT)", async () => {
    const { device } = await setup();
    expect((await ask(device, G.os, 4, "read")).body).toEqual({ err: { group: 0, rc: 4 } });
    expect((await ask(device, G.os, 4, "read", {}, { smp: 1 })).body).toEqual({ rc: 5 });
  });

  test("set, then read it back as time goes by", async () => {
    const { clock, device } = await setup();
    expect((await ask(device, G.os, 4, "write", { datetime: "2025-01-02T03:04:05" })).body).toEqual({});
    await clock.advance(61_000);
    expect((await ask(device, G.os, 4, "read")).body).toEqual({ datetime: "2025-01-02T03:05:06" });
  });

  test("with milliseconds configured, '.123' is read and printed with %d", async () => {
    const { device } = await setup({ datetimeMs: true });
    await ask(device, G.os, 4, "write", { datetime: "2025-01-02T03:04:05.007" });
    expect((await ask(device, G.os, 4, "read")).body).toEqual({ datetime: "2025-01-02T03:04:05.7" });
  });

  test.each(["not a date", "2025-13-02T03:04:05", "2025-01-02T03:04:05.123456+00:00", "2025-01-02T03:04"])(
    "%s is MGMT_ERR_EINVAL",
    async (datetime) => {
      const { device } = await setup();
      expect((await ask(device, G.os, 4, "write", { datetime })).body).toEqual({ rc: 3 });
    },
  );
});

describe("reset", () => {
  test("answers first, then resets after CONFIG_MCUMGR_GRP_OS_RESET_MS", async () => {
    const { clock, device } = await setup({ resetMs: 250 });
    expect((await ask(device, G.os, 5, "write", {})).body).toEqual({});
    await clock.advance(249);
    expect(device.resetCount).toBe(0);
    await clock.advance(1);
    expect(device.resetCount).toBe(1);
    expect(device.state).toBe("booting");
    await clock.run(device.whenRunning());
    expect(device.state).toBe("running");
  });

  test("an application veto answers MGMT_ERR_EBUSY unless force is true (a bool; Zephyr ignores force: 1)", async () => {
    const { clock, device } = await setup({ resetVeto: true });
    expect((await ask(device, G.os, 5, "write", {})).body).toEqual({ rc: 10 });
    expect((await ask(device, G.os, 5, "write", { force: 1 })).body).toEqual({ rc: 10 });
    expect((await ask(device, G.os, 5, "write", { force: true })).body).toEqual({});
    await clock.advance(300);
    expect(device.resetCount).toBe(1);
  });
});

describe("parameters, info, bootloader", () => {
  test("mcumgr params report buf_size and buf_count", async () => {
    const { device } = await setup({ transport: "ble" });
    expect((await ask(device, G.os, 6, "read")).body).toEqual({ buf_size: 2475, buf_count: 4 });
  });

  test("info prints the selected fields in Zephyr's order, whatever the letters' order", async () => {
    const { device } = await setup();
    expect((await ask(device, G.os, 7, "read")).body).toEqual({ output: "Zephyr" });
    expect((await ask(device, G.os, 7, "read", { format: "vs" })).body).toEqual({ output: "Zephyr 4.4.0" });
    expect((await ask(device, G.os, 7, "read", { format: "a" })).body.output).toBe(
      "Zephyr mcuflash-demo v4.4.0 4.4.0 Mon Jan  5 09:00:00 2026 arm cortex-m4 nrf52840dk/nrf52840 Zephyr",
    );
    expect((await ask(device, G.os, 7, "read", { format: "sx" })).body).toEqual({ err: { group: 0, rc: 2 } });
  });

  test("info without a build date makes 'b' an invalid format", async () => {
    const { device } = await setup({ appInfo: { buildDateTime: undefined } });
    expect((await ask(device, G.os, 7, "read", { format: "b" })).body).toEqual({ err: { group: 0, rc: 2 } });
    expect((await ask(device, G.os, 7, "read", { format: "a" })).body.output).not.toContain("2026");
  });

  test("bootloader info: the bootloader's name, its mode, and no answer to other queries", async () => {
    const { device } = await setup({ mcuboot: { mode: "swap-using-scratch" } });
    expect((await ask(device, G.os, 8, "read")).body).toEqual({ bootloader: "MCUboot" });
    expect((await ask(device, G.os, 8, "read", { query: "mode" })).body).toEqual({ mode: 1 });
    // os_mgmt returns OS_MGMT_ERR_QUERY_YIELDS_NO_ANSWER from the handler: a bare {rc: 3} in v1 and v2.
    expect((await ask(device, G.os, 8, "read", { query: "nope" })).body).toEqual({ rc: 3 });
    expect((await ask(device, G.os, 8, "read", { query: "nope" }, { smp: 1 })).body).toEqual({ rc: 3 });
  });
});

describe("protocol", () => {
  test("header version bits 2 are UNSUPPORTED_TOO_NEW, answered with version bits 1", async () => {
    const { device } = await setup();
    const packet = req(G.os, 0, "write", { d: "hi" });
    packet[0] = (2 << 3) | 2;
    const [rsp] = await device.handlePacket(packet);
    expect(decode(rsp!).header.version).toBe(1);
    expect(decode(rsp!).body).toEqual({ rc: 13 });
  });

  test("unknown groups and commands are MGMT_ERR_ENOTSUP as {rc}; responses echo sequence and command", async () => {
    const { device } = await setup();
    const a = await ask(device, 200, 0, "read", {}, { sequence: 77 });
    expect(a.body).toEqual({ rc: 8 });
    expect(a.header).toMatchObject({ group: 200, sequence: 77, command: 0, op: 1 });
    expect((await ask(device, G.os, 42, "write", {})).header.op).toBe(3);
  });
});
