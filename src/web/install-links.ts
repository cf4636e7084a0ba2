// Picking a device for a manifest install: the browser's chooser with the manifest's own filters (Bluetooth
// name, name prefix or service data; USB vendor/product ids), or a fresh simulated demo device. Each link module
// is a lazy chunk, warmed up early so the chooser still opens within the click's user activation.

import { SMP_GATT_SERVICE_UUID } from "../core/framing/index.js";
import type { InstallLinkKind, InstallTarget, Manifest } from "../core/manifest/index.js";
import type { BluetoothScanFilter } from "../transports/web-bluetooth/web-bluetooth-types.js";
import { i18n } from "../i18n/browser-i18n.js";

const load = {
  bluetooth: () => import("../transports/web-bluetooth/index.js"),
  serial: () => import("../transports/web-serial/index.js"),
  demo: () => import("./demo-devices.js"),
} as const;

/** Imports the link modules in the background, so a later click finds them ready. */
export function warmUpInstallLinks(kinds: readonly InstallLinkKind[]): void {
  for (const kind of kinds) void load[kind]().catch(() => undefined);
}

export function bluetoothFilters(manifest: Manifest): BluetoothScanFilter[] {
  const rules = manifest.match.bluetooth;
  if (!rules) return [{ services: [SMP_GATT_SERVICE_UUID] }];
  return rules.map((rule) => ({
    ...(rule.name !== undefined ? { name: rule.name } : {}),
    ...(rule.namePrefix !== undefined ? { namePrefix: rule.namePrefix } : {}),
    ...(rule.serviceData ? { serviceData: [rule.serviceData] } : {}),
  }));
}

async function requestBluetooth(manifest: Manifest): Promise<InstallTarget> {
  const bt = await load.bluetooth();
  const factory = await bt.requestWebBluetoothLink({ filters: bluetoothFilters(manifest) });
  const name = factory.device.name;
  return { factory, link: { kind: "bluetooth", ...(name ? { name } : {}) } };
}

async function requestSerial(manifest: Manifest): Promise<InstallTarget> {
  const serial = await load.serial();
  const filters = manifest.match.serial?.map((rule) => ({
    usbVendorId: rule.usbVendorId,
    ...(rule.usbProductId !== undefined ? { usbProductId: rule.usbProductId } : {}),
  }));
  const factory = await serial.requestWebSerialLink(filters ? { filters } : {});
  const info = factory.port.getInfo();
  return {
    factory,
    link: {
      kind: "serial",
      ...(info.usbVendorId !== undefined ? { usbVendorId: info.usbVendorId } : {}),
      ...(info.usbProductId !== undefined ? { usbProductId: info.usbProductId } : {}),
    },
  };
}

export interface InstallTargetOptions {
  /** The demo device's name, in the asking screen's language (default: the active one). */
  readonly demoLabel?: (n: number) => string;
}

const demoLabel = (n: number): string => i18n._("install.demo.device", { n });

/** Asks the user for a device of this kind (call from a click handler). */
export async function requestInstallTarget(
  kind: InstallLinkKind,
  manifest: Manifest,
  options: InstallTargetOptions = {},
): Promise<InstallTarget> {
  switch (kind) {
    case "bluetooth":
      return requestBluetooth(manifest);
    case "serial":
      return requestSerial(manifest);
    case "demo":
      return (await load.demo()).requestDemoTarget(options.demoLabel ?? demoLabel);
  }
}
