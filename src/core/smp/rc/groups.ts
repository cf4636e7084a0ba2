// Error codes of the smaller groups (Zephyr's `*_MGMT_ERR_*` enums): OS, statistics, settings, file system,
// shell, enumeration, Zephyr basic, and Intercreate's user group. Where Zephyr 4.4 and the Python smp package
// disagree (shell 2/3, settings 8, OS 6) we follow Zephyr. Meanings and hints in our own words.

import { RETRY_THEN_RESET, type RcTable, rcTable } from "./table.js";

const ok = { rc: 0, name: "OK", meaning: "success" } as const;
const unknown = (what: string) =>
  ({ rc: 1, name: "UNKNOWN", meaning: `an unknown ${what} error`, hint: RETRY_THEN_RESET }) as const;

export const OS_RC_TABLE: RcTable = rcTable([
  ok,
  unknown("OS-group"),
  {
    rc: 2,
    name: "INVALID_FORMAT",
    meaning: "an info format letter it does not know",
    hint: "Use only the letters s, n, r, v, b, m, p, i, o or a.",
  },
  {
    rc: 3,
    name: "QUERY_YIELDS_NO_ANSWER",
    meaning: "a query it does not recognise",
    hint: "Check the query name; this bootloader may not answer it.",
  },
  {
    rc: 4,
    name: "RTC_NOT_SET",
    meaning: "its real-time clock has not been set yet",
    hint: "Set the date and time first.",
  },
  {
    rc: 5,
    name: "RTC_COMMAND_FAILED",
    meaning: "its real-time clock did not respond",
    hint: "Retry; if it persists, the clock hardware or driver may be faulty.",
  },
  {
    rc: 6,
    name: "QUERY_RESPONSE_VALUE_NOT_VALID",
    meaning: "no valid answer to that query in its configuration",
    hint: "The device knows the query but cannot answer it in this build.",
  },
]);

const LIST_STATS = "List the statistics groups first and use a name from that list.";

export const STATS_RC_TABLE: RcTable = rcTable([
  ok,
  unknown("statistics"),
  { rc: 2, name: "INVALID_GROUP", meaning: "no statistics group by that name", hint: LIST_STATS },
  { rc: 3, name: "INVALID_STAT_NAME", meaning: "no statistic by that name", hint: LIST_STATS },
  {
    rc: 4,
    name: "INVALID_STAT_SIZE",
    meaning: "a statistic of a size it cannot report",
    hint: "This is a firmware issue; report it to the firmware team.",
  },
  { rc: 5, name: "WALK_ABORTED", meaning: "listing the statistics was cut short", hint: "Retry." },
]);

export const SETTINGS_RC_TABLE: RcTable = rcTable([
  ok,
  unknown("settings"),
  {
    rc: 2,
    name: "KEY_TOO_LONG",
    meaning: "a setting name longer than it allows",
    hint: "Use a shorter name.",
  },
  { rc: 3, name: "KEY_NOT_FOUND", meaning: "no setting by that name", hint: "Check the setting name." },
  { rc: 4, name: "READ_NOT_SUPPORTED", meaning: "that setting cannot be read" },
  {
    rc: 5,
    name: "ROOT_KEY_NOT_FOUND",
    meaning: "no settings handler for that name",
    hint: "Check the part of the name before the first '/'; the firmware may not register it.",
  },
  { rc: 6, name: "WRITE_NOT_SUPPORTED", meaning: "that setting cannot be written" },
  { rc: 7, name: "DELETE_NOT_SUPPORTED", meaning: "that setting cannot be deleted" },
  {
    rc: 8,
    name: "SAVE_NOT_SUPPORTED",
    meaning: "saving settings is not supported",
    hint: "The device's settings storage cannot save in this build.",
  },
]);

const FS_RETRY = "Retry; if it persists, check the file system on the device (full or damaged?).";

export const FS_RC_TABLE: RcTable = rcTable([
  ok,
  unknown("file-system"),
  {
    rc: 2,
    name: "FILE_INVALID_NAME",
    meaning: "an invalid file name",
    hint: "Use a full path that starts with the mount point, e.g. /lfs1/name.",
  },
  { rc: 3, name: "FILE_NOT_FOUND", meaning: "no such file", hint: "Check the path." },
  {
    rc: 4,
    name: "FILE_IS_DIRECTORY",
    meaning: "the path is a directory, not a file",
    hint: "Give a file path.",
  },
  { rc: 5, name: "FILE_OPEN_FAILED", meaning: "the file could not be opened", hint: FS_RETRY },
  { rc: 6, name: "FILE_SEEK_FAILED", meaning: "seeking in the file failed", hint: FS_RETRY },
  { rc: 7, name: "FILE_READ_FAILED", meaning: "reading the file failed", hint: FS_RETRY },
  { rc: 8, name: "FILE_TRUNCATE_FAILED", meaning: "truncating the file failed", hint: FS_RETRY },
  { rc: 9, name: "FILE_DELETE_FAILED", meaning: "deleting the file failed", hint: FS_RETRY },
  { rc: 10, name: "FILE_WRITE_FAILED", meaning: "writing the file failed", hint: FS_RETRY },
  {
    rc: 11,
    name: "FILE_OFFSET_NOT_VALID",
    meaning: "an offset that does not match the file on the device",
    hint: "The file changed on the device; its current length comes back as `len`. Resume from there or restart from 0.",
  },
  {
    rc: 12,
    name: "FILE_OFFSET_LARGER_THAN_FILE",
    meaning: "an offset past the end of the file",
    hint: "Read the file's length first.",
  },
  {
    rc: 13,
    name: "CHECKSUM_HASH_NOT_FOUND",
    meaning: "a hash or checksum type it does not support",
    hint: "List the supported types first.",
  },
  {
    rc: 14,
    name: "MOUNT_POINT_NOT_FOUND",
    meaning: "no file system mounted at that path",
    hint: "Check the mount point (e.g. /lfs1).",
  },
  { rc: 15, name: "READ_ONLY_FILESYSTEM", meaning: "a read-only file system", hint: "Write somewhere else." },
  { rc: 16, name: "FILE_EMPTY", meaning: "the file is empty", hint: "There is nothing to read or hash." },
]);

export const SHELL_RC_TABLE: RcTable = rcTable([
  ok,
  unknown("shell"),
  {
    rc: 2,
    name: "COMMAND_TOO_LONG",
    meaning: "a command line longer than its shell buffer",
    hint: "Shorten the command.",
  },
  { rc: 3, name: "EMPTY_COMMAND", meaning: "an empty command line", hint: "Give at least one word." },
]);

export const ENUM_RC_TABLE: RcTable = rcTable([
  ok,
  unknown("enumeration"),
  {
    rc: 2,
    name: "TOO_MANY_GROUP_ENTRIES",
    meaning: "more groups asked for than it can list at once",
    hint: "Ask for fewer groups.",
  },
  {
    rc: 3,
    name: "INSUFFICIENT_HEAP_FOR_ENTRIES",
    meaning: "not enough memory to list the groups",
    hint: "Ask for fewer groups, or reset the device.",
  },
  {
    rc: 4,
    name: "INDEX_TOO_LARGE",
    meaning: "a group index past the end of its list",
    hint: "Count the groups first.",
  },
]);

export const ZEPHYR_RC_TABLE: RcTable = rcTable([
  ok,
  unknown("Zephyr basic group"),
  {
    rc: 2,
    name: "FLASH_OPEN_FAILED",
    meaning: "the storage partition could not be opened",
    hint: "Check the device's storage partition configuration.",
  },
  {
    rc: 3,
    name: "FLASH_CONFIG_QUERY_FAIL",
    meaning: "the storage partition's layout could not be read",
    hint: "Check the device's storage partition configuration.",
  },
  {
    rc: 4,
    name: "FLASH_ERASE_FAILED",
    meaning: "erasing the storage partition failed",
    hint: "Retry; if it keeps failing, the flash may be faulty.",
  },
]);

export const INTERCREATE_RC_TABLE: RcTable = rcTable([
  ok,
  {
    rc: 1,
    name: "INVALID_IMAGE",
    meaning: "no image matched the one provided",
    hint: "Check the image number and the file.",
  },
]);
