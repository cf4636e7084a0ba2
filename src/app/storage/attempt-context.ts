// What an audit record says about the attempt beyond its steps: which device (link, its name or USB ids as
// the browser reports them, `os info`, bootloader, the version it ran), which key signed the image, and which
// McuFlash did it. Stored with each history entry (older entries have none); record-schemas.ts validates it.

export interface AttemptContext {
  readonly appVersion: string;
  /** "bluetooth", "serial" or "demo". */
  readonly link: string;
  /** The Bluetooth name or the USB serial ids, as the transport names the device. */
  readonly deviceLabel: string;
  readonly osInfo?: string;
  readonly bootloader?: string;
  readonly runningBefore?: string;
  /** The trusted key whose signature verified, or undefined for an untrusted (overridden) image. */
  readonly signedBy?: string;
  readonly signatureType?: string;
  readonly imageSha256: string;
  readonly imageSize: number;
}
