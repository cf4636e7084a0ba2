import { beforeAll, describe, expect, test } from "vitest";
import { inEnglish, questionInEnglish } from "../../support/in-english.js";
import {
  issueMessage,
  ManifestError,
  ManifestFlowError,
  parseManifest,
  parseManifestText,
  type ManifestIssue,
} from "../../../src/core/manifest/index.js";
import { BASE, demoFile, manifestJson, type DemoFile } from "../../support/manifest/fixtures.js";

let v110: DemoFile;
let v120: DemoFile;
let valid: Record<string, unknown>;

beforeAll(async () => {
  [v110, v120] = await Promise.all([demoFile("1.1.0"), demoFile("1.2.0", 4)]);
  valid = await manifestJson([
    { version: "1.1.0", file: v110 },
    { version: "1.2.0", file: v120, url: "https://cdn.vendor.example/acme/app-1.2.0.bin" },
  ]);
});

// The cases below edit arbitrary JSON by path; typing each shape would only restate the schema.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

/** Deep copy of the valid manifest with `edit` applied. */
function variant(edit: (m: Json) => void): unknown {
  const copy = structuredClone(valid);
  edit(copy);
  return copy;
}

function issuesOf(json: unknown, base = BASE): ManifestIssue[] {
  try {
    parseManifest(json, base);
  } catch (error) {
    expect(error).toBeInstanceOf(ManifestError);
    if (error instanceof ManifestError) {
      expect(error.code).toBe("manifest-invalid");
      return [...error.issues];
    }
  }
  throw new Error("the manifest was accepted");
}

describe("a valid manifest", () => {
  test("parses with URLs resolved, hashes normalised and releases newest first", () => {
    const upper = variant((m) => {
      m.releases[0].images[0].sha256 = v110.sha256.toUpperCase();
    });
    const manifest = parseManifest(upper, BASE);
    expect(manifest.product).toBe("Acme Sensor");
    expect(manifest.vendor).toBe("Acme");
    expect(manifest.url).toBe(BASE);
    expect(manifest.releases.map((r) => r.version)).toEqual(["1.2.0", "1.1.0"]);
    expect(manifest.releases[0]?.images[0]?.url).toBe("https://cdn.vendor.example/acme/app-1.2.0.bin");
    expect(manifest.releases[1]?.images[0]).toMatchObject({
      url: "https://vendor.example/fw/app-1.1.0.bin",
      sha256: v110.sha256,
      size: v110.bytes.length,
      image: 0,
      version: "1.1.0",
      path: "releases[0].images[0]",
    });
    expect(manifest.match.serial).toEqual([
      { path: "match.serial[0]", usbVendorId: 0x2fe3, usbProductId: 0x0100 },
    ]);
    expect(manifest.match.device?.board?.regex.test("nrf52840dk/nrf52840")).toBe(true);
    expect(manifest.update).toEqual({ mode: "test-and-confirm", noDowngrade: true, upgradeOnly: false });
    expect(manifest.keys[0]).toMatchObject({ name: "Acme release key", source: { kind: "pem" } });
  });

  test("defaults: test-and-confirm, no downgrades, image 0, key names", () => {
    const minimal = {
      schemaVersion: 1,
      product: "Gadget",
      keys: [{ url: "keys/release.pem" }],
      releases: [{ version: "2.0.0+7", images: [{ url: "/g.bin", sha256: v110.sha256, size: 10 }] }],
    };
    const manifest = parseManifest(minimal, "http://localhost:8080/a/b/manifest.json");
    expect(manifest.update).toEqual({ mode: "test-and-confirm", noDowngrade: true, upgradeOnly: false });
    expect(manifest.keys[0]).toMatchObject({
      name: "keys[0]",
      source: { kind: "url", url: "http://localhost:8080/a/b/keys/release.pem" },
    });
    expect(manifest.releases[0]?.images[0]).toMatchObject({
      image: 0,
      url: "http://localhost:8080/g.bin",
      version: "2.0.0+7",
    });
    expect(manifest.match).toEqual({});
  });

  test("service data rules expand short UUIDs and keep bytes", () => {
    const manifest = parseManifest(
      variant((m) => {
        m.match.bluetooth = [{ serviceData: { service: "0xFE59", dataPrefix: "01ff", mask: "ffff" } }];
      }),
      BASE,
    );
    expect(manifest.match.bluetooth?.[0]?.serviceData).toEqual({
      service: "0000fe59-0000-1000-8000-00805f9b34fb",
      dataPrefix: Uint8Array.of(1, 0xff),
      mask: Uint8Array.of(0xff, 0xff),
    });
  });

  test("parseManifestText reads JSON text", () => {
    expect(parseManifestText(JSON.stringify(valid), BASE).product).toBe("Acme Sensor");
  });
});

describe("every invalid field is named", () => {
  const cases: [string, (m: Json) => void, string, RegExp][] = [
    [
      "wrong sha256",
      (m) => (m.releases[0].images[0].sha256 = "abc"),
      "releases[0].images[0].sha256",
      /expected 64 hex digits/,
    ],
    [
      "missing sha256",
      (m) => delete m.releases[1].images[0].sha256,
      "releases[1].images[0].sha256",
      /missing/,
    ],
    [
      "negative size",
      (m) => (m.releases[0].images[0].size = -1),
      "releases[0].images[0].size",
      /integer from 1/,
    ],
    [
      "size as text",
      (m) => (m.releases[0].images[0].size = "12"),
      "releases[0].images[0].size",
      /found a string/,
    ],
    [
      "image number too high",
      (m) => (m.releases[0].images[0].image = 16),
      "releases[0].images[0].image",
      /0 to 15/,
    ],
    ["bad version", (m) => (m.releases[0].version = "1.2"), "releases[0].version", /"1\.2\.3"/],
    [
      "version out of range",
      (m) => (m.releases[0].version = "256.0.0"),
      "releases[0].version",
      /MCUboot's limits/,
    ],
    ["empty product", (m) => (m.product = " "), "product", /must not be empty/],
    ["product not a string", (m) => (m.product = 5), "product", /^expected a string, found a number$/],
    [
      "unknown field with a suggestion",
      (m) => (m.releases[0].images[0].sha265 = "x"),
      "releases[0].images[0].sha265",
      /did you mean "sha256"/,
    ],
    ["unknown top-level field", (m) => (m.firmware = []), "firmware", /unknown field/],
    ["schema version", (m) => (m.schemaVersion = 2), "schemaVersion", /^expected 1, found 2$/],
    ["no keys", (m) => (m.keys = []), "keys", /at least 1 entry/],
    ["key with pem and url", (m) => (m.keys[0].url = "k.pem"), "keys[0]", /exactly one of "pem"/],
    ["key that is not PEM", (m) => (m.keys[0].pem = "hello"), "keys[0].pem", /PEM public key/],
    [
      "plain http image",
      (m) => (m.releases[0].images[0].url = "http://vendor.example/a.bin"),
      "releases[0].images[0].url",
      /only https/,
    ],
    ["ftp key", (m) => (m.keys[0] = { url: "ftp://vendor.example/k.pem" }), "keys[0].url", /only https/],
    [
      "backslash in a URL",
      (m) => (m.releases[0].images[0].url = "..\\a.bin"),
      "releases[0].images[0].url",
      /backslashes/,
    ],
    [
      "credentials in a URL",
      (m) => (m.releases[0].images[0].url = "https://u:p@vendor.example/a.bin"),
      "releases[0].images[0].url",
      /user name/,
    ],
    ["no releases", (m) => (m.releases = []), "releases", /at least 1/],
    ["releases not an array", (m) => (m.releases = {}), "releases", /expected an array, found an object/],
    [
      "release not an object",
      (m) => (m.releases[1] = "1.0.0"),
      "releases[1]",
      /expected an object, found a string/,
    ],
    ["no images", (m) => (m.releases[0].images = []), "releases[0].images", /at least 1/],
    [
      "duplicate version",
      (m) => (m.releases[1].version = "1.1.0"),
      "releases[1].version",
      /already listed at releases\[0\]/,
    ],
    [
      "duplicate image",
      (m) => m.releases[0].images.push({ ...m.releases[0].images[0] }),
      "releases[0].images[1].image",
      /already listed/,
    ],
    ["bad date", (m) => (m.releases[0].date = "1 May 2026"), "releases[0].date", /YYYY-MM-DD/],
    [
      "bad minimum version",
      (m) => (m.releases[0].requires = { minimumVersion: "x" }),
      "releases[0].requires.minimumVersion",
      /version like/,
    ],
    [
      "bad regex",
      (m) => (m.match.device.board = "nrf(52"),
      "match.device.board",
      /not a valid regular expression/,
    ],
    ["update mode", (m) => (m.update.mode = "yolo"), "update.mode", /one of "test-and-confirm"/],
    ["noDowngrade as text", (m) => (m.update.noDowngrade = "yes"), "update.noDowngrade", /true or false/],
    ["empty bluetooth rule", (m) => (m.match.bluetooth = [{}]), "match.bluetooth[0]", /at least one of name/],
    [
      "bluetooth name too long",
      (m) => (m.match.bluetooth[0].namePrefix = "x".repeat(40)),
      "match.bluetooth[0].namePrefix",
      /at most 29/,
    ],
    [
      "service data mask length",
      (m) => (m.match.bluetooth = [{ serviceData: { service: "fe59", dataPrefix: "01", mask: "ffff" } }]),
      "match.bluetooth[0].serviceData.mask",
      /as many bytes/,
    ],
    [
      "service UUID",
      (m) => (m.match.bluetooth = [{ serviceData: { service: "smp" } }]),
      "match.bluetooth[0].serviceData.service",
      /16-bit service UUID/,
    ],
    [
      "usb id text",
      (m) => (m.match.serial[0].usbVendorId = "acme"),
      "match.serial[0].usbVendorId",
      /USB id as hex/,
    ],
    [
      "usb id range",
      (m) => (m.match.serial[0].usbProductId = 70000),
      "match.serial[0].usbProductId",
      /0 to 65535/,
    ],
    [
      "missing usb vendor",
      (m) => delete m.match.serial[0].usbVendorId,
      "match.serial[0].usbVendorId",
      /missing/,
    ],
  ];

  test.each(cases)("%s", (_name, edit, path, message) => {
    const issues = issuesOf(variant(edit));
    const issue = issues.find((i) => i.path === path);
    expect(issue, JSON.stringify(issues)).toBeDefined();
    if (issue) expect(questionInEnglish(issueMessage(issue))).toMatch(message);
  });

  test("all problems are reported at once, and the message names the field", () => {
    const broken = variant((m) => {
      m.releases[0].images[0].sha256 = "xyz";
      m.releases[1].version = "one";
      m.product = 1;
    });
    try {
      parseManifest(broken, BASE);
      expect.unreachable();
    } catch (error) {
      if (!(error instanceof ManifestError)) throw error;
      const e = error;
      expect(e.issues.map((i) => i.path).sort()).toEqual([
        "product",
        "releases[0].images[0].sha256",
        "releases[1].version",
      ]);
      expect(e.issues.map((i) => i.code)).toEqual(["wrong-type", "sha256", "version"]);
      expect(e.params).toEqual({ field: "product", count: 3, more: 0 });
      expect(inEnglish(e)).toContain(
        "The manifest is not valid: product: expected a string, found a number; " +
          "releases[0].images[0].sha256: expected 64 hex digits (the SHA-256 of the file, e.g. from sha256sum); " +
          'releases[1].version: expected a version like "1.2.3" or "1.2.3+4" (major.minor.revision, optional +build), found "one".',
      );
      expect(inEnglish(e)).toContain("docs/manifest.md");
      expect(questionInEnglish(issueMessage(e.issues[1]!))).toMatch(/^expected 64 hex digits/);
    }
  });

  test("the document itself", () => {
    const [notObject] = issuesOf([]);
    expect(notObject).toEqual({
      path: "(manifest)",
      code: "wrong-type",
      params: { expectedKey: "manifest-type.object", foundKey: "manifest-type.array" },
    });
    expect(questionInEnglish(issueMessage(notObject!))).toBe("expected an object, found an array");
    expect(questionInEnglish(issueMessage(issuesOf(null)[0]!))).toBe("expected an object, found null");
    const [origin] = issuesOf(valid, "http://vendor.example/m.json");
    expect(origin).toEqual({
      path: "(manifest)",
      code: "manifest-origin",
      params: { baseUrl: "http://vendor.example/m.json" },
    });
    expect(questionInEnglish(issueMessage(origin!))).toMatch(/https/);
  });

  test("the message lists the first five problems and counts the rest", () => {
    const broken = variant((m) => {
      m.releases[0].images = Array.from({ length: 8 }, (_, image) => ({
        image,
        url: "a.bin",
        sha256: "x",
        size: 1,
      }));
    });
    try {
      parseManifest(broken, BASE);
      expect.unreachable();
    } catch (error) {
      if (!(error instanceof ManifestError)) throw error;
      expect(error.issues).toHaveLength(8);
      expect(error.params).toEqual({ field: "releases[0].images[0].sha256", count: 8, more: 3 });
      const text = inEnglish(error);
      expect(text).toContain("releases[0].images[4].sha256: expected 64 hex digits");
      expect(text).not.toContain("releases[0].images[5]");
      expect(text).toContain("(and 3 more problems).");
    }
  });

  test("a web page where the manifest should be is named as such", () => {
    for (const page of ["<!doctype html><html><body>Not found</body></html>", "\n  <html lang=en>"]) {
      let thrown: unknown;
      try {
        parseManifestText(page, BASE);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toMatchObject({ code: "manifest-is-html", params: { baseUrl: BASE } });
      expect(inEnglish(thrown)).toContain("answered with a web page (HTML)");
    }
  });

  test("text that is not JSON", () => {
    expect(() => parseManifestText("<html>", BASE)).toThrow(ManifestFlowError);
    try {
      parseManifestText("{", BASE);
    } catch (error) {
      expect(error).toMatchObject({ code: "manifest-not-json" });
      expect(String(error)).toContain(BASE);
    }
  });
});
