// A fake navigator.bluetooth that behaves like Chrome's where our transport can tell: requestDevice() needs
// filters, every GATT call needs a connection, one GATT operation at a time per characteristic ("GATT operation
// already in progress"), notifications as "characteristicvaluechanged" with `value` set, "gattserverdisconnected"
// on any disconnect, and only the write methods the setup lists. Runs in the page and in Node.

import {
  encodeBytes,
  type FakeBackend,
  type FakeCall,
  type FakePageSetup,
  type FakeScanFilter,
  type FakeWriteMethod,
} from "./protocol.js";

async function call(backend: FakeBackend, request: FakeCall): Promise<string | undefined> {
  const result = await backend(request);
  if (!result.ok) throw new DOMException(result.message, result.name);
  return result.value;
}

/** A chooser filter as the page passes it: service data carries bytes. */
type PageScanFilter = Omit<FakeScanFilter, "serviceData"> & {
  readonly serviceData?: readonly {
    readonly service: string;
    readonly dataPrefix?: Uint8Array;
    readonly mask?: Uint8Array;
  }[];
};

function encodeScanFilter(filter: PageScanFilter): FakeScanFilter {
  const { serviceData, ...rest } = filter;
  if (!serviceData) return rest;
  return {
    ...rest,
    serviceData: serviceData.map((d) => ({
      service: d.service,
      ...(d.dataPrefix ? { dataPrefix: encodeBytes(d.dataPrefix) } : {}),
      ...(d.mask ? { mask: encodeBytes(d.mask) } : {}),
    })),
  };
}

const DISCONNECTED =
  "GATT Server is disconnected. Cannot perform GATT operations. (Re)connect first with `device.gatt.connect`.";

export class FakeCharacteristic extends EventTarget {
  value: DataView | null = null;
  writeValueWithoutResponse?: (value: Uint8Array) => Promise<void>;
  writeValueWithResponse?: (value: Uint8Array) => Promise<void>;
  writeValue?: (value: Uint8Array) => Promise<void>;
  private busy = false;

  constructor(
    readonly uuid: string,
    private readonly server: FakeGattServer,
    methods: readonly FakeWriteMethod[],
  ) {
    super();
    if (methods.includes("without-response")) {
      this.writeValueWithoutResponse = (value) => this.write(value, "without-response");
    }
    if (methods.includes("with-response"))
      this.writeValueWithResponse = (value) => this.write(value, "with-response");
    if (methods.includes("legacy")) this.writeValue = (value) => this.write(value, "legacy");
  }

  startNotifications(): Promise<this> {
    return this.operation({ op: "ble-notify", device: this.server.device.id, enable: true }).then(() => this);
  }

  stopNotifications(): Promise<this> {
    return this.operation({ op: "ble-notify", device: this.server.device.id, enable: false }).then(
      () => this,
    );
  }

  /** A notification from the device. */
  notify(bytes: Uint8Array): void {
    this.value = new DataView(bytes.slice().buffer);
    this.dispatchEvent(new Event("characteristicvaluechanged"));
  }

  private write(value: Uint8Array, method: FakeWriteMethod): Promise<void> {
    if (!(value instanceof Uint8Array)) return Promise.reject(new TypeError("Expected a BufferSource."));
    if (value.length > 512) {
      return Promise.reject(new DOMException("Value can't exceed 512 bytes.", "InvalidModificationError"));
    }
    // Chrome copies the value when the call is made.
    const data = encodeBytes(value);
    return this.operation({ op: "ble-write", device: this.server.device.id, data, method });
  }

  private async operation(request: FakeCall): Promise<void> {
    if (!this.server.connected) throw new DOMException(DISCONNECTED, "NetworkError");
    if (this.busy) throw new DOMException("GATT operation already in progress.", "NetworkError");
    this.busy = true;
    try {
      await call(this.server.backend, request);
    } finally {
      this.busy = false;
    }
  }
}

export class FakeGattService {
  constructor(
    readonly uuid: string,
    private readonly server: FakeGattServer,
  ) {}

  async getCharacteristic(uuid: string): Promise<FakeCharacteristic> {
    if (!this.server.connected) throw new DOMException(DISCONNECTED, "NetworkError");
    await call(this.server.backend, { op: "ble-discover", device: this.server.device.id, uuid });
    return this.server.characteristicFor(uuid);
  }
}

export class FakeGattServer {
  connected = false;
  private characteristic: FakeCharacteristic | undefined;

  constructor(
    readonly device: FakeBluetoothDevice,
    readonly backend: FakeBackend,
    private readonly methods: readonly FakeWriteMethod[],
  ) {}

  async connect(): Promise<this> {
    await call(this.backend, { op: "ble-connect", device: this.device.id });
    this.connected = true;
    return this;
  }

  disconnect(): void {
    if (!this.connected) return;
    void this.backend({ op: "ble-disconnect", device: this.device.id });
    this.dropped();
  }

  async getPrimaryService(uuid: string): Promise<FakeGattService> {
    if (!this.connected) throw new DOMException(DISCONNECTED, "NetworkError");
    await call(this.backend, { op: "ble-discover", device: this.device.id, uuid });
    return new FakeGattService(uuid, this);
  }

  /** Each connection discovers fresh objects, as Chrome does after a reconnect. */
  characteristicFor(uuid: string): FakeCharacteristic {
    if (this.characteristic?.uuid !== uuid)
      this.characteristic = new FakeCharacteristic(uuid, this, this.methods);
    return this.characteristic;
  }

  notify(bytes: Uint8Array): void {
    if (this.connected) this.characteristic?.notify(bytes);
  }

  /** The link is gone, whoever ended it. */
  dropped(): void {
    if (!this.connected) return;
    this.connected = false;
    this.characteristic = undefined;
    this.device.dispatchEvent(new Event("gattserverdisconnected"));
  }
}

export class FakeBluetoothDevice extends EventTarget {
  readonly gatt: FakeGattServer;

  constructor(
    readonly id: string,
    readonly name: string,
    backend: FakeBackend,
    methods: readonly FakeWriteMethod[],
  ) {
    super();
    this.gatt = new FakeGattServer(this, backend, methods);
  }
}

export class FakeBluetooth extends EventTarget {
  private readonly devices = new Map<string, FakeBluetoothDevice>();

  constructor(
    setup: FakePageSetup,
    private readonly backend: FakeBackend,
  ) {
    super();
    for (const spec of setup.bluetoothDevices) {
      this.devices.set(spec.id, new FakeBluetoothDevice(spec.id, spec.name, backend, spec.writeMethods));
    }
  }

  /** The device end plays the user at the chooser: it answers with a device id or a DOMException. */
  async requestDevice(options: {
    readonly filters?: readonly PageScanFilter[];
    readonly acceptAllDevices?: boolean;
  }): Promise<FakeBluetoothDevice> {
    const acceptAll = options.acceptAllDevices === true;
    if (acceptAll === (options.filters !== undefined)) {
      throw new TypeError(
        "Failed to execute 'requestDevice' on 'Bluetooth': Either 'filters' should be present or " +
          "'acceptAllDevices' should be true, but not both.",
      );
    }
    const filters = (options.filters ?? []).map(encodeScanFilter);
    const id = await call(this.backend, { op: "ble-request", filters, acceptAll });
    const device = id === undefined ? undefined : this.devices.get(id);
    if (device === undefined)
      throw new DOMException("User cancelled the requestDevice() chooser.", "NotFoundError");
    return device;
  }

  async getAvailability(): Promise<boolean> {
    return true;
  }

  device(id: string): FakeBluetoothDevice | undefined {
    return this.devices.get(id);
  }
}
