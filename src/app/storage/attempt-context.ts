// What an audit record says about the attempt beyond its steps: which device (link, its name or USB ids as
// the browser reports them, `os info`, the hardware as os info names it, bootloader and MCUboot mode, the
// version it ran), which key signed the image, and which McuFlash did it. Stored with each history entry; parsed leniently (older entries have none).

import { asFields, num, opt, str } from "./validate.js";

export interface AttemptContext {
  readonly appVersion: string;
  /** "bluetooth", "serial" or "demo". */
  readonly link: string;
  /** The Bluetooth name or the USB serial ids, as the transport names the device. */
  readonly deviceLabel: string;
  readonly osInfo?: string;
  /** The hardware as the device reports it (os info's platform · processor · machine); absent when it reports
   * none (stock SMP has no serial number or chip id). */
  readonly hardwareId?: string;
  /** The bootloader's name ("MCUboot"); entries before the MCUboot mode was kept also hold its words here. */
  readonly bootloader?: string;
  /** MCUboot's mode number as reported (core's boot-mode table: 1 = swap using scratch, ...). */
  readonly bootMode?: number;
  readonly runningBefore?: string;
  /** The trusted key whose signature verified, or undefined for an untrusted (overridden) image. */
  readonly signedBy?: string;
  readonly signatureType?: string;
  readonly imageSha256: string;
  readonly imageSize: number;
}

export function parseAttemptContext(value: unknown): AttemptContext | undefined {
  const f = asFields(value);
  if (!f) return undefined;
  const appVersion = str(f, "appVersion");
  const link = str(f, "link");
  const deviceLabel = str(f, "deviceLabel");
  const imageSha256 = str(f, "imageSha256");
  const imageSize = num(f, "imageSize");
  if (!appVersion || !link || deviceLabel === undefined || !imageSha256 || imageSize === undefined)
    return undefined;
  return {
    appVersion,
    link,
    deviceLabel,
    imageSha256,
    imageSize,
    ...opt("osInfo", str(f, "osInfo")),
    ...opt("hardwareId", str(f, "hardwareId")),
    ...opt("bootloader", str(f, "bootloader")),
    ...opt("bootMode", num(f, "bootMode")),
    ...opt("runningBefore", str(f, "runningBefore")),
    ...opt("signedBy", str(f, "signedBy")),
    ...opt("signatureType", str(f, "signatureType")),
  };
}
