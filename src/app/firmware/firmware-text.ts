// Words of the firmware step added for the field-ready work, kept together for the i18n catalogs.

export const FIRMWARE_TEXT = {
  /** The demo key's name in reports: it is trusted for this visit and the Demo device only. */
  demoKeyName: (name: string) => `${name} (demo, this visit only)`,
  demoOffer:
    "A sample image for the Demo device, signed by McuFlash's public demo key. The demo key is trusted only for the Demo device during this visit; it is not added to your trusted keys.",
  technicalDetail: "Technical detail (signature, TLVs, verifier's reason)",
} as const;
