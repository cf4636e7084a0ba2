// The one place where the app meets the link implementations: Web Bluetooth, Web Serial (src/transports)
// and the simulated demo device (src/sim). Each is a lazy chunk, warmed up at idle time so that the
// browser's device chooser still opens within the click's user activation.
//
// Expects from each link module: a function that asks the user to pick a device (it must run inside the
// click handler) and returns a TransportFactory: `label` plus `open(signal)` → Transport, callable again
// after a device reset without a new user gesture.

import type { TransportFactory } from "../../core/transport.js";
import type { LinkKind } from "../../web/capabilities.js";

/** How the user asked the chooser to look (Bluetooth) or the port to run (serial); the demo takes none. */
export interface LinkRequestOptions {
  readonly namePrefix?: string;
  readonly acceptAllDevices?: boolean;
  /** Chosen for this connection; otherwise the one remembered for the port. */
  readonly baudRate?: number;
}

/** A link as the app opened it: for a serial port, also the baud rate every (re)open uses. */
export interface LinkFactory extends TransportFactory {
  readonly baudRate?: number;
}

type LinkLoader = () => Promise<{ requestLink: (options?: LinkRequestOptions) => Promise<LinkFactory> }>;

const LOADERS: Readonly<Record<LinkKind, LinkLoader>> = {
  bluetooth: () => import("../../transports/web-bluetooth/index.js"),
  serial: () => import("./serial-link.js"),
  demo: () => import("./demo-device.js"),
};

/** Imports the link modules in the background, so a later click finds them ready. */
export function warmUpLinks(kinds: readonly LinkKind[]): void {
  for (const kind of kinds) void LOADERS[kind]().catch(() => undefined);
}

/** Asks the user to pick a device (the browser's chooser) and returns a factory that can (re)open it. */
export async function requestLink(kind: LinkKind, options?: LinkRequestOptions): Promise<LinkFactory> {
  const module = await LOADERS[kind]();
  return kind !== "demo" && options ? module.requestLink(options) : module.requestLink();
}
