// Zephyr basic management group (63): Zephyr "SMP group 63" page and zephyr_basic_mgmt.c.

import { type EmptyBody, SmpGroup, defineCommand } from "../command.js";

/** Erases the device's settings/storage partition. */
export const zephyrEraseStorage = defineCommand<EmptyBody, EmptyBody>({
  name: "zephyr.erase_storage",
  label: "erase storage partition",
  group: SmpGroup.zephyr,
  id: 0,
  op: "write",
  encode: () => ({}),
  decodeRequest: () => ({}),
  decode: () => ({}),
});

export const ZEPHYR_COMMANDS = [zephyrEraseStorage] as const;
