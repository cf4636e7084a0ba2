// What an audit record says about the attempt beyond its steps: which device (link, its name or USB ids as
// the browser reports them, `os info`, the hardware as os info names it, bootloader and MCUboot mode, the
// version it ran), which key signed the image, and which McuFlash did it. Stored with each history entry (older
// entries have none); record-schemas.ts validates it.

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
