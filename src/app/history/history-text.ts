// Words of the history panel added for the complete audit (interrupted attempts, CSV, print, context).

export const HISTORY_TEXT = {
  interrupted: "interrupted",
  interruptedMessage:
    "This attempt did not finish in McuFlash: the page was closed, reloaded or crashed while it ran. Check the device before trusting its state.",
  exportCsv: "Export CSV",
  print: "Print report",
  context: {
    link: "Link",
    device: "Device",
    osInfo: "OS",
    bootloader: "Bootloader",
    runningBefore: "Ran before",
    signedBy: "Signed by",
    untrusted: "no trusted key (sent after the override)",
    image: "Image",
    appVersion: "McuFlash",
    duration: "Took",
  },
} as const;
