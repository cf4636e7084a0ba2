// The OS/application info command's output (Zephyr os_mgmt_info): each format letter selects a field, fields
// come out in a fixed order separated by spaces whatever the order of the letters, "a" means all of them, and
// any other letter makes the whole request fail with OS_MGMT_ERR_INVALID_FORMAT.

export interface AppInfo {
  /** "s" */
  readonly kernelName: string;
  /** "n": hostname or Bluetooth name, "unknown" without either. */
  readonly nodeName: string;
  /** "r": BUILD_VERSION (git describe of the Zephyr tree). */
  readonly kernelRelease: string;
  /** "v": KERNEL_VERSION_STRING. */
  readonly kernelVersion: string;
  /** "b": only available with CONFIG_MCUMGR_GRP_OS_INFO_BUILD_DATE_TIME; undefined makes "b" invalid. */
  readonly buildDateTime?: string | undefined;
  /** "m": CONFIG_ARCH. */
  readonly machine: string;
  /** "p": processor name. */
  readonly processor: string;
  /** "i": board (and "@revision"). */
  readonly hardwarePlatform: string;
  /** "o" */
  readonly operatingSystem: string;
}

const LETTERS = ["s", "n", "r", "v", "b", "m", "p", "i", "o"] as const;
type Letter = (typeof LETTERS)[number];

function field(letter: Letter, info: AppInfo): string | undefined {
  switch (letter) {
    case "s":
      return info.kernelName;
    case "n":
      return info.nodeName;
    case "r":
      return info.kernelRelease;
    case "v":
      return info.kernelVersion;
    case "b":
      return info.buildDateTime;
    case "m":
      return info.machine;
    case "p":
      return info.processor;
    case "i":
      return info.hardwarePlatform;
    case "o":
      return info.operatingSystem;
  }
}

function isLetter(c: string): c is Letter {
  return (LETTERS as readonly string[]).includes(c);
}

/** The "output" string, or undefined for an invalid format. An empty format means "s". */
export function infoOutput(format: string, info: AppInfo): string | undefined {
  const selected = new Set<Letter>();
  for (const c of format) {
    if (c === "a") {
      for (const l of LETTERS) if (field(l, info) !== undefined) selected.add(l);
    } else if (isLetter(c) && field(c, info) !== undefined) {
      selected.add(c);
    } else {
      return undefined;
    }
  }
  if (selected.size === 0) selected.add("s");
  return LETTERS.filter((l) => selected.has(l))
    .map((l) => field(l, info) ?? "")
    .join(" ");
}
