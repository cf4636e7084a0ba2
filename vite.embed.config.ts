import { defineConfig, type Plugin } from "vite";
import { compiledCatalogs } from "./vite-catalogs.js";

// The embeddable <mcuflash-install> element (src/embed) as a small ES module library, separate from the app:
// no React, plain DOM in a shadow root. Built into dist/embed/ after the app build (which empties dist/):
//   npx vite build && npx vite build -c vite.embed.config.ts
// A vendor hosts dist/embed/ and adds <script type="module" src=".../mcuflash-install.js">. The simulated demo
// device is a separate chunk, fetched only by an element with the `demo` attribute; each language's words are
// one chunk (words-en, words-de, words-zh), fetched only by an element that speaks it.

// Same reason as in vite.config.ts: cbor-x probes for eval at load time (`new Function('')`), which a strict
// CSP on the vendor's page reports as a violation. Renamed to an undefined name, the probe fails quietly and
// the decoder takes its eval-free path.
function cborWithoutEval(): Plugin {
  return {
    name: "mcuflash-embed-cbor-x-no-eval",
    transform(code, id) {
      if (!/[\\/]cbor-x[\\/]decode\.js$/.test(id)) return null;
      return { code: code.replaceAll("new Function(", "BlockedFunction("), map: null };
    },
  };
}

// The element's language chunks carry errors.json and install.json whole, but of app.json only what the web
// code it shares with the app words: the link names and their support lines (src/web/capabilities.ts;
// test/i18n/embed-words.test.ts fails when the web code asks for another app key).
export const EMBED_APP_KEYS = /^app\.capabilities\./;

function elementAppWords(): Plugin {
  return {
    name: "mcuflash-embed-app-words",
    enforce: "pre",
    transform(code, id) {
      if (!/[\\/]src[\\/]i18n[\\/]locales[\\/][a-z]+[\\/]app\.json$/.test(id)) return null;
      const messages = JSON.parse(code) as Record<string, string>;
      const kept = Object.entries(messages).filter(([key]) => EMBED_APP_KEYS.test(key));
      return { code: JSON.stringify(Object.fromEntries(kept)), map: null };
    },
  };
}

/** One chunk per language (its catalogs together): an element fetches exactly one, and only its own. */
function languageChunk(id: string): string | null {
  const match = /[\\/]src[\\/]i18n[\\/]locales[\\/]([a-z]+)[\\/]/.exec(id);
  return match ? `words-${match[1]}` : null;
}

export default defineConfig({
  publicDir: false,
  // Before the catalogs are compiled: the app words the element does not use are dropped first.
  plugins: [cborWithoutEval(), elementAppWords(), compiledCatalogs()],
  define: { "process.env.NODE_ENV": JSON.stringify("production") },
  build: {
    outDir: "dist/embed",
    emptyOutDir: true,
    target: "es2022",
    copyPublicDir: false,
    reportCompressedSize: true,
    lib: {
      entry: "src/embed/index.ts",
      formats: ["es"],
      fileName: () => "mcuflash-install.js",
    },
    rolldownOptions: {
      // The element bundles its links on purpose (see src/embed/index.ts); the app loads the same modules lazily
      // through src/web/install-links.ts, so that dynamic import is meant to be ineffective here.
      checks: { ineffectiveDynamicImport: false },
      // The demo chunk may import what it shares with the element from the element's own file, so a vendor
      // hosts two files, not a handful of shared chunks.
      preserveEntrySignatures: "allow-extension",
      // Library builds keep whitespace by default; this file is meant to be shipped as is.
      output: {
        minify: true,
        chunkFileNames: "mcuflash-install-[name]-[hash].js",
        codeSplitting: {
          groups: [
            { name: languageChunk, debugName: "words", priority: 2 },
            {
              name: "shared",
              test: (id: string) =>
                !/[\\/]src[\\/]sim[\\/]|demo-devices|@noble|[\\/]src[\\/]i18n[\\/]locales[\\/]/.test(id),
            },
          ],
        },
      },
    },
  },
});
