import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { FileSessionStore } from "../../src/cli/file-session-store.js";

describe("the CLI's session file keeps what uploads learnt about each device", () => {
  test("a link profile saved by one run is read by the next, per device", async () => {
    const dir = await mkdtemp(join(tmpdir(), "mcuflash-store-"));
    const path = join(dir, "upload-sessions.json");
    const first = new FileSessionStore(path);
    await first.saveLinkProfile("serial /dev/ttyACM0", {
      windowLimit: 1,
      pipelinedLines: 2,
      updatedAt: "2026-12-05T10:00:00.000Z",
    });
    await first.saveLinkProfile("udp 127.0.0.1:1337", {
      windowLimit: 3,
      updatedAt: "2026-12-05T10:01:00.000Z",
    });
    const next = new FileSessionStore(path);
    expect(await next.loadLinkProfile("serial /dev/ttyACM0")).toEqual({
      windowLimit: 1,
      pipelinedLines: 2,
      updatedAt: "2026-12-05T10:00:00.000Z",
    });
    expect((await next.loadLinkProfile("udp 127.0.0.1:1337"))?.windowLimit).toBe(3);
    expect(await next.loadLinkProfile("serial /dev/ttyUSB9")).toBeUndefined();
    expect(JSON.parse(await readFile(join(dir, "link-profiles.json"), "utf8"))).toHaveProperty(
      ["serial /dev/ttyACM0", "windowLimit"],
      1,
    );
  });

  test("a damaged or hand-edited file is ignored entry by entry, never a reason to fail", async () => {
    const dir = await mkdtemp(join(tmpdir(), "mcuflash-store-"));
    const path = join(dir, "upload-sessions.json");
    await writeFile(
      join(dir, "link-profiles.json"),
      JSON.stringify({
        good: { windowLimit: 2, updatedAt: "x" },
        zero: { windowLimit: 0, updatedAt: "x" },
        text: { windowLimit: "3", updatedAt: "x" },
        lines: { windowLimit: 1, pipelinedLines: -1, updatedAt: "x" },
      }),
    );
    const store = new FileSessionStore(path);
    expect(await store.loadLinkProfile("good")).toEqual({ windowLimit: 2, updatedAt: "x" });
    for (const bad of ["zero", "text", "lines"]) expect(await store.loadLinkProfile(bad)).toBeUndefined();
    await writeFile(join(dir, "link-profiles.json"), "{not json");
    expect(await store.loadLinkProfile("good")).toBeUndefined();
  });
});
