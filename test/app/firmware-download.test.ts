import { describe, expect, test } from "vitest";
import { checkFirmwareUrl, firmwareNameOf } from "../../src/app/services/firmware-download.js";

const PAGE = "https://flash.example.com/app/";

describe("firmware addresses", () => {
  test("https anywhere and same-origin paths are accepted", () => {
    const remote = checkFirmwareUrl(" https://vendor.example/fw/app.bin ", PAGE);
    expect(remote.ok && remote.url.href).toBe("https://vendor.example/fw/app.bin");
    const relative = checkFirmwareUrl("fw/app.bin", PAGE);
    expect(relative.ok && relative.url.href).toBe("https://flash.example.com/app/fw/app.bin");
  });

  test("empty, malformed, plain http and other schemes are refused with a reason", () => {
    expect(checkFirmwareUrl("  ", PAGE)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/Type the address/),
    });
    expect(checkFirmwareUrl("http://[bad", PAGE)).toMatchObject({ ok: false });
    expect(checkFirmwareUrl("http://vendor.example/app.bin", PAGE)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/Only https/),
    });
    expect(checkFirmwareUrl("ftp://vendor.example/app.bin", PAGE).ok).toBe(false);
    expect(checkFirmwareUrl("data:application/octet-stream;base64,AA==", PAGE).ok).toBe(false);
  });

  test("a localhost page may fetch from itself over http", () => {
    expect(checkFirmwareUrl("/fw.bin", "http://localhost:4173/").ok).toBe(true);
  });

  test("file names come from Content-Disposition, else the path", () => {
    const url = new URL("https://x.example/builds/42/zephyr.signed.bin?token=1");
    expect(firmwareNameOf(url, null)).toBe("zephyr.signed.bin");
    expect(firmwareNameOf(url, 'attachment; filename="app v2.bin"')).toBe("app v2.bin");
    expect(firmwareNameOf(url, "attachment; filename*=UTF-8''caf%C3%A9.bin")).toBe("café.bin");
    expect(firmwareNameOf(new URL("https://x.example/"), null)).toBe("firmware.bin");
    expect(firmwareNameOf(url, 'attachment; filename="../../etc/passwd"')).toBe(".._.._etc_passwd");
  });
});
