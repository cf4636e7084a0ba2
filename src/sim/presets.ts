// Device configurations that mirror the real Zephyr 4.4.0 builds the reference captures came from
// (../shared/vectors/smp/responses.json, zephyr_server_captures), so tests can replay a capture against the
// simulator and expect the same bytes back.

import type { SimulatedDeviceOptions } from "./device-options.js";
import { buildImage } from "./mcuboot/image-builder.js";
import type { TaskInfo } from "./groups/os-group.js";

const NATIVE_SIM_TASKS: readonly TaskInfo[] = [
  { name: "", prio: -16, state: 4, stackSize: 6, stackUsed: 6 },
  { name: "mcumgr smp", prio: 3, state: 128, stackSize: 512, stackUsed: 6 },
  { name: "sysworkq", prio: -1, state: 2, stackSize: 576, stackUsed: 6 },
  { name: "shell_dummy", prio: 14, state: 2, stackSize: 512, stackUsed: 6 },
  { name: "idle", prio: 15, state: 0, stackSize: 64, stackUsed: 6 },
  { name: "main", prio: 0, state: 4, stackSize: 544, stackUsed: 6 },
];

/**
 * Zephyr's smp_server sample on native_sim, serial transport (buf_size 384): os (no date-time, no bootloader
 * info), stat, settings without a storage backend or handlers, fs on /lfs1, shell, enum and zephyr basic; no
 * image group.
 */
export const NATIVE_SIM_SERIAL: SimulatedDeviceOptions = {
  transport: "serial",
  bufSize: 384,
  bufCount: 4,
  groups: { image: false },
  os: { datetime: false, bootloaderInfo: false },
  appInfo: {
    kernelName: "Zephyr",
    nodeName: "unknown",
    kernelRelease: "684c9e8f32e4",
    kernelVersion: "4.4.0",
    buildDateTime: "Wed Jun  3 22:19:37 2026",
    machine: "posix",
    processor: "x86",
    hardwarePlatform: "native_sim/native",
    operatingSystem: "Zephyr",
  },
  tasks: NATIVE_SIM_TASKS,
  settings: { roots: [], storage: false },
  statGroups: ["flash_sim_stats", "flash_sim_thresholds", "smp_svr_stats"],
};

/** The hash the captured mps2-an385 device reports for its slot-0 image (and for the image uploaded to it). */
export const MPS2_CAPTURE_IMAGE_HASH = "7fb87140f65bbcb1c6714a67cf618dcc2f5432035f5df8cd350bfe61da346104";

/**
 * The captured qemu mps2-an385 device under MCUboot (buf_size 1024): image state read, upload and erase, but
 * state write and bootloader info answer MGMT_ERR_ENOTSUP; slot 0 reports version 0.0.0 and the captured hash.
 */
export async function mps2SerialRecoveryOptions(): Promise<SimulatedDeviceOptions> {
  const hash = new Uint8Array(32);
  for (let i = 0; i < 32; i++) hash[i] = parseInt(MPS2_CAPTURE_IMAGE_HASH.slice(i * 2, i * 2 + 2), 16);
  const primary = await buildImage({ version: { major: 0, minor: 0, revision: 0 }, hashOverride: hash });
  return {
    transport: "serial",
    bufSize: 1024,
    bufCount: 4,
    groups: { stat: false, settings: false, fs: false, shell: false, enumeration: false, zephyr: false },
    os: { echo: true, taskstat: false, datetime: false, reset: true, info: false, bootloaderInfo: false },
    image: { stateWrite: false, slotInfo: false },
    mcuboot: { slotSize: 256 * 1024 },
    slots: { primary },
  };
}

/**
 * A stock Zephyr application with MCUmgr over the serial console, as `west build` makes it with default Kconfig:
 * CONFIG_MCUMGR_TRANSPORT_NETBUF_SIZE 384 × 4 buffers, CONFIG_UART_MCUMGR_RX_BUF_COUNT 2 line buffers of 128
 * bytes, nRF52840-class flash. A client that keeps several requests in flight loses lines while it writes
 * flash ("Insufficient buffers, fragment dropped").
 */
export const ZEPHYR_SERIAL_STOCK: SimulatedDeviceOptions = {
  transport: "serial",
  bufSize: 384,
  bufCount: 4,
  uartConsole: { lineBuffers: 2, lineBufferSize: 128 },
};

/**
 * The same application tuned for serial updates: 2048-byte SMP buffers and 40 console line buffers (enough for
 * two requests' lines while flash is written), as vendors configure production images.
 */
export const ZEPHYR_SERIAL_TUNED: SimulatedDeviceOptions = {
  transport: "serial",
  bufSize: 2048,
  bufCount: 4,
  uartConsole: { lineBuffers: 40, lineBufferSize: 128 },
};
