// `mcuflash/web`: SMP over Web Serial and Web Bluetooth, and the browser helpers the app and the
// <mcuflash-install> element share (what this browser supports, device choosers for a manifest install,
// firmware downloads and their Cache Storage copy, the install's wording). Pair it with `mcuflash/core`.

export {
  browserSerial,
  DEFAULT_BAUD_RATE,
  describePort,
  grantedWebSerialPorts,
  openWebSerialPort,
  requestWebSerialLink,
  requestWebSerialPort,
  webSerialFactory,
  WebSerialErrorCode,
  type SerialLike,
  type SerialOpenOptions,
  type SerialPortFilter,
  type SerialPortInfo,
  type SerialPortLike,
  type WebSerialFactory,
  type WebSerialLinkOptions,
  type WebSerialOpenOptions,
} from "../transports/web-serial/index.js";
export {
  browserBluetooth,
  connectWebBluetooth,
  DEFAULT_CONNECT_TIMEOUT_MS,
  DEFAULT_GATT_WRITE_SIZE,
  describeBluetoothError,
  deviceLabel,
  GattWriteQueue,
  isPairingProblem,
  MAX_SMP_PACKET,
  openWebBluetoothDevice,
  probeDeviceBufSize,
  requestBluetoothDevice,
  requestWebBluetoothLink,
  smpScanFilters,
  webBluetoothFactory,
  WebBluetoothErrorCode,
  WebBluetoothTransport,
  type BluetoothDeviceLike,
  type BluetoothLike,
  type BluetoothRequestOptions,
  type BluetoothScanFilter,
  type BluetoothStep,
  type ConnectOptions,
  type GattCharacteristicLike,
  type GattServerLike,
  type GattServiceLike,
  type GattWriteMode,
  type WebBluetoothFactory,
  type WebBluetoothLinkOptions,
  type WebBluetoothTransportOptions,
} from "../transports/web-bluetooth/index.js";
export * from "../transports/capabilities.js";
export * from "./capabilities.js";
export * from "./format.js";
export * from "./install-text.js";
export * from "./install-fetcher.js";
export * from "./install-links.js";
export * from "./cache-storage-firmware.js";
