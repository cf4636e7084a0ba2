import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { isAllowedUrl, resolveUrl } from "../../../src/core/manifest/index.js";

function resolved(reference: string, base: string): string {
  const result = resolveUrl(reference, base);
  if (!result.ok) throw new Error(result.problem);
  return result.url;
}

describe("resolveUrl (RFC 3986 section 5.4, on an https base)", () => {
  const base = "https://a/b/c/d;p?q";
  test.each([
    ["g", "https://a/b/c/g"],
    ["./g", "https://a/b/c/g"],
    ["g/", "https://a/b/c/g/"],
    ["/g", "https://a/g"],
    ["//g", "https://g"],
    ["?y", "https://a/b/c/d;p?y"],
    ["g?y", "https://a/b/c/g?y"],
    ["#s", "https://a/b/c/d;p?q"],
    ["g#s", "https://a/b/c/g"],
    [";x", "https://a/b/c/;x"],
    ["", "https://a/b/c/d;p?q"],
    [".", "https://a/b/c/"],
    ["./", "https://a/b/c/"],
    ["..", "https://a/b/"],
    ["../", "https://a/b/"],
    ["../g", "https://a/b/g"],
    ["../..", "https://a/"],
    ["../../g", "https://a/g"],
    ["../../../g", "https://a/g"],
    ["/./g", "https://a/g"],
    ["/../g", "https://a/g"],
    ["g.", "https://a/b/c/g."],
    ["..g", "https://a/b/c/..g"],
    ["./../g", "https://a/b/g"],
    ["g/./h", "https://a/b/c/g/h"],
    ["g/../h", "https://a/b/c/h"],
    ["HTTPS://other.example/x", "https://other.example/x"],
  ])("%s → %s", (reference, expected) => {
    expect(resolved(reference, base)).toBe(expected);
  });

  test("agrees with the WHATWG URL parser on ordinary relative paths", () => {
    const segment = fc.stringMatching(/^[a-zA-Z0-9_~-]{1,8}$/);
    const piece = fc.oneof(segment, fc.constant("."), fc.constant(".."));
    fc.assert(
      fc.property(
        fc.array(piece, { minLength: 1, maxLength: 6 }),
        fc.boolean(),
        fc.option(segment, { nil: undefined }),
        (parts, absolute, query) => {
          const reference = `${absolute ? "/" : ""}${parts.join("/")}${query ? `?${query}` : ""}`;
          const base = "https://vendor.example/fw/v1/manifest.json?x=1";
          expect(resolved(reference, base)).toBe(new URL(reference, base).href);
        },
      ),
    );
  });
});

describe("only https, or http on this machine", () => {
  test.each([
    ["https://vendor.example/a.bin", true],
    ["http://localhost:8080/a.bin", true],
    ["http://127.0.0.1/a.bin", true],
    ["http://[::1]:3000/a.bin", true],
    ["http://vendor.example/a.bin", false],
    ["http://localhost.evil.example/a.bin", false],
    ["ftp://vendor.example/a.bin", false],
    ["data:text/plain,hi", false],
    ["https:///a.bin", false],
    ["a.bin", false],
  ])("%s: %s", (url, allowed) => {
    expect(isAllowedUrl(url)).toBe(allowed);
  });

  test("a relative URL keeps the manifest's scheme and host", () => {
    expect(resolveUrl("a.bin", "http://vendor.example/m.json")).toEqual({
      ok: false,
      problem: "url-not-https",
      resolved: "http://vendor.example/a.bin",
    });
    expect(resolveUrl("a.bin", "relative/m.json")).toEqual({ ok: false, problem: "url-base" });
    expect(resolveUrl("a b.bin", "https://v.example/m.json")).toEqual({
      ok: false,
      problem: "url-characters",
    });
    expect(resolveUrl("https://me:pw@v.example/a.bin", "https://v.example/m.json")).toEqual({
      ok: false,
      problem: "url-credentials",
    });
  });
});
