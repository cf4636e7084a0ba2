// The serial link's baud rate, remembered per port (by its USB ids) in this browser: a technician's
// boards keep their console speed, and CDC ACM ports ignore it anyway.

const STORAGE_KEY = "mcuflash.serial-baud";

/** A port seen for the first time opens at this rate (the app always passes a rate: this is the one default). */
export const DEFAULT_BAUD = 115200;

export const BAUD_RATES = [9600, 19200, 38400, 57600, 115200, 230400, 460800, 921600, 1000000] as const;

/** "2fe3:0100", or "" for a port without USB ids (a built-in UART): they share one remembered rate. */
export function portKey(info: {
  readonly usbVendorId?: number | undefined;
  readonly usbProductId?: number | undefined;
}): string {
  const hex = (n: number | undefined) => (n === undefined ? "" : n.toString(16).padStart(4, "0"));
  return info.usbVendorId === undefined ? "" : `${hex(info.usbVendorId)}:${hex(info.usbProductId)}`;
}

function load(): Record<string, number> {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? "{}");
    if (typeof value !== "object" || value === null) return {};
    return Object.fromEntries(
      Object.entries(value).filter((e): e is [string, number] => BAUD_RATES.includes(e[1] as never)),
    );
  } catch {
    return {};
  }
}

export function rememberedBaud(key: string): number | undefined {
  return load()[key];
}

export function rememberBaud(key: string, baudRate: number): void {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify({ ...load(), [key]: baudRate }));
  } catch {
    // Not remembered (storage off): this connection still uses it.
  }
}
