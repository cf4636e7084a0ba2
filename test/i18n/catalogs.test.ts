// The catalog checks npm test runs: every language has every key, the same placeholders, messages that
// compile, no key that no code uses, and every hint and rc the code names has its words.

import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { GROUP_RC_TABLES, MGMT_RC_TABLE } from "../../src/core/smp/rc/index.js";
import { LOCALES, NAMESPACES } from "../../src/i18n/locales.js";
import { allCatalogs, placeholders, readCatalog, sourceLiterals } from "./catalog-check.js";

const literals = sourceLiterals();

/** The catalog keys of the device's rc words (meanings and hints), from core's rc tables. */
function rcKeys(): Set<string> {
  const keys = new Set(["rc.unknown", "hint.rc.unknown", "rc.mgmt.EPERUSER", "hint.rc.mgmt.EPERUSER"]);
  for (const entry of MGMT_RC_TABLE.values()) {
    keys.add(`rc.mgmt.${entry.name}`);
    if (entry.hint !== undefined) keys.add(`hint.rc.mgmt.${entry.name}`);
  }
  for (const [group, table] of GROUP_RC_TABLES)
    for (const entry of table.values()) {
      keys.add(`rc.${group}.${entry.name}`);
      if (entry.hint !== undefined) keys.add(`hint.rc.${group}.${entry.name}`);
    }
  return keys;
}

const RC_KEYS = rcKeys();

/** Codes built from a kind at run time (`serial-frame-${kind}`): the kind is the literal in the code. */
function codeUsed(code: string): boolean {
  if (literals.has(code)) return true;
  const framed = /^(serial|gatt)-frame-(.+)$/.exec(code);
  return framed !== null && literals.has(framed[2] ?? "");
}

function keyUsed(key: string): boolean {
  if (literals.has(key)) return true;
  if (RC_KEYS.has(key)) return true;
  const [kind, ...rest] = key.split(".");
  const id = rest.join(".");
  switch (kind) {
    case "error": {
      const [code = "", variant] = [rest[0], rest.slice(1).join(".") || undefined];
      return codeUsed(code) && (variant === undefined || literals.has(variant));
    }
    case "hint":
      return literals.has(id);
    case "command":
      return literals.has(id);
    default:
      return false;
  }
}

describe("message catalogs", () => {
  test.each(NAMESPACES)("%s: every language has exactly the English keys", (namespace) => {
    const english = Object.keys(readCatalog("en", namespace)).sort();
    for (const locale of LOCALES) {
      const keys = Object.keys(readCatalog(locale, namespace)).sort();
      const missing = english.filter((k) => !keys.includes(k));
      const extra = keys.filter((k) => !english.includes(k));
      expect({ locale, missing, extra }).toEqual({ locale, missing: [], extra: [] });
    }
  });

  test("every message compiles and uses the same placeholders in every language", () => {
    const problems: string[] = [];
    for (const namespace of NAMESPACES) {
      const english = readCatalog("en", namespace);
      for (const locale of LOCALES) {
        const catalog = readCatalog(locale, namespace);
        for (const [key, message] of Object.entries(catalog)) {
          const source = english[key];
          if (source === undefined) continue;
          try {
            const mine = placeholders(message).join(",");
            const theirs = placeholders(source).join(",");
            if (mine !== theirs) problems.push(`${locale} ${key}: {${mine}} but English has {${theirs}}`);
          } catch (error) {
            problems.push(`${locale} ${key}: does not compile (${String(error).split("\n")[0]})`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
  });

  test("no message is empty", () => {
    const empty = allCatalogs().flatMap(({ locale, catalog }) =>
      Object.entries(catalog)
        .filter(([, m]) => m.trim() === "")
        .map(([k]) => `${locale} ${k}`),
    );
    expect(empty).toEqual([]);
  });

  test("every app and install key the code asks for exists (a missing one would show the key itself on screen)", () => {
    const english = new Set(NAMESPACES.flatMap((ns) => Object.keys(readCatalog("en", ns))));
    const srcDir = new URL("../../src/", import.meta.url).pathname;
    const asked = new Set<string>();
    for (const file of readdirSync(srcDir, { recursive: true, encoding: "utf8" })) {
      if (!/\.(ts|tsx)$/.test(file)) continue;
      const text = readFileSync(join(srcDir, file), "utf8");
      for (const m of text.matchAll(/\bi18n\._\(\s*"((?:app|install)\.[^"]+)"/g)) asked.add(m[1] ?? "");
    }
    expect(asked.size).toBeGreaterThan(100);
    expect([...asked].filter((k) => !english.has(k))).toEqual([]);
  });

  test("every key is used by the code", () => {
    const unused = NAMESPACES.flatMap((ns) => Object.keys(readCatalog("en", ns)).filter((k) => !keyUsed(k)));
    expect(unused).toEqual([]);
  });

  test("every rc in core's tables, and every hint the code names, has words", () => {
    const english = readCatalog("en", "errors");
    const missing = [...RC_KEYS].filter((k) => english[k] === undefined);
    const srcDir = new URL("../../src/", import.meta.url).pathname;
    for (const file of readdirSync(srcDir, { recursive: true, encoding: "utf8" })) {
      // The rc tables keep their reference wording (the catalog's rc.* keys are checked against them above).
      if (!/\.tsx?$/.test(file) || file.startsWith("core/smp/rc/") || file.startsWith("app/")) continue;
      const text = readFileSync(join(srcDir, file), "utf8");
      for (const m of text.matchAll(/\bhint: "([^"]+)"/g))
        if (english[`hint.${m[1]}`] === undefined) missing.push(`hint.${m[1]} (${file})`);
    }
    expect(missing).toEqual([]);
  });
});
