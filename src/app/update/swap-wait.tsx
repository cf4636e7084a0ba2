// After the reset MCUboot checks and swaps the images before the new firmware answers: a silent wait looks
// like a hang. This shows what is happening, how long it has taken and how long McuFlash keeps waiting.

import { useEffect, useState } from "react";
import { formatDuration } from "../../web/format.js";
import { i18n } from "../../i18n/browser-i18n.js";

/** How the update waits for the device after a reset: poll every 2 s at most, about a minute and a half. */
export const SWAP_WAIT = { attempts: 45, initialDelayMs: 500, maxDelayMs: 2000 } as const;

/** The longest the reconnect waits, in seconds (the delays between the attempts; connects are quick). */
export function maxWaitSeconds(settings: typeof SWAP_WAIT = SWAP_WAIT): number {
  let total = 0;
  let delay: number = settings.initialDelayMs;
  for (let attempt = 1; attempt < settings.attempts; attempt++) {
    total += delay;
    delay = Math.min(delay * 2, settings.maxDelayMs);
  }
  return total / 1000;
}

export function SwapCountdown() {
  const [since] = useState(() => Date.now());
  const [now, setNow] = useState(since);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const elapsed = Math.max(0, (now - since) / 1000);
  const left = Math.max(0, maxWaitSeconds() - elapsed);
  return (
    <div className="notice info swap-wait" data-testid="swap-wait">
      <p>
        <span className="spinner" aria-hidden="true" /> {i18n._("app.swap-wait.what")}
      </p>
      <p className="swap-numbers">
        {i18n._("app.swap-wait.numbers", {
          elapsed: formatDuration(elapsed),
          left: formatDuration(left),
        })}
      </p>
    </div>
  );
}
