// Errors the device reports inside a response body ("SMP protocol specification", errors): SMP v1 puts a
// generic MGMT_ERR code in `rc` (maybe with a text `rsn`), SMP v2 puts `err: {group, rc}` with a group-specific
// code. Real servers mix them: Zephyr answers a v2 request with a v1-style `{rc: 8}` when a whole group is
// missing, adds `rc: 0` to some successes, and adds keys next to `err` (fs upload: `len`).

import { McuFlashError } from "../errors.js";
import type { CborMap } from "./cbor.js";
import type { SmpCommand } from "./command.js";
import { describeGroupRc, describeMgmtRc } from "./rc/index.js";
import { FieldReader } from "./validate.js";

/** Where the code came from: `rc` (generic MGMT_ERR table) or `err` (the table of `err.group`). */
export type SmpErrorStyle = "rc" | "err";

export interface SmpErrorInfo {
  readonly style: SmpErrorStyle;
  /** `err.group` for v2 errors; the command's group for v1 `rc` errors. */
  readonly group: number;
  readonly rc: number;
  /** Zephyr's optional human-readable reason (CONFIG_MCUMGR_SMP_VERBOSE_ERR_RESPONSE). */
  readonly rsn: string | undefined;
}

/** The command-shaped things an error needs to describe itself. */
export type CommandIdentity = Pick<
  SmpCommand<unknown, unknown>,
  "name" | "label" | "group" | "rcIsResultWhenKey"
>;

/**
 * The device's error in this body, or undefined for a success (no code, or a code of 0).
 * Throws SmpResponseError when `rc` / `err` are present but malformed.
 */
export function readSmpError(body: CborMap, command: CommandIdentity): SmpErrorInfo | undefined {
  const r = new FieldReader(body, command.label, "response");
  const rsnValue = r.raw("rsn");
  const rsn = typeof rsnValue === "string" ? rsnValue : undefined;
  const err = r.optChild("err");
  if (err !== undefined) {
    const rc = err.int("rc");
    if (rc !== 0) return { style: "err", group: err.optUint("group") ?? command.group, rc, rsn };
  }
  const rc = r.optInt("rc");
  if (rc === undefined || rc === 0) return undefined;
  if (command.rcIsResultWhenKey !== undefined && r.has(command.rcIsResultWhenKey)) return undefined;
  return { style: "rc", group: command.group, rc, rsn };
}

/** The catalog key of an rc's meaning (and of its hint): "rc.mgmt.ENOTSUP", "rc.1.NO_FREE_SLOT", "rc.unknown". */
export function rcKey(info: Pick<SmpErrorInfo, "style" | "group">, name: string): string {
  if (name.startsWith("RC_")) return "rc.unknown";
  if (name.startsWith("EPERUSER")) return "rc.mgmt.EPERUSER";
  return info.style === "err" ? `rc.${info.group}.${name}` : `rc.mgmt.${name}`;
}

/** The device answered, and the answer is an error code. */
export class SmpDeviceError extends McuFlashError {
  /** The command's stable name, e.g. "image.upload". */
  readonly command: string;
  readonly style: SmpErrorStyle;
  readonly group: number;
  readonly rc: number;
  /** The code's name in its table, e.g. "ENOTSUP" or "NO_FREE_SLOT"; "RC_<n>" when unknown. */
  readonly rcName: string;
  /** Short meaning of the code, in words. */
  readonly meaning: string;
  readonly rsn: string | undefined;
  /** The whole response body, for extra keys (fs upload sends the file's `len` next to its error). */
  readonly body: CborMap;

  constructor(command: CommandIdentity, info: SmpErrorInfo, body: CborMap) {
    const entry = info.style === "err" ? describeGroupRc(info.group, info.rc) : describeMgmtRc(info.rc);
    super(
      "smp-device-error",
      {
        command: command.name,
        meaningKey: rcKey(info, entry.name),
        style: info.style,
        group: info.group,
        rc: info.rc,
        rcName: entry.name,
        rsn: info.rsn === "" ? undefined : info.rsn,
      },
      entry.hint !== undefined ? { hint: rcKey(info, entry.name) } : {},
    );
    this.command = command.name;
    this.style = info.style;
    this.group = info.group;
    this.rc = info.rc;
    this.rcName = entry.name;
    this.meaning = entry.meaning;
    this.rsn = info.rsn;
    this.body = body;
  }

  /** A generic MGMT_ERR code in `rc` (e.g. MgmtRc.ENOTSUP). */
  isMgmtRc(rc: number): boolean {
    return this.style === "rc" && this.rc === rc;
  }

  /** A group-specific code in `err` (e.g. SmpGroup.image, ImageRc.NO_FREE_SLOT). */
  isGroupRc(group: number, rc: number): boolean {
    return this.style === "err" && this.group === group && this.rc === rc;
  }
}

/** A response body → the command's typed response, or SmpDeviceError / SmpResponseError. */
export function decodeResponse<Req, Res>(command: SmpCommand<Req, Res>, body: CborMap): Res {
  const error = readSmpError(body, command);
  if (error !== undefined) throw new SmpDeviceError(command, error, body);
  return command.decode(body);
}
