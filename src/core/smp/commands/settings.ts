// Settings management group (3): Zephyr "SMP group 3" page and settings_mgmt.c. Read and write share
// command 0 (read/write op), as do load and save (command 3).

import { type EmptyBody, SmpGroup, defineCommand } from "../command.js";
import { canonicalMap, opt, requestReader, responseReader } from "../validate.js";

export interface SettingsReadRequest {
  readonly name: string;
  /** Largest value the client wants back; the device may cap it further. */
  readonly max_size?: number;
}
export interface SettingsReadResponse {
  readonly val: Uint8Array;
  /** Present when the value was cut to fit: the device's maximum. */
  readonly max_size?: number;
}

export const settingsRead = defineCommand<SettingsReadRequest, SettingsReadResponse>({
  name: "settings.read",
  label: "read setting",
  group: SmpGroup.settings,
  id: 0,
  op: "read",
  encode: (req) => canonicalMap({ name: req.name, max_size: req.max_size }),
  decodeRequest: (body) => {
    const r = requestReader(body, "read setting");
    return { name: r.str("name"), ...opt("max_size", r.optUint("max_size")) };
  },
  decode: (body) => {
    const r = responseReader(body, "read setting");
    return { val: r.bytes("val"), ...opt("max_size", r.optUint("max_size")) };
  },
});

export interface SettingsWriteRequest {
  readonly name: string;
  readonly val: Uint8Array;
}

export const settingsWrite = defineCommand<SettingsWriteRequest, EmptyBody>({
  name: "settings.write",
  label: "write setting",
  group: SmpGroup.settings,
  id: 0,
  op: "write",
  encode: (req) => canonicalMap({ name: req.name, val: req.val }),
  decodeRequest: (body) => {
    const r = requestReader(body, "write setting");
    return { name: r.str("name"), val: r.bytes("val") };
  },
  decode: () => ({}),
});

export interface SettingsDeleteRequest {
  readonly name: string;
}

export const settingsDelete = defineCommand<SettingsDeleteRequest, EmptyBody>({
  name: "settings.delete",
  label: "delete setting",
  group: SmpGroup.settings,
  id: 1,
  op: "write",
  encode: (req) => canonicalMap({ name: req.name }),
  decodeRequest: (body) => ({ name: requestReader(body, "delete setting").str("name") }),
  decode: () => ({}),
});

function noFields(name: string, label: string, id: number, op: "read" | "write") {
  return defineCommand<EmptyBody, EmptyBody>({
    name,
    label,
    group: SmpGroup.settings,
    id,
    op,
    encode: () => ({}),
    decodeRequest: () => ({}),
    decode: () => ({}),
  });
}

export const settingsCommit = noFields("settings.commit", "commit settings", 2, "write");
export const settingsLoad = noFields("settings.load", "load settings", 3, "read");
export const settingsSave = noFields("settings.save", "save settings", 3, "write");

export const SETTINGS_COMMANDS = [
  settingsRead,
  settingsWrite,
  settingsDelete,
  settingsCommit,
  settingsLoad,
  settingsSave,
] as const;
