// Zephyr basic management (group 63, basic_mgmt.c): erase the storage partition, which holds the persisted
// settings on a typical Zephyr device.

import { type SimGroup, handlerTable } from "../smp/group.js";
import { Group } from "../smp/mgmt-codes.js";

export interface ZephyrGroupDeps {
  /** Erases the storage partition; returns the simulated time it took, ms. */
  readonly eraseStorage: () => number;
}

export function createZephyrGroup(deps: ZephyrGroupDeps): SimGroup {
  return {
    id: Group.zephyr,
    name: "zephyr basic mgmt",
    handlers: handlerTable([
      [
        0,
        {
          write: (ctx) => {
            ctx.spend(deps.eraseStorage());
            return 0;
          },
        },
      ],
    ]),
  };
}
