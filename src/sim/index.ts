// The simulated MCUboot/Zephyr device and its in-memory links: the app's "Demo device", the end-to-end tests'
// device and the benchmarks' device. Everything here runs in the browser as well as in Node.

export {
  SimulatedDevice,
  type AttachedPort,
  type DeviceEvent,
  type DevicePort,
  type DeviceState,
  type DropReason,
  type RequestAnnotations,
} from "./device.js";
export type { GroupName, SimulatedDeviceOptions } from "./device-options.js";
export type { SlotSnapshot } from "./device-slots.js";
export {
  createMemoryLink,
  createMemoryTransportFactory,
  type LinkStats,
  type MemoryLinkOptions,
  type MemoryTransport,
  type MemoryTransportFactory,
  type MemoryTransportFactoryOptions,
} from "./memory-transport.js";
export { RealClock, VirtualClock, type Clock, type RunOptions } from "./clock.js";
export {
  bleLink,
  linkCapacityBytesPerSecond,
  linkMaxPacketSize,
  serialLink,
  serialWireBytes,
  udpLink,
  type BleLinkModel,
  type LinkModel,
  type SerialLinkModel,
  type UdpLinkModel,
} from "./link-model.js";
export {
  FaultInjector,
  type FaultAction,
  type FaultPlan,
  type FaultRates,
  type FaultRecord,
  type RequestFaultRates,
  type ScriptedFault,
} from "./faults.js";
export { Prng } from "./prng.js";
export { buildImage, type BuildImageOptions } from "./mcuboot/image-builder.js";
export { findImageHash, readImageHeader, readImageInfo, versionString } from "./mcuboot/image-info.js";
export type { BootReport, McubootMode } from "./mcuboot/bootloader.js";
export type { FlashTiming } from "./mcuboot/flash-area.js";
export type { ShellCommand } from "./groups/shell-group.js";
export type { TaskInfo } from "./groups/os-group.js";
export type { AppInfo } from "./groups/os-info.js";
export { MPS2_CAPTURE_IMAGE_HASH, NATIVE_SIM_SERIAL, mps2SerialRecoveryOptions } from "./presets.js";
export { SimulatorError } from "./errors.js";
