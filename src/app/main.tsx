// Entry point: mounts the app, then registers the service worker once the page has loaded (so caching for
// offline use never competes with the first paint).

// Global styles first, so each panel's own stylesheet (imported by the panel) comes after them.
import "./styles/base.css";
import "./styles/layout.css";
import "./styles/controls.css";
import "./styles/panels.css";
import { StrictMode, Suspense, lazy } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app.js";
import { registerServiceWorker } from "./pwa/service-worker.js";

// ?manifest=URL opens the focused vendor install screen (docs/manifest.md) instead of the full app.
const InstallFlow = lazy(() => import("./install/index.js").then((m) => ({ default: m.InstallFlow })));
const manifestUrl = new URLSearchParams(window.location.search).get("manifest");

const root = document.getElementById("root");
if (root) {
  createRoot(root).render(
    <StrictMode>
      {manifestUrl ? (
        <Suspense fallback={null}>
          <InstallFlow manifestUrl={manifestUrl} />
        </Suspense>
      ) : (
        <App />
      )}
    </StrictMode>,
  );
}

if (import.meta.env.PROD) {
  const register = () => void registerServiceWorker();
  if (document.readyState === "complete") register();
  else window.addEventListener("load", register, { once: true });
}
