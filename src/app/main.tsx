// Entry point: mounts the app, then registers the service worker once the page has loaded (so caching for
// offline use never competes with the first paint).

// Global styles first, so each panel's own stylesheet (imported by the panel) comes after them.
import "./styles/base.css";
import "./styles/layout.css";
import "./styles/controls.css";
import "./styles/panels.css";
import { I18nProvider } from "@lingui/react";
import { StrictMode, Suspense, lazy } from "react";
import { createRoot } from "react-dom/client";
import { activateLocale, i18n, preferredLocale } from "../i18n/browser-i18n.js";
import { App } from "./app.js";
import { registerServiceWorker } from "./pwa/service-worker.js";

// ?manifest=URL opens the focused vendor install screen (docs/manifest.md) instead of the full app.
const InstallFlow = lazy(() => import("./install/index.js").then((m) => ({ default: m.InstallFlow })));
const manifestUrl = new URLSearchParams(window.location.search).get("manifest");

const root = document.getElementById("root");
if (root) {
  // Only the active language's catalogs load; the first paint waits for them (one small chunk each).
  const locale = preferredLocale();
  void activateLocale(locale, manifestUrl ? ["errors", "app", "install"] : ["errors", "app"]).then(() => {
    document.documentElement.lang = i18n.locale;
    createRoot(root).render(
      <StrictMode>
        <I18nProvider i18n={i18n}>
          {manifestUrl ? (
            <Suspense fallback={null}>
              <InstallFlow manifestUrl={manifestUrl} />
            </Suspense>
          ) : (
            <App />
          )}
        </I18nProvider>
      </StrictMode>,
    );
  });
}

if (import.meta.env.PROD) {
  const register = () => void registerServiceWorker();
  if (document.readyState === "complete") register();
  else window.addEventListener("load", register, { once: true });
}
