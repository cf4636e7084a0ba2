// Lazy chunk: the device panel's conversation with the device (slots, buffers, OS and bootloader info, echo,
// reset, keep-this-version), all through core's DeviceClient. Loaded on the first connection, so the SMP client
// and CBOR codec stay out of the initial bundle.

import { AppError } from "../shared/app-error.js";
import { fromHex } from "../../core/bytes.js";
import { DeviceClient } from "../../core/device/device-client.js";
import { SmpClient } from "../../core/smp/index.js";
import type { Transport, TransportCloseReason } from "../../core/transport.js";
import { flatSlot } from "../../core/device/slot-state.js";
import type { SlotState } from "../../core/update/flow-types.js";
import type { DeviceControl, DeviceHardware, DeviceSnapshot, SlotAction } from "./device.js";

class SmpDeviceControl implements DeviceControl {
  readonly client: SmpClient;
  readonly device: DeviceClient;
  readonly closed: Promise<TransportCloseReason>;

  constructor(private readonly transport: Transport) {
    this.client = new SmpClient(transport);
    this.device = new DeviceClient(this.client);
    this.closed = transport.closed;
  }

  get label(): string {
    return this.transport.label;
  }

  async read(signal?: AbortSignal): Promise<DeviceSnapshot> {
    // One request at a time: small devices may have a single SMP buffer.
    const slots = await this.device.readSlots({ signal });
    const params = await this.device.readParams({ signal }).catch(() => undefined);
    const osInfo = await this.device.readOsInfo("a", { signal });
    const hardware = osInfo === undefined ? undefined : await this.readHardware(signal);
    const boot = await this.device.readBootloader({ signal });
    return {
      slots,
      params,
      osInfo,
      hardware,
      bootloader: boot
        ? { name: boot.name, modeNumber: boot.modeNumber, noDowngrade: boot.noDowngrade }
        : undefined,
      readAt: new Date().toISOString(),
    };
  }

  /** One letter per request: "a" joins the fields with spaces, and some (the build date) hold spaces too. */
  private async readHardware(signal?: AbortSignal): Promise<DeviceHardware> {
    const field = async (letter: string) => {
      const value = (await this.device.readOsInfo(letter, { signal }))?.trim();
      return value && value !== "unknown" ? value : undefined;
    };
    const platform = await field("i");
    const processor = await field("p");
    const machine = await field("m");
    return {
      ...(platform ? { platform } : {}),
      ...(processor ? { processor } : {}),
      ...(machine ? { machine } : {}),
    };
  }

  async echo(text: string): Promise<{ reply: string; ms: number }> {
    const started = performance.now();
    const reply = await this.device.echo(text);
    return { reply, ms: performance.now() - started };
  }

  async reset(options: { readonly bootMode?: number } = {}): Promise<void> {
    await this.device.reset(options.bootMode !== undefined ? { bootMode: options.bootMode } : {});
  }

  async confirmRunning(hash: string): Promise<void> {
    const bytes = fromHex(hash);
    if (!bytes) throw new AppError("unreadable-running-hash");
    // By hash, not "whatever runs": if the device changed since the panel read it, it refuses instead.
    await this.device.confirm(bytes);
  }

  async slotAction(action: SlotAction, slot: SlotState): Promise<void> {
    const bytes = fromHex(slot.hash);
    if (!bytes) throw new AppError("unreadable-slot-hash", { slot: slot.slot, image: slot.image });
    if (action === "test") await this.device.test(bytes);
    else if (action === "confirm") await this.device.confirm(bytes);
    else {
      // Erase by the slot the device listed, after checking it still lists the same image there and that it
      // does not run: a list that changed since the panel read it refuses instead of erasing something else.
      const now = await this.device.readSlots();
      const same = now.find((s) => s.image === slot.image && s.slot === slot.slot);
      if (!same || same.hash !== slot.hash || same.active) throw new AppError("slots-changed");
      await this.device.erase(flatSlot(slot.image, slot.slot));
    }
  }

  async close(): Promise<void> {
    this.client.dispose();
    await this.transport.close();
  }
}

export function createDeviceControl(transport: Transport): DeviceControl {
  return new SmpDeviceControl(transport);
}
