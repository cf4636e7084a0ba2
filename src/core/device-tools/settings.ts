// Settings (Zephyr "SMP group 3"): read, write and delete one value by name ("app/volume"), and the three
// whole-subsystem actions — commit (apply written values), load (reload saved values) and save (persist).

import {
  settingsCommit,
  settingsDelete,
  settingsLoad,
  settingsRead,
  settingsSave,
  settingsWrite,
  type SmpClient,
} from "../smp/index.js";
import { type ToolRequestOptions, requestOptions } from "./device-support.js";
import { DeviceToolError } from "./errors.js";
import { type DisplayedValue, displaySettingValue } from "./settings-value.js";

export interface SettingValue {
  readonly name: string;
  readonly value: Uint8Array;
  readonly display: DisplayedValue;
  /** Set when the device cut the value to this size (its largest). */
  readonly truncatedTo?: number;
}

function checkName(name: string): string {
  if (name.trim().length === 0) {
    throw new DeviceToolError("setting-name-empty", {}, { hint: "setting-name-empty" });
  }
  return name;
}

export async function readSetting(
  client: SmpClient,
  name: string,
  options: ToolRequestOptions & { readonly maxSize?: number } = {},
): Promise<SettingValue> {
  const response = await client.request(
    settingsRead,
    { name: checkName(name), ...(options.maxSize !== undefined ? { max_size: options.maxSize } : {}) },
    requestOptions(options),
  );
  return {
    name,
    value: response.val,
    display: displaySettingValue(response.val),
    ...(response.max_size !== undefined ? { truncatedTo: response.max_size } : {}),
  };
}

export async function writeSetting(
  client: SmpClient,
  name: string,
  value: Uint8Array,
  options: ToolRequestOptions = {},
): Promise<void> {
  await client.request(settingsWrite, { name: checkName(name), val: value }, requestOptions(options));
}

export async function deleteSetting(
  client: SmpClient,
  name: string,
  options: ToolRequestOptions = {},
): Promise<void> {
  await client.request(settingsDelete, { name: checkName(name) }, requestOptions(options));
}

/** Applies written values (each handler's commit callback). */
export async function commitSettings(client: SmpClient, options: ToolRequestOptions = {}): Promise<void> {
  await client.request(settingsCommit, {}, requestOptions(options));
}

/** Reloads the saved values from storage, replacing unsaved ones. */
export async function loadSettings(client: SmpClient, options: ToolRequestOptions = {}): Promise<void> {
  await client.request(settingsLoad, {}, requestOptions(options));
}

/** Writes the current values to storage so they survive a reset. */
export async function saveSettings(client: SmpClient, options: ToolRequestOptions = {}): Promise<void> {
  await client.request(settingsSave, {}, requestOptions(options));
}
