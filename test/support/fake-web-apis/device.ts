// The Node end of the fake Web Serial / Web Bluetooth: serial ports and Bluetooth devices backed by SMP peers
// (the simulated device, or the echo peer). It answers the page's calls, pushes bytes and notifications back
// through `emit`, plays the user at the choosers, and lets a test pull the cable, mute the device, make the port
// busy or fail the next call of a kind with a given DOMException.

import { SMP_GATT_CHARACTERISTIC_UUID, SMP_GATT_SERVICE_UUID } from "../../../src/core/framing/index.js";
import {
  scanMatch,
  usbMatch,
  type DomErrorSpec,
  type FakeBluetoothDeviceSpec,
  type FakeDeviceHubOptions,
  type FakeSerialPortSpec,
} from "./device-specs.js";
import { GattDeviceEnd, SerialDeviceEnd } from "./links.js";
import {
  decodeBytes,
  domFailure,
  encodeBytes,
  type FakeCall,
  type FakeEvent,
  type FakeOp,
  type FakePageSetup,
  type FakeResult,
  type FakeWriteMethod,
} from "./protocol.js";

interface SerialState {
  readonly id: string;
  readonly spec: FakeSerialPortSpec;
  present: boolean;
  busy: boolean;
  muted: boolean;
  end: SerialDeviceEnd | undefined;
}

interface BleState {
  readonly id: string;
  readonly spec: FakeBluetoothDeviceSpec;
  present: boolean;
  muted: boolean;
  notifying: boolean;
  end: GattDeviceEnd | undefined;
}

export type { DomErrorSpec, FakeBluetoothDeviceSpec, FakeDeviceHubOptions, FakeSerialPortSpec };

const ALL_METHODS: readonly FakeWriteMethod[] = ["without-response", "with-response", "legacy"];
const LOST = "The device has been lost.";
const GATT_DOWN = "GATT Server is disconnected. Cannot perform GATT operations.";

export class FakeDeviceHub {
  readonly setup: FakePageSetup;
  /** Every call from the page, in order. */
  readonly calls: FakeCall[] = [];
  private readonly serial = new Map<string, SerialState>();
  private readonly ble = new Map<string, BleState>();
  private readonly failures: { op: FakeOp; id: string | undefined; error: DomErrorSpec }[] = [];
  private nextChoice: string | DomErrorSpec | undefined;

  constructor(
    options: FakeDeviceHubOptions,
    private readonly emit: (event: FakeEvent) => void,
  ) {
    (options.serialPorts ?? []).forEach((spec, n) => {
      const id = spec.id ?? `serial-${n}`;
      this.serial.set(id, { id, spec, present: true, busy: false, muted: false, end: undefined });
    });
    (options.bluetoothDevices ?? []).forEach((spec, n) => {
      const id = spec.id ?? `ble-${n}`;
      this.ble.set(id, { id, spec, present: true, muted: false, notifying: false, end: undefined });
    });
    this.setup = {
      serialPorts: [...this.serial.values()].map(({ id, spec }) => ({
        id,
        ...(spec.usbVendorId !== undefined ? { usbVendorId: spec.usbVendorId } : {}),
        ...(spec.usbProductId !== undefined ? { usbProductId: spec.usbProductId } : {}),
      })),
      bluetoothDevices: [...this.ble.values()].map(({ id, spec }) => ({
        id,
        name: spec.name ?? "Zephyr SMP",
        writeMethods: spec.writeMethods ?? ALL_METHODS,
      })),
    };
  }

  // ---- controls for tests ----

  /** The next chooser picks this port/device id, or fails with this error ("cancel": the user closed it). */
  chooseNext(choice: string | DomErrorSpec | "cancel"): void {
    this.nextChoice = choice === "cancel" ? { name: "NotFoundError", message: "" } : choice;
  }

  /** The next call of kind `op` (on `id`, if given) fails with `error`. */
  failNext(op: FakeOp, error: DomErrorSpec, id?: string): void {
    this.failures.push({ op, id, error });
  }

  /** Pulls the cable / goes out of range: the link drops and nothing connects until replug(). */
  unplug(id: string): void {
    const port = this.serial.get(id);
    if (port) {
      port.present = false;
      port.end?.detach();
      port.end = undefined;
      this.emit({ type: "serial-lost", port: id });
    }
    const device = this.ble.get(id);
    if (device) {
      device.present = false;
      this.dropBle(device);
    }
  }

  replug(id: string): void {
    const port = this.serial.get(id);
    if (port && !port.present) {
      port.present = true;
      this.emit({ type: "serial-connect", port: id });
    }
    const device = this.ble.get(id);
    if (device) device.present = true;
  }

  /** A muted device takes requests and never answers. */
  setMuted(id: string, muted: boolean): void {
    const state = this.serial.get(id) ?? this.ble.get(id);
    if (state) state.muted = muted;
  }

  /** Another program holds the port: open() fails with NetworkError. */
  setBusy(id: string, busy: boolean): void {
    const port = this.serial.get(id);
    if (port) port.busy = busy;
  }

  /** Console output from the device (a log line, a shell prompt) between SMP frames. */
  printConsole(id: string, text: string): void {
    const port = this.serial.get(id);
    if (port?.end)
      this.emit({ type: "serial-data", port: id, data: encodeBytes(new TextEncoder().encode(text)) });
  }

  /** Sizes of the GATT writes the device received on its current connection. */
  writeSizes(id: string): readonly number[] {
    return this.ble.get(id)?.end?.writeSizes ?? [];
  }

  // ---- calls from the page ----

  async handle(call: FakeCall): Promise<FakeResult> {
    this.calls.push(call);
    const id = "port" in call ? call.port : "device" in call ? call.device : undefined;
    const failure = this.failures.findIndex((f) => f.op === call.op && (f.id === undefined || f.id === id));
    if (failure >= 0) {
      const [entry] = this.failures.splice(failure, 1);
      if (entry) return domFailure(entry.error.name, entry.error.message);
    }
    switch (call.op) {
      case "serial-request":
        return this.choose(
          [...this.serial.values()].filter((p) => p.present && usbMatch(p.spec, call.filters)),
        );
      case "ble-request":
        return this.choose(
          [...this.ble.values()].filter(
            (d) => d.present && (call.acceptAll || scanMatch(d.spec, call.filters)),
          ),
        );
      default:
        return call.op.startsWith("serial") ? this.handleSerial(call) : this.handleBle(call);
    }
  }

  private choose(candidates: readonly { id: string }[]): FakeResult {
    const choice = this.nextChoice;
    this.nextChoice = undefined;
    if (typeof choice === "object")
      return domFailure(choice.name, choice.message || "User cancelled the chooser.");
    const picked = choice ?? candidates[0]?.id;
    return picked === undefined
      ? domFailure("NotFoundError", "No device selected.")
      : { ok: true, value: picked };
  }

  private handleSerial(call: FakeCall): FakeResult {
    if (!("port" in call)) return domFailure("TypeError", "No port id.");
    const port = this.serial.get(call.port);
    if (!port) return domFailure("NotFoundError", "Unknown port.");
    switch (call.op) {
      case "serial-open":
        if (!port.present || port.busy) return domFailure("NetworkError", "Failed to open serial port.");
        port.end?.detach();
        port.end = new SerialDeviceEnd(
          port.spec.peer,
          (bytes) => this.emit({ type: "serial-data", port: port.id, data: encodeBytes(bytes) }),
          { muted: () => port.muted, onLost: () => this.serialPeerLost(port) },
        );
        return { ok: true };
      case "serial-write":
        if (!port.end) return domFailure("NetworkError", LOST);
        port.end.push(decodeBytes(call.data));
        return { ok: true };
      case "serial-close":
        port.end?.detach();
        port.end = undefined;
        return { ok: true };
      default:
        return domFailure("NotSupportedError", "Not a serial port call.");
    }
  }

  /** The device reset under an open port: USB re-enumerates; the port is back once the device runs. */
  private serialPeerLost(port: SerialState): void {
    port.end = undefined;
    port.present = false;
    this.emit({ type: "serial-lost", port: port.id });
    void (port.spec.peer.whenRunning?.() ?? Promise.resolve()).then(() => this.replug(port.id));
  }

  private handleBle(call: FakeCall): FakeResult {
    if (!("device" in call)) return domFailure("TypeError", "No device id.");
    const device = this.ble.get(call.device);
    if (!device) return domFailure("NotFoundError", "Unknown device.");
    switch (call.op) {
      case "ble-connect":
        if (!device.present) return domFailure("NetworkError", "Bluetooth Device is no longer in range.");
        if (!device.end) this.connectBle(device);
        return { ok: true };
      case "ble-disconnect":
        device.end?.detach();
        device.end = undefined;
        device.notifying = false;
        return { ok: true };
      case "ble-discover": {
        const known = [SMP_GATT_SERVICE_UUID, SMP_GATT_CHARACTERISTIC_UUID].includes(call.uuid.toLowerCase());
        if (!device.end) return domFailure("NetworkError", GATT_DOWN);
        return known
          ? { ok: true }
          : domFailure("NotFoundError", `No Services matching UUID ${call.uuid} found in Device.`);
      }
      case "ble-notify":
        if (!device.end) return domFailure("NetworkError", GATT_DOWN);
        device.notifying = call.enable;
        return { ok: true };
      case "ble-write":
        if (!device.end) return domFailure("NetworkError", GATT_DOWN);
        if (device.spec.refusedWriteMethods?.includes(call.method)) {
          return domFailure("NotSupportedError", "GATT operation not permitted.");
        }
        {
          const data = decodeBytes(call.data);
          const limit = (device.spec.attMtu ?? 247) - 3;
          if (data.length > limit && (device.spec.oversizeWrites ?? "refused") === "refused") {
            return domFailure("NetworkError", "GATT operation failed for unknown reason.");
          }
          device.end.write(data.subarray(0, limit));
        }
        return { ok: true };
      default:
        return domFailure("NotSupportedError", "Not a Bluetooth call.");
    }
  }

  private connectBle(device: BleState): void {
    device.end = new GattDeviceEnd(
      device.spec.peer,
      (value) => {
        if (device.notifying)
          this.emit({ type: "ble-notification", device: device.id, data: encodeBytes(value) });
      },
      {
        attMtu: device.spec.attMtu ?? 247,
        reassembly: device.spec.reassembly ?? true,
        muted: () => device.muted,
        onLost: () => {
          // A reset: the device stops advertising until the application runs again.
          device.present = false;
          this.dropBle(device);
          void (device.spec.peer.whenRunning?.() ?? Promise.resolve()).then(() => this.replug(device.id));
        },
      },
    );
  }

  private dropBle(device: BleState): void {
    const wasConnected = device.end !== undefined;
    device.end?.detach();
    device.end = undefined;
    device.notifying = false;
    if (wasConnected) this.emit({ type: "ble-disconnected", device: device.id });
  }
}
