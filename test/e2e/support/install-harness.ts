// Mounts <InstallFlow manifestUrl={?manifest=}> with the app's global styles, exactly as the app does when it is
// opened with ?manifest= — for runs where src/app/main.tsx does not route to it yet (see install-app.test.ts).
// Bundled by install-harness-build.ts.

import "../../../src/app/styles/base.css";
import "../../../src/app/styles/layout.css";
import "../../../src/app/styles/controls.css";
import "../../../src/app/styles/panels.css";
import { createElement, StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { InstallFlow } from "../../../src/app/install/index.js";

const manifest = new URLSearchParams(window.location.search).get("manifest");
const root = document.getElementById("root");
if (root && manifest) {
  createRoot(root).render(
    createElement(StrictMode, null, createElement(InstallFlow, { manifestUrl: manifest })),
  );
}
