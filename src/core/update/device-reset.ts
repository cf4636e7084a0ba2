// One reset of the device and the reconnect after it: the reset answer may never come (the device can restart
// before it gets out), so whether it restarted is told by the reconnect and the slot list read afterwards.

import { words } from "../errors.js";
import type { FlowContext } from "./flow-context.js";
import type { SlotState } from "./flow-types.js";
import type { Message } from "../errors.js";

export async function resetAndReconnect(ctx: FlowContext, stepWords: Message): Promise<SlotState[]> {
  const signal = ctx.signal;
  ctx.enter("reset", stepWords);
  const session = ctx.session ?? (await ctx.reconnect());
  await session.reset(signal).catch((error: unknown) => {
    if (signal?.aborted) throw error;
    // A device may reset before its answer gets out: the reconnect below tells whether it did.
  });
  await ctx.dropSession();
  ctx.record("reset", "ok", words("audit.reset-requested"));
  ctx.enter("reconnect", words("step.waiting-restart"));
  await ctx.reconnect();
  ctx.record("reconnect", "ok", words("audit.reconnected"));
  return ctx.readSlots();
}
