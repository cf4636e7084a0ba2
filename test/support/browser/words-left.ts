// What a page shows in a language that is not English, checked for English left behind, two ways: pieces of the
// English catalogs (so a key that fell back to English is caught), and English words the catalogs never knew
// (a literal in the code). Also: text wider than its box, shadow roots included. Used by the language walks.

import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { ROOT } from "./launch.js";

export type Catalog = Record<string, string>;

export function catalog(locale: string, namespaces: readonly string[]): Catalog {
  const out: Catalog = {};
  for (const ns of namespaces)
    Object.assign(
      out,
      JSON.parse(readFileSync(`${ROOT}src/i18n/locales/${locale}/${ns}.json`, "utf8")) as Catalog,
    );
  return out;
}

/** Fills a simple ICU message's {placeholders}; plurals and selects are not handled (do not pass them). */
export function fill(message: string | undefined, values: Readonly<Record<string, string>> = {}): string {
  if (message === undefined) throw new Error("no such catalog key");
  return message.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? `{${name}}`);
}

/** Everything a person can read or hear: visible text, shadow roots, aria-labels, titles and the page title. */
export async function readableText(page: Page, selector = "body"): Promise<string> {
  return page.evaluate((root) => {
    // The page's title is the install page's (not a vendor page's, around the element).
    const parts: string[] = root === "body" ? [document.title] : [];
    const visit = (node: Element | ShadowRoot): void => {
      for (const el of Array.from(node.querySelectorAll("*"))) {
        for (const name of ["aria-label", "title", "alt", "placeholder", "aria-valuetext"]) {
          const value = el.getAttribute(name);
          if (value) parts.push(value);
        }
        if (el.shadowRoot) {
          for (const child of Array.from(el.shadowRoot.children))
            if (child instanceof HTMLElement) parts.push(child.innerText);
          visit(el.shadowRoot);
        }
      }
    };
    const start = document.querySelector(root);
    if (start instanceof HTMLElement) {
      parts.push(start.innerText);
      visit(start);
    }
    return parts.join("\n");
  }, selector);
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * Literal pieces (two words or more) of English messages whose translation differs, found in `text`:
 * "Update your {product}" contributes "Update your".
 */
export function catalogEnglishLeft(
  text: string,
  english: Catalog,
  own: Catalog,
  data: readonly string[] = [],
): string[] {
  const found = new Set<string>();
  text = withoutData(text, data);
  for (const [key, en] of Object.entries(english)) {
    if (own[key] === en || /[{,]\s*(plural|select)\s*,/.test(en)) continue;
    for (const piece of en.split(/\{[^}]*\}/)) {
      const literal = piece.trim().replace(/[.:;,…]+$/, "");
      if (!/[A-Za-z]{2,}[^A-Za-z]+[A-Za-z]{2,}/.test(literal) || literal.length < 6) continue;
      if (new RegExp(`(^|[^A-Za-z])${escape(literal)}($|[^A-Za-z])`).test(text)) found.add(literal);
    }
  }
  return [...found];
}

/** Words no German sentence uses but nearly every English one does. */
const ENGLISH_ONLY = new Set(
  (
    "the your is are and of to with this that not from for on it be has been can cannot could please " +
    "keep connect device devices runs done cancel try again another checked left sent estimating " +
    "matches unknown loading checking installing updated install pick"
  ).split(" "),
);

/** What is left of `text` once the data shown as is (product, versions, notes, names) is taken out. */
function withoutData(text: string, data: readonly string[]): string {
  let rest = text;
  for (const item of [...data].sort((a, b) => b.length - a.length)) rest = rest.split(item).join(" ");
  // Numbers in hex (USB ids "0x2fe3:0x0100", hashes) are not words.
  return rest.replace(/\b(0x)?[0-9a-f]*[0-9][0-9a-f]*\b/gi, " ");
}

/** English words in a German text (after the data is taken out): the function words English cannot do without. */
export function englishWordsInGerman(text: string, data: readonly string[]): string[] {
  const words = withoutData(text, data).match(/[A-Za-z]+/g) ?? [];
  return [...new Set(words.filter((w) => ENGLISH_ONLY.has(w.toLowerCase())))];
}

/** Latin-script words in a Chinese text (after the data and the names kept in Latin letters are taken out). */
export function latinWordsInChinese(text: string, data: readonly string[]): string[] {
  const words = withoutData(text, data).match(/[A-Za-z]{2,}/g) ?? [];
  return [...new Set(words)];
}

/** Elements whose text is wider than their box (clipped or spilling), shadow roots included, and page scroll. */
export async function overflows(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    if (document.documentElement.scrollWidth > window.innerWidth + 1)
      found.push(`page is ${document.documentElement.scrollWidth}px wide`);
    const all = (root: Document | ShadowRoot): HTMLElement[] =>
      Array.from(root.querySelectorAll<HTMLElement>("*")).flatMap((el) =>
        el.shadowRoot ? [el, ...all(el.shadowRoot)] : [el],
      );
    for (const el of all(document)) {
      if (!el.checkVisibility() || el.children.length > 0 || !el.textContent?.trim()) continue;
      const style = getComputedStyle(el);
      if (style.overflowX === "auto" || style.overflowX === "scroll") continue;
      // Text for screen readers only lives in a 1px clipped box on purpose.
      if (el.clientWidth <= 1 || el.closest(".visually-hidden, .sr")) continue;
      if (el.scrollWidth > el.clientWidth + 1)
        found.push(`${el.tagName.toLowerCase()}.${el.className}: ${el.textContent.trim().slice(0, 60)}`);
      const box = el.getBoundingClientRect();
      if (box.right > window.innerWidth + 1 || box.left < -1)
        found.push(`${el.tagName.toLowerCase()}.${el.className} leaves the screen: ${el.textContent.trim()}`);
    }
    return found;
  });
}
