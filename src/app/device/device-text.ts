// Words of the device panel's per-slot actions.

export const DEVICE_TEXT = {
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
