// The focused install screen, opened as `?manifest=URL` (see docs/manifest.md). The app mounts it in place of
// the main screen when the parameter is present.

export { InstallFlow } from "./install-flow.js";
export { manifestAddress } from "./use-install.js";
