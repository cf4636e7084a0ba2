// The install page's downloads fail with a typed error: code "download-failed", a variant per cause and the
// facts as parameters (URL, HTTP status, sizes, host and the system's code), worded by the catalogs.
import { afterEach, describe, expect, test, vi } from "vitest";
import { browserFetcher, DownloadError } from "../../src/web/install-fetcher.js";
import { inEnglish } from "../support/in-english.js";

const URL_ = "https://firmware.example.com/app.bin";
const fetcher = browserFetcher({ offline: false });
const options = { maxBytes: 16, purpose: "firmware" } as const;

async function failure(): Promise<DownloadError> {
  const error: unknown = await fetcher(URL_, options).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DownloadError);
  return error as DownloadError;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("browserFetcher failures", () => {
  test("an HTTP error names the status the server answered", async () => {
    vi.stubGlobal("fetch", () =>
      Promise.resolve(new Response("gone", { status: 404, statusText: "Not Found" })),
    );
    const error = await failure();
    expect(error).toMatchObject({
      code: "download-failed",
      variant: "http-status",
      params: { url: URL_, status: 404, statusText: "Not Found" },
    });
    expect(inEnglish(error)).toBe("The server answered 404 Not Found.");
  });

  test("a file the server declares larger than the manifest allows is not read", async () => {
    const body = new Uint8Array(100);
    vi.stubGlobal("fetch", () =>
      Promise.resolve(new Response(body, { headers: { "content-length": String(body.length) } })),
    );
    const error = await failure();
    expect(error).toMatchObject({ variant: "too-large", params: { url: URL_, declared: 100, maxBytes: 16 } });
    expect(inEnglish(error)).toBe("The file is 100 bytes, more than the 16 the manifest allows.");
  });

  test("an unreachable server: the host, and the system's code when the platform gives one", async () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" });
    vi.stubGlobal("fetch", () => Promise.reject(new TypeError("fetch failed", { cause: refused })));
    const error = await failure();
    expect(error).toMatchObject({
      variant: "unreachable",
      params: { url: URL_, host: "firmware.example.com", errno: "ECONNREFUSED" },
    });
    expect(error.cause).toBeInstanceOf(TypeError);
    expect(inEnglish(error)).toBe(
      "firmware.example.com is unreachable, or does not allow downloads from this page (CORS).",
    );
  });

  test("a device without a network says so", async () => {
    vi.stubGlobal("navigator", { onLine: false });
    vi.stubGlobal("fetch", () => Promise.reject(new TypeError("Failed to fetch")));
    const error = await failure();
    expect(error).toMatchObject({ variant: "offline", params: { url: URL_ } });
    expect(inEnglish(error)).toBe("This device is offline.");
  });
});
