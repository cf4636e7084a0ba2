// Launches Debian's Chromium through playwright-core (never a downloaded browser) and serves the production
// build (dist/, made by `npm test` before this suite) on a free localhost port.

import { chromium, type Browser, type Page } from "playwright-core";
import { preview, type PreviewServer } from "vite";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { watchPagesForFailures } from "./failure-screenshots.js";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
  "--disable-quic",
  "--disable-sync",
];

export const ROOT = fileURLToPath(new URL("../../../", import.meta.url));

/**
 * Collects what a page reports as broken: uncaught exceptions, console errors, and Content-Security-Policy
 * violations (logged as console errors, so a test that expects none also proves the CSP held).
 */
export async function collectPageErrors(page: Page): Promise<string[]> {
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  await page.addInitScript(() =>
    document.addEventListener("securitypolicyviolation", (e) => console.error(`CSP ${e.violatedDirective}`)),
  );
  return errors;
}

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}: run 'npm test' (it installs Debian's chromium).`,
    );
  }
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_FLAGS,
    headless: true,
  });
  watchPagesForFailures(browser, ROOT);
  return browser;
}

export interface ServedApp {
  readonly url: string;
  close(): Promise<void>;
}

/** Serves dist/ with `vite preview` on 127.0.0.1 and a free port. */
export async function serveBuiltApp(): Promise<ServedApp> {
  if (!existsSync(`${ROOT}dist/index.html`)) {
    throw new Error("dist/ is missing: build the app first (npx vite build), as npm test does.");
  }
  const server: PreviewServer = await preview({
    configFile: `${ROOT}vite.config.ts`,
    logLevel: "warn",
    preview: { host: "127.0.0.1", port: 0, strictPort: false, open: false },
  });
  const address = server.httpServer.address();
  if (address === null || typeof address === "string")
    throw new Error("vite preview did not bind a TCP port");
  return {
    url: `http://127.0.0.1:${address.port}/`,
    close: () => server.close(),
  };
}
