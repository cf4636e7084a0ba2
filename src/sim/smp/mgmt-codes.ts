// The numbers a Zephyr SMP server uses: group ids, the generic MGMT_ERR codes (v1 `rc`), each group's own
// error codes (v2 `err.rc`), and how each group turns its own code into a v1 `rc` (Zephyr's per-group
// `*_translate_error_code`). Kept here so the simulator depends on nothing still being written in core/.

export const Group = {
  os: 0,
  image: 1,
  stat: 2,
  settings: 3,
  fs: 8,
  shell: 9,
  enumeration: 10,
  zephyr: 63,
} as const;

export const MgmtErr = {
  EOK: 0,
  EUNKNOWN: 1,
  ENOMEM: 2,
  EINVAL: 3,
  ETIMEOUT: 4,
  ENOENT: 5,
  EBADSTATE: 6,
  EMSGSIZE: 7,
  ENOTSUP: 8,
  ECORRUPT: 9,
  EBUSY: 10,
  EACCESSDENIED: 11,
  UNSUPPORTED_TOO_OLD: 12,
  UNSUPPORTED_TOO_NEW: 13,
} as const;

export const OsErr = {
  UNKNOWN: 1,
  INVALID_FORMAT: 2,
  QUERY_YIELDS_NO_ANSWER: 3,
  RTC_NOT_SET: 4,
  RTC_COMMAND_FAILED: 5,
} as const;

export const ImgErr = {
  UNKNOWN: 1,
  FLASH_CONFIG_QUERY_FAIL: 2,
  NO_IMAGE: 3,
  NO_TLVS: 4,
  INVALID_TLV: 5,
  TLV_MULTIPLE_HASHES_FOUND: 6,
  TLV_INVALID_SIZE: 7,
  HASH_NOT_FOUND: 8,
  NO_FREE_SLOT: 9,
  FLASH_OPEN_FAILED: 10,
  FLASH_READ_FAILED: 11,
  FLASH_WRITE_FAILED: 12,
  FLASH_ERASE_FAILED: 13,
  INVALID_SLOT: 14,
  NO_FREE_MEMORY: 15,
  INVALID_OFFSET: 20,
  INVALID_LENGTH: 21,
  INVALID_IMAGE_HEADER: 22,
  INVALID_IMAGE_HEADER_MAGIC: 23,
  INVALID_HASH: 24,
  VERSION_GET_FAILED: 26,
  CURRENT_VERSION_IS_NEWER: 27,
  IMAGE_ALREADY_PENDING: 28,
  INVALID_IMAGE_VECTOR_TABLE: 29,
  INVALID_IMAGE_TOO_LARGE: 30,
  INVALID_IMAGE_DATA_OVERRUN: 31,
  IMAGE_CONFIRMATION_DENIED: 32,
  IMAGE_SETTING_TEST_TO_ACTIVE_DENIED: 33,
} as const;

export const StatErr = {
  UNKNOWN: 1,
  INVALID_GROUP: 2,
  INVALID_STAT_NAME: 3,
  INVALID_STAT_SIZE: 4,
  WALK_ABORTED: 5,
} as const;

export const SettingsErr = {
  UNKNOWN: 1,
  KEY_TOO_LONG: 2,
  KEY_NOT_FOUND: 3,
  READ_NOT_SUPPORTED: 4,
  ROOT_KEY_NOT_FOUND: 5,
  WRITE_NOT_SUPPORTED: 6,
  DELETE_NOT_SUPPORTED: 7,
  /** Seen from Zephyr 4.4 when no settings storage backend is configured. */
  SAVE_FAILED: 8,
} as const;

export const FsErr = {
  UNKNOWN: 1,
  FILE_INVALID_NAME: 2,
  FILE_NOT_FOUND: 3,
  FILE_IS_DIRECTORY: 4,
  FILE_OPEN_FAILED: 5,
  FILE_SEEK_FAILED: 6,
  FILE_READ_FAILED: 7,
  FILE_TRUNCATE_FAILED: 8,
  FILE_DELETE_FAILED: 9,
  FILE_WRITE_FAILED: 10,
  FILE_OFFSET_NOT_VALID: 11,
  FILE_OFFSET_LARGER_THAN_FILE: 12,
  CHECKSUM_HASH_NOT_FOUND: 13,
  MOUNT_POINT_NOT_FOUND: 14,
  READ_ONLY_FILESYSTEM: 15,
  FILE_EMPTY: 16,
} as const;

export const ShellErr = {
  UNKNOWN: 1,
  COMMAND_TOO_LONG: 2,
  EMPTY_COMMAND: 3,
} as const;

export const EnumErr = {
  UNKNOWN: 1,
  TOO_MANY_GROUP_ENTRIES: 2,
  INSUFFICIENT_HEAP_FOR_ENTRIES: 3,
  INDEX_TOO_LARGE: 4,
} as const;

export const ZephyrBasicErr = {
  UNKNOWN: 1,
  FLASH_OPEN_FAILED: 2,
  FLASH_CONFIG_QUERY_FAIL: 3,
  FLASH_ERASE_FAILED: 4,
} as const;

type Translate = (err: number) => number;

const { EUNKNOWN, EINVAL, ENOENT, EBADSTATE, ENOMEM } = MgmtErr;

const translators: ReadonlyMap<number, Translate> = new Map<number, Translate>([
  [
    Group.os,
    (e) =>
      e === OsErr.INVALID_FORMAT
        ? EINVAL
        : e === OsErr.QUERY_YIELDS_NO_ANSWER || e === OsErr.RTC_NOT_SET
          ? ENOENT
          : EUNKNOWN,
  ],
  [
    Group.image,
    (e) => {
      if (e === ImgErr.NO_IMAGE || e === ImgErr.NO_TLVS) return ENOENT;
      if (
        e === ImgErr.NO_FREE_SLOT ||
        e === ImgErr.CURRENT_VERSION_IS_NEWER ||
        e === ImgErr.IMAGE_ALREADY_PENDING
      ) {
        return EBADSTATE;
      }
      if (e === ImgErr.NO_FREE_MEMORY) return ENOMEM;
      const invalid: readonly number[] = [
        ImgErr.INVALID_SLOT,
        19, // INVALID_PAGE_OFFSET
        ImgErr.INVALID_OFFSET,
        ImgErr.INVALID_LENGTH,
        ImgErr.INVALID_IMAGE_HEADER,
        ImgErr.INVALID_HASH,
        25, // INVALID_FLASH_ADDRESS
      ];
      return invalid.includes(e) ? EINVAL : EUNKNOWN;
    },
  ],
  [
    Group.stat,
    (e) =>
      e === StatErr.INVALID_GROUP || e === StatErr.INVALID_STAT_NAME
        ? ENOENT
        : e === StatErr.INVALID_STAT_SIZE
          ? EINVAL
          : EUNKNOWN,
  ],
  [
    Group.settings,
    (e) =>
      e === SettingsErr.KEY_TOO_LONG
        ? EINVAL
        : e === SettingsErr.KEY_NOT_FOUND || e === SettingsErr.READ_NOT_SUPPORTED
          ? ENOENT
          : EUNKNOWN,
  ],
  [
    Group.fs,
    (e) =>
      e === FsErr.FILE_INVALID_NAME || e === FsErr.CHECKSUM_HASH_NOT_FOUND
        ? EINVAL
        : e === FsErr.FILE_NOT_FOUND || e === FsErr.MOUNT_POINT_NOT_FOUND
          ? ENOENT
          : EUNKNOWN,
  ],
  [Group.shell, (e) => (e === ShellErr.COMMAND_TOO_LONG || e === ShellErr.EMPTY_COMMAND ? EINVAL : EUNKNOWN)],
  [Group.enumeration, (e) => (e === EnumErr.TOO_MANY_GROUP_ENTRIES ? EINVAL : EUNKNOWN)],
  [Group.zephyr, () => EUNKNOWN],
]);

/** Zephyr's smp_translate_error_code: a group's own code as the v1 `rc` (EUNKNOWN for unknown groups). */
export function translateToV1(group: number, err: number): number {
  const translate = translators.get(group);
  return translate ? translate(err) : EUNKNOWN;
}
