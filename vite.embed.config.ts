import { defineConfig, type Plugin } from "vite";
import { compiledCatalogs } from "./vite-catalogs.js";

// The embeddable <mcuflash-install> element (src/embed) as a small ES module library, separate from the app:
// no React, plain DOM in a shadow root. Built into dist/embed/ after the app build (which empties dist/):
//   npx vite build && npx vite build -c vite.embed.config.ts
// A vendor hosts dist/embed/ and adds <script type="module" src=".../mcuflash-install.js">. The simulated demo
// device is a separate chunk, fetched only by an element with the `demo` attribute.

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

export default defineConfig({
  publicDir: false,
  plugins: [cborWithoutEval(), compiledCatalogs()],
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
      // The demo chunk may import what it shares with the element from the element's own file, so a vendor
      // hosts two files, not a handful of shared chunks.
      preserveEntrySignatures: "allow-extension",
      // Library builds keep whitespace by default; this file is meant to be shipped as is.
      output: {
        minify: true,
        chunkFileNames: "mcuflash-install-[name]-[hash].js",
        codeSplitting: {
          groups: [
            { name: "shared", test: (id: string) => !/[\\/]src[\\/]sim[\\/]|demo-devices|@noble/.test(id) },
          ],
        },
      },
    },
  },
});
