// Statistics, settings, shell, enumeration and Zephyr basic groups.
import { describe, expect, test } from "vitest";
import { SimulatedDevice, VirtualClock } from "../../src/sim/index.js";
import { G, ask } from "../support/sim/smp-packets.js";

async function setup(options: Parameters<typeof SimulatedDevice.create>[0] = {}) {
  const clock = new VirtualClock(0);
  const device = await SimulatedDevice.create({ clock, ...options });
  const reboot = async (): Promise<void> => {
    device.reset();
    await clock.run(device.whenRunning());
  };
  return { clock, device, reboot };
}

describe("statistics", () => {
  test("list, then read a group; ticks count seconds of uptime and flash counters move", async () => {
    const { clock, device } = await setup();
    expect((await ask(device, G.stat, 1, "read")).body).toEqual({
      stat_list: ["flash_sim_stats", "flash_sim_thresholds", "smp_svr_stats"],
    });
    await clock.advance(7_200);
    expect((await ask(device, G.stat, 0, "read", { name: "smp_svr_stats" })).body).toEqual({
      name: "smp_svr_stats",
      fields: { ticks: 7 },
    });
    const flash = await ask(device, G.stat, 0, "read", { name: "flash_sim_stats" });
    expect(Object.keys(flash.body.fields as object)).toContain("bytes_written");
  });

  test("an unknown group is STAT_MGMT_ERR_INVALID_STAT_NAME (v1: ENOENT); no name is EINVAL", async () => {
    const { device } = await setup();
    expect((await ask(device, G.stat, 0, "read", { name: "nope" })).body).toEqual({
      err: { group: 2, rc: 3 },
    });
    expect((await ask(device, G.stat, 0, "read", { name: "nope" }, { smp: 1 })).body).toEqual({ rc: 5 });
    expect((await ask(device, G.stat, 0, "read", {})).body).toEqual({ rc: 3 });
  });
});

describe("settings", () => {
  const val = new Uint8Array([1, 2, 3, 4]);

  test("write, read (with max_size), save, reboot, load", async () => {
    const { device, reboot } = await setup();
    expect((await ask(device, G.settings, 0, "write", { name: "app/value", val })).body).toEqual({});
    expect((await ask(device, G.settings, 0, "read", { name: "app/value" })).body).toEqual({ val });
    expect((await ask(device, G.settings, 0, "read", { name: "app/value", max_size: 2 })).body).toEqual({
      val: val.subarray(0, 2),
    });
    expect((await ask(device, G.settings, 0, "read", { name: "app/value", max_size: 64 })).body).toEqual({
      val,
      max_size: 32,
    });
    expect((await ask(device, G.settings, 3, "write")).body).toEqual({});
    await ask(device, G.settings, 0, "write", { name: "app/unsaved", val });
    await reboot();
    expect((await ask(device, G.settings, 0, "read", { name: "app/value" })).body).toEqual({ val });
    expect((await ask(device, G.settings, 0, "read", { name: "app/unsaved" })).body).toEqual({
      err: { group: 3, rc: 3 },
    });
    expect((await ask(device, G.settings, 3, "read")).body).toEqual({});
    expect((await ask(device, G.settings, 2, "write")).body).toEqual({});
  });

  test("delete removes the stored value", async () => {
    const { device, reboot } = await setup({ settings: { values: { "app/x": val } } });
    expect((await ask(device, G.settings, 1, "write", { name: "app/x" })).body).toEqual({});
    await reboot();
    expect((await ask(device, G.settings, 0, "read", { name: "app/x" })).body).toEqual({
      err: { group: 3, rc: 3 },
    });
  });

  test("errors: unknown root, key too long, no name, no storage backend", async () => {
    const { device } = await setup({ settings: { storage: false } });
    expect((await ask(device, G.settings, 0, "write", { name: "test/value", val })).body).toEqual({
      err: { group: 3, rc: 5 },
    });
    expect((await ask(device, G.settings, 0, "read", { name: "x".repeat(32) })).body).toEqual({
      err: { group: 3, rc: 2 },
    });
    expect((await ask(device, G.settings, 0, "read", { name: "x".repeat(32) }, { smp: 1 })).body).toEqual({
      rc: 3,
    });
    expect((await ask(device, G.settings, 0, "read", {})).body).toEqual({ rc: 3 });
    expect((await ask(device, G.settings, 1, "write", { name: "app/x" })).body).toEqual({
      err: { group: 3, rc: 3 },
    });
    expect((await ask(device, G.settings, 3, "write")).body).toEqual({ err: { group: 3, rc: 8 } });
  });

  test("Zephyr basic erase storage wipes the stored settings", async () => {
    const { device, reboot } = await setup({ settings: { values: { "app/x": val } } });
    expect((await ask(device, G.zephyr, 0, "write")).body).toEqual({});
    await reboot();
    expect((await ask(device, G.settings, 0, "read", { name: "app/x" })).body).toEqual({
      err: { group: 3, rc: 3 },
    });
  });
});

describe("shell", () => {
  test("built-in commands, output in o and the return value in ret", async () => {
    const { clock, device } = await setup();
    expect((await ask(device, G.shell, 0, "write", { argv: ["kernel", "version"] })).body).toEqual({
      o: "\r\nZephyr version 4.4.0\r\n",
      ret: 0,
    });
    expect((await ask(device, G.shell, 0, "write", { argv: ["echo", "a b", "c"] })).body).toEqual({
      o: "\r\na b c\r\n",
      ret: 0,
    });
    await clock.advance(1234);
    expect((await ask(device, G.shell, 0, "write", { argv: ["kernel", "uptime"] })).body.o).toBe(
      "\r\nUptime: 1234 ms\r\n",
    );
    expect((await ask(device, G.shell, 0, "write", { argv: ["nosuchcmd"] })).body).toEqual({
      o: "\r\n\u001b[1;31mnosuchcmd: command not found\r\n\u001b[m",
      ret: -8,
    });
    expect((await ask(device, G.shell, 0, "write", { argv: ["retval"] })).body.o).toBe("\r\n-8\r\n");
  });

  test("application commands can be added", async () => {
    const { device } = await setup({
      shellCommands: { led: (args) => ({ output: `led ${args[0] ?? "?"}\r\n`, ret: 0 }) },
    });
    expect((await ask(device, G.shell, 0, "write", { argv: ["led", "on"] })).body).toEqual({
      o: "\r\nled on\r\n",
      ret: 0,
    });
  });

  test("errors: empty argv, command too long, no argv", async () => {
    const { device } = await setup({ bufSize: 1024 });
    expect((await ask(device, G.shell, 0, "write", { argv: [] })).body).toEqual({ err: { group: 9, rc: 3 } });
    expect((await ask(device, G.shell, 0, "write", { argv: [] }, { smp: 1 })).body).toEqual({ rc: 3 });
    expect((await ask(device, G.shell, 0, "write", { argv: ["echo", "x".repeat(300)] })).body).toEqual({
      err: { group: 9, rc: 2 },
    });
    expect((await ask(device, G.shell, 0, "write", { cmd: "x" })).body).toEqual({ rc: 3 });
  });
});

describe("enumeration", () => {
  test("count, list and single follow Zephyr's registration order; the last has end: true", async () => {
    const { device } = await setup();
    expect((await ask(device, G.enumeration, 0, "read")).body).toEqual({ count: 8 });
    expect((await ask(device, G.enumeration, 1, "read")).body).toEqual({
      groups: [10, 8, 1, 0, 3, 9, 2, 63],
    });
    expect((await ask(device, G.enumeration, 2, "read")).body).toEqual({ group: 10 });
    expect((await ask(device, G.enumeration, 2, "read", { index: 2 })).body).toEqual({ group: 1 });
    expect((await ask(device, G.enumeration, 2, "read", { index: 7 })).body).toEqual({
      group: 63,
      end: true,
    });
    expect((await ask(device, G.enumeration, 2, "read", { index: 8 })).body).toEqual({
      err: { group: 10, rc: 4 },
    });
  });

  test("details: names and handler counts, all or a selection (in registration order)", async () => {
    const { device } = await setup();
    const all = await ask(device, G.enumeration, 3, "read");
    expect(all.body.groups).toContainEqual({ group: 1, name: "img mgmt", handlers: 7 });
    expect(all.body.groups).toContainEqual({ group: 0, name: "os mgmt", handlers: 9 });
    expect((await ask(device, G.enumeration, 3, "read", { groups: [63, 0, 1] })).body).toEqual({
      groups: [
        { group: 1, name: "img mgmt", handlers: 7 },
        { group: 0, name: "os mgmt", handlers: 9 },
        { group: 63, name: "zephyr basic mgmt", handlers: 1 },
      ],
    });
  });

  test("groups left out of the build are not enumerated and answer ENOTSUP", async () => {
    const { device } = await setup({ groups: { shell: false, fs: false } });
    expect((await ask(device, G.enumeration, 1, "read")).body).toEqual({ groups: [10, 1, 0, 3, 2, 63] });
    expect((await ask(device, G.shell, 0, "write", { argv: ["help"] })).body).toEqual({ rc: 8 });
  });
});
