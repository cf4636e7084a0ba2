// The Tools panel, for the app to mount beside the device panel.

export { DeviceToolsPanel, type DeviceToolsPanelProps } from "./device-tools-panel.js";
