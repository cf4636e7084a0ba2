// SMP over Web Bluetooth (Chrome/Edge on desktop and Android): choose a device advertising the SMP service,
// connect to it as a Transport, reconnect after a reset. `requestLink` is the entry the app's link loader
// calls from a click.

import type { TransportFactory } from "../../core/transport.js";
import { requestWebBluetoothLink, type WebBluetoothLinkOptions } from "./web-bluetooth-factory.js";

export {
  openWebBluetoothDevice,
  requestBluetoothDevice,
  requestWebBluetoothLink,
  smpScanFilters,
  webBluetoothFactory,
  type WebBluetoothFactory,
  type WebBluetoothLinkOptions,
} from "./web-bluetooth-factory.js";
export {
  connectWebBluetooth,
  DEFAULT_CONNECT_TIMEOUT_MS,
  type ConnectOptions,
} from "./web-bluetooth-connect.js";
export {
  DEFAULT_GATT_WRITE_SIZE,
  MAX_SMP_PACKET,
  WebBluetoothTransport,
  type WebBluetoothTransportOptions,
} from "./web-bluetooth-transport.js";
export { GattWriteQueue, type GattWriteMode } from "./gatt-write-queue.js";
export { probeDeviceBufSize } from "./packet-size-probe.js";
export {
  WebBluetoothErrorCode,
  describeBluetoothError,
  isPairingProblem,
  type BluetoothStep,
} from "./web-bluetooth-errors.js";
export {
  browserBluetooth,
  deviceLabel,
  type BluetoothDeviceLike,
  type BluetoothLike,
  type BluetoothRequestOptions,
  type BluetoothScanFilter,
  type GattCharacteristicLike,
  type GattServerLike,
  type GattServiceLike,
} from "./web-bluetooth-types.js";

/** The app's link entry: the browser's chooser (SMP service filter), then a factory with default settings. */
export function requestLink(options: WebBluetoothLinkOptions = {}): Promise<TransportFactory> {
  return requestWebBluetoothLink(options);
}
