// What one SMP command is (Zephyr "SMP protocol specification" and the per-group pages): its group, command id
// and operation, how a typed request becomes a CBOR map, and how a response map is validated into a typed
// result. Every command in commands/ is one of these; the client and the simulator share them.

import type { CborMap } from "./cbor.js";

/** Management group ids (Zephyr `MGMT_GROUP_ID_*`). */
export const SmpGroup = {
  os: 0,
  image: 1,
  stats: 2,
  settings: 3,
  log: 4,
  runTest: 5,
  split: 6,
  crash: 7,
  fs: 8,
  shell: 9,
  enumeration: 10,
  zephyr: 63,
  /** First id of the user-defined range; Intercreate's smpclient uses it for its own upload command. */
  intercreate: 64,
} as const;
export type SmpGroup = (typeof SmpGroup)[keyof typeof SmpGroup];

/** The SMP protocol version a client speaks: 1 is the original (errors as `rc`), 2 adds `err {group, rc}`. */
export type SmpProtocolVersion = 1 | 2;

export type SmpOpKind = "read" | "write";

export interface SmpCommand<Req, Res> {
  /** Stable dotted identifier, e.g. "image.upload". */
  readonly name: string;
  /** Words for messages, e.g. "image upload". */
  readonly label: string;
  readonly group: number;
  readonly id: number;
  readonly op: SmpOpKind;
  /** Typed request → CBOR map, keys in canonical order, optional fields left out when not given. */
  encode(request: Req): CborMap;
  /** CBOR map → typed request; throws SmpRequestError naming the bad field. For simulators and tests. */
  decodeRequest(body: CborMap): Req;
  /** A success response map → typed response; throws SmpResponseError naming the bad field. */
  decode(body: CborMap): Res;
  /**
   * Set when a top-level `rc` in this command's success body is the command's own result rather than an SMP
   * error, recognised by this key being present too (shell exec with Zephyr's legacy rc option: `{o, rc}`).
   */
  readonly rcIsResultWhenKey?: string;
}

/**
 * Any command, whatever its request and response types (registries, lookups). Method parameters are
 * bivariant, so every SmpCommand fits; `cmd.encode(cmd.decodeRequest(body))` stays well-typed.
 */
export type AnySmpCommand = SmpCommand<unknown, unknown>;

export type RequestOf<C> = C extends SmpCommand<infer Req, infer _Res> ? Req : never;
export type ResponseOf<C> = C extends SmpCommand<infer _Req, infer Res> ? Res : never;

/** Requests and responses that carry no fields. */
export type EmptyBody = Readonly<Record<string, never>>;

export function defineCommand<Req, Res>(command: SmpCommand<Req, Res>): SmpCommand<Req, Res> {
  return Object.freeze(command);
}

/** Group names for messages ("image group rc 9"). */
export function groupLabel(group: number): string {
  switch (group) {
    case SmpGroup.os:
      return "OS group";
    case SmpGroup.image:
      return "image group";
    case SmpGroup.stats:
      return "statistics group";
    case SmpGroup.settings:
      return "settings group";
    case SmpGroup.log:
      return "log group";
    case SmpGroup.runTest:
      return "run-test group";
    case SmpGroup.split:
      return "split-image group";
    case SmpGroup.crash:
      return "crash-test group";
    case SmpGroup.fs:
      return "file-system group";
    case SmpGroup.shell:
      return "shell group";
    case SmpGroup.enumeration:
      return "enumeration group";
    case SmpGroup.zephyr:
      return "Zephyr basic group";
    default:
      return group >= SmpGroup.intercreate ? `user group ${group}` : `group ${group}`;
  }
}
