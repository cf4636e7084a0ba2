import { describe, expect, test } from "vitest";
import { enumerateGroups, supportedGroups } from "../../../src/core/device-tools/index.js";
import { SmpGroup } from "../../../src/core/smp/index.js";
import { NATIVE_SIM_SERIAL } from "../../../src/sim/presets.js";
import { capture } from "../../support/captures/zephyr-by-name.js";
import { NOT_SUPPORTED, scriptedClient } from "../../support/scripted-smp-client.js";
import { virtualSim } from "../../support/sim/smp-client.js";

describe("enumerateGroups", () => {
  test("details from a device with the enumeration group, as Zephyr lists them", async () => {
    const sim = await virtualSim(NATIVE_SIM_SERIAL);
    const result = await sim.run(() => enumerateGroups(sim.client));
    const captured = capture("enum.list v2").response.groups;
    expect(result?.via).toBe("details");
    expect(result?.count).toBe(7);
    expect(result?.groups.map((g) => g.id)).toEqual(captured);
    expect(result?.groups[1]).toEqual({ id: 8, name: "fs mgmt", handlers: 5 });
  });

  test("falls back to the list, then to one group at a time", async () => {
    const listOnly = scriptedClient((r) =>
      r.command === 0 ? { count: 2 } : r.command === 1 ? { groups: [0, 8] } : NOT_SUPPORTED,
    );
    expect(await enumerateGroups(listOnly.client)).toEqual({
      count: 2,
      via: "list",
      groups: [
        { id: 0, name: "OS group" },
        { id: 8, name: "file-system group" },
      ],
    });
    const singleOnly = scriptedClient((r) => {
      if (r.command === 0) return { count: 2 };
      if (r.command === 2) return r.body.index === 1 ? { group: 9, end: true } : { group: 2 };
      return NOT_SUPPORTED;
    });
    expect((await enumerateGroups(singleOnly.client))?.groups.map((g) => g.id)).toEqual([2, 9]);
  });

  test("no enumeration group: undefined", async () => {
    const sim = await virtualSim({ groups: { enumeration: false } });
    expect(await sim.run(() => enumerateGroups(sim.client))).toBeUndefined();
  });
});

describe("supportedGroups", () => {
  test("the enumeration list when the device has one", async () => {
    const sim = await virtualSim(NATIVE_SIM_SERIAL);
    expect(await sim.run(() => supportedGroups(sim.client))).toEqual({
      groups: [10, 8, 0, 3, 9, 2, 63],
      source: "enumeration",
    });
  });

  test("probing finds exactly the groups built in (Zephyr basic is never probed)", async () => {
    const sim = await virtualSim({ groups: { enumeration: false, shell: false, image: false } });
    const result = await sim.run(() => supportedGroups(sim.client));
    expect(result.source).toBe("probing");
    expect([...result.groups].sort((a, b) => a - b)).toEqual([
      SmpGroup.os,
      SmpGroup.stats,
      SmpGroup.settings,
      SmpGroup.fs,
    ]);
  });

  test("probing an OS group with only some commands still finds it", async () => {
    const sim = await virtualSim({
      groups: { enumeration: false },
      os: { mcumgrParams: false, echo: false, info: true },
    });
    expect((await sim.run(() => supportedGroups(sim.client))).groups).toContain(SmpGroup.os);
  });

  test("a group that does not answer a probe counts as missing", async () => {
    const { client } = scriptedClient((r) => (r.group === SmpGroup.stats ? undefined : NOT_SUPPORTED));
    expect(await supportedGroups(client, { timeoutMs: 20 })).toEqual({ groups: [], source: "probing" });
  });
});
