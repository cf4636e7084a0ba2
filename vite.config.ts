import { defineConfig, type Plugin } from "vite";
import react from "@vitejs/plugin-react";
import { VitePWA } from "vite-plugin-pwa";
import { compiledCatalogs } from "./vite-catalogs.js";
import { readFileSync } from "node:fs";

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL("./package.json", import.meta.url), "utf8")) as {
    version: string;
  };
  return pkg.version;
}

// The dev server injects an inline module script (React Fast Refresh), which the strict CSP in index.html
// forbids. Drop the meta tag while developing only; the production build keeps it untouched.
function devWithoutCsp(): Plugin {
  return {
    name: "mcuflash-dev-without-csp",
    apply: "serve",
    transformIndexHtml: (html) => html.replace(/<meta\s+http-equiv="Content-Security-Policy"[^>]*>/s, ""),
  };
}

// cbor-x probes for eval at load time (`new Function('')`). Our CSP blocks it, as intended, but Chrome then
// logs a CSP violation every time the SMP chunk loads. cbor-x's own no-eval build is made by renaming those
// calls to an undefined `BlockedFunction`; do the same to the ESM source, so the probe fails quietly and the
// decoder takes its eval-free path (it never builds code from device data either way).
function cborWithoutEval(): Plugin {
  return {
    name: "mcuflash-cbor-x-no-eval",
    transform(code, id) {
      if (!/[\\/]cbor-x[\\/]decode\.js$/.test(id)) return null;
      return { code: code.replaceAll("new Function(", "BlockedFunction("), map: null };
    },
  };
}

// The app is served from the repository root (index.html + public/ icons) and built into dist/. The service worker
// precaches every emitted asset, lazy chunks included (demo device, image verifier, SMP client), so a
// technician who opened the app once can verify and flash firmware with no network at all.
export default defineConfig({
  // McuFlash's version in every audit record.
  define: { __MCUFLASH_VERSION__: JSON.stringify(packageVersion()) },
  // Relative URLs everywhere (scripts, icons, the service worker and its scope, the manifest's start_url and
  // scope), so the same dist/ works at https://host/ and at https://vendor.example/tools/mcuflash/ alike
  // (docs/deploy.md). The app has no client-side routes that would need an absolute base.
  base: "./",
  build: { outDir: "dist", emptyOutDir: true, target: "es2022" },
  plugins: [
    devWithoutCsp(),
    cborWithoutEval(),
    compiledCatalogs(),
    react(),
    VitePWA({
      // "prompt" + our own workbox-window glue (src/app/pwa/): a new version is never activated behind the
      // user's back, and never while an upload is running.
      registerType: "prompt",
      injectRegister: null,
      includeAssets: ["icon.svg", "apple-touch-icon.png"],
      manifest: {
        name: "McuFlash — MCUboot firmware updater",
        short_name: "McuFlash",
        description:
          "Update firmware on MCUboot devices over Bluetooth or USB serial, verifying the signed image first.",
        lang: "en",
        start_url: "./",
        scope: "./",
        display: "standalone",
        background_color: "#f6f8f9",
        theme_color: "#0e6470",
        icons: [
          { src: "icon-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
          { src: "icon-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
          { src: "icon-maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
          { src: "icon.svg", sizes: "any", type: "image/svg+xml", purpose: "any" },
        ],
      },
      workbox: {
        globPatterns: ["**/*.{js,css,html,svg,png,webmanifest}"],
        navigateFallback: "index.html",
        cleanupOutdatedCaches: true,
        // One file instead of sw.js + workbox-*.js: fewer moving parts for an offline install.
        inlineWorkboxRuntime: true,
      },
    }),
  ],
});
