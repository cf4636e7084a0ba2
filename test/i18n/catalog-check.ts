// What the catalog checks need: every catalog file, the placeholders a message uses, and which keys the code
// refers to (directly as a literal, or through an error's code + variant, an rc table or a command name).

import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { compileMessage } from "@lingui/message-utils/compileMessage";
import ts from "typescript";
import { LOCALES, NAMESPACES, type Locale, type Namespace } from "../../src/i18n/locales.js";

const LOCALE_DIR = new URL("../../src/i18n/locales/", import.meta.url).pathname;
const SRC_DIR = new URL("../../src/", import.meta.url).pathname;

export type Catalog = Readonly<Record<string, string>>;

export function readCatalog(locale: Locale, namespace: Namespace): Catalog {
  return JSON.parse(readFileSync(join(LOCALE_DIR, locale, `${namespace}.json`), "utf8")) as Catalog;
}

export function allCatalogs(): { locale: Locale; namespace: Namespace; catalog: Catalog }[] {
  return LOCALES.flatMap((locale) =>
    NAMESPACES.map((namespace) => ({ locale, namespace, catalog: readCatalog(locale, namespace) })),
  );
}

/** The argument names a message uses (plural and select branches included), sorted. */
export function placeholders(message: string): string[] {
  const names = new Set<string>();
  const walk = (node: unknown): void => {
    if (!Array.isArray(node)) return;
    for (const part of node) {
      if (!Array.isArray(part)) continue;
      const [name, , options] = part as [unknown, unknown, unknown];
      if (typeof name === "string") names.add(name);
      if (options && typeof options === "object")
        for (const branch of Object.values(options as Record<string, unknown>)) walk(branch);
    }
  };
  const compiled = compileMessage(message);
  walk(typeof compiled === "string" ? [] : compiled);
  return [...names].sort();
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => /\.(ts|tsx)$/.test(f))
    .map((f) => join(dir, f));
}

/** Every string literal in src, and the literal parts of template strings, as the TypeScript parser reads them. */
export function sourceLiterals(): Set<string> {
  const literals = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) literals.add(node.text);
    else if (ts.isTemplateExpression(node)) {
      literals.add(node.head.text);
      for (const span of node.templateSpans) literals.add(span.literal.text);
    }
    ts.forEachChild(node, visit);
  };
  for (const file of sourceFiles(SRC_DIR)) {
    const kind = file.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
    visit(ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true, kind));
  }
  return literals;
}
