// Words of the device panel's per-slot actions.

export const DEVICE_TEXT = {
  restartBootloader: "Restart into bootloader",
  restartBootloaderHelp:
    "Restarts the device and asks MCUboot to stay in serial recovery (needs firmware with Zephyr's boot mode support).",
  serialRecovery:
    "MCUboot serial recovery is answering: the application is not running. An update writes the image straight into the slot; Reset starts the application again.",
  bootloaderNotEntered:
    "The application came back instead of the bootloader: this firmware does not keep the boot mode (it needs CONFIG_MCUMGR_GRP_OS_RESET_BOOT_MODE, and MCUboot CONFIG_BOOT_SERIAL_BOOT_MODE).",
  actions: "Actions",
  action: {
    test: "Test",
    confirm: "Confirm",
    erase: "Erase…",
  },
  actionHelp: {
    test: "Boot this image once at the next reset; MCUboot goes back unless it is confirmed.",
    confirm: "Keep this image: it stays across resets.",
    erase: "Erase this slot (the running image is never erased).",
  },
  actionLabel: (action: string, version: string, slot: number) =>
    `${action} version ${version} in slot ${slot}`,
  eraseQuestion: (version: string, slot: number) => `Erase version ${version} from slot ${slot}?`,
  eraseYes: "Erase it",
  eraseNo: "Keep it",
  done: {
    test: (version: string) => `Version ${version} boots once at the next reset (Reset to try it).`,
    confirm: (version: string) => `Version ${version} is kept.`,
    erase: (version: string) => `Version ${version} was erased.`,
  },
} as const;
