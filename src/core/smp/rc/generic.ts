// The generic MGMT_ERR codes (Zephyr mgmt_defines.h, "SMP protocol specification" status codes): every v1
// `rc` is one of these, and the v2 transport/dispatch errors too. Meanings and hints in our own words.

import { RETRY_THEN_RESET, type RcEntry, type RcTable, rcTable } from "./table.js";

export const MgmtRc = {
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
  /** Application-defined codes start here. */
  EPERUSER: 256,
} as const;

export const MGMT_RC_TABLE: RcTable = rcTable([
  { rc: 0, name: "EOK", meaning: "success" },
  { rc: 1, name: "EUNKNOWN", meaning: "an unknown internal error", hint: RETRY_THEN_RESET },
  {
    rc: 2,
    name: "ENOMEM",
    meaning: "not enough memory for the request or its answer",
    hint: "Use smaller chunks or fewer requests at once, or reset the device to free memory, then retry.",
  },
  {
    rc: 3,
    name: "EINVAL",
    meaning: "a request value it does not accept",
    hint: "Check the values sent (name, slot, offset, format); the firmware may expect another form of this command.",
  },
  {
    rc: 4,
    name: "ETIMEOUT",
    meaning: "an internal operation timed out",
    hint: "Retry; the device's flash or peripherals may be slow or busy.",
  },
  {
    rc: 5,
    name: "ENOENT",
    meaning: "the requested item does not exist",
    hint: "Check the name, slot or file path.",
  },
  {
    rc: 6,
    name: "EBADSTATE",
    meaning: "its current state does not allow this command",
    hint: "Let the operation in progress finish, or reset the device, then retry.",
  },
  {
    rc: 7,
    name: "EMSGSIZE",
    meaning: "the answer does not fit in its buffer",
    hint: "Ask for less at once (a smaller chunk or a narrower query).",
  },
  {
    rc: 8,
    name: "ENOTSUP",
    meaning: "command not supported",
    hint: "The firmware was built without this command or group; enable it in the device build or skip this step.",
  },
  {
    rc: 9,
    name: "ECORRUPT",
    meaning: "corrupt data",
    hint: "Send the data again; if it persists, erase the slot or storage and start over.",
  },
  { rc: 10, name: "EBUSY", meaning: "busy with another command", hint: "Wait a moment and retry." },
  {
    rc: 11,
    name: "EACCESSDENIED",
    meaning: "access denied",
    hint: "The device refuses this command in its current security state; unlock or authorise it first.",
  },
  {
    rc: 12,
    name: "UNSUPPORTED_TOO_OLD",
    meaning: "the request's SMP protocol version is too old for it",
    hint: "Talk to it with SMP version 2.",
  },
  {
    rc: 13,
    name: "UNSUPPORTED_TOO_NEW",
    meaning: "the request's SMP protocol version is too new for it",
    hint: "Talk to it with SMP version 1.",
  },
]);

/** Codes from 256 up belong to the application; describe them without pretending to know them. */
export function perUserEntry(rc: number): RcEntry {
  return {
    rc,
    name: `EPERUSER+${rc - MgmtRc.EPERUSER}`,
    meaning: `an application-specific error (code ${rc})`,
    hint: "See the device application's documentation for this code.",
  };
}
