// Words of the connect step added for the Bluetooth chooser options.

export const CONNECT_TEXT = {
  chooserOptions: "Device not listed? Bluetooth options",
  namePrefix: "Also list devices whose name starts with",
  namePrefixHint:
    "Many products advertise only their name, not the update service: type the start of it (e.g. Acme).",
  showAll: "Show all Bluetooth devices nearby",
  showAllHint: "The browser lists every device; pick yours by its name.",
  baudRate: "Baud rate",
  baudRemembered: "As last time for this port (115200 if new)",
} as const;
