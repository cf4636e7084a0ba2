// Keeps the screen on while an update runs (Screen Wake Lock): a phone that dims and locks mid-upload
// suspends the page and drops the link. The browser releases the lock when the tab is hidden, so it is taken
// again when the tab comes back; it is released when the update ends.

import { useEffect, useState } from "react";

export type WakeLockStatus = "off" | "held" | "unavailable" | "refused";

interface Sentinel {
  readonly released: boolean;
  release(): Promise<void>;
}
interface WakeLockApi {
  request(type: "screen"): Promise<Sentinel>;
}

function wakeLockApi(): WakeLockApi | undefined {
  const api: unknown = Reflect.get(navigator, "wakeLock");
  return api && typeof (api as WakeLockApi).request === "function" ? (api as WakeLockApi) : undefined;
}

export function useWakeLock(active: boolean): WakeLockStatus {
  const [status, setStatus] = useState<"off" | "held" | "refused">("off");
  const available = wakeLockApi() !== undefined;
  useEffect(() => {
    const api = wakeLockApi();
    if (!active || !api) return;
    let sentinel: Sentinel | undefined;
    let stopped = false;
    const take = () => {
      if (document.visibilityState !== "visible" || (sentinel && !sentinel.released)) return;
      api.request("screen").then(
        (taken) => {
          if (stopped) void taken.release().catch(() => undefined);
          else {
            sentinel = taken;
            setStatus("held");
          }
        },
        () => {
          if (!stopped) setStatus("refused");
        },
      );
    };
    take();
    document.addEventListener("visibilitychange", take);
    return () => {
      stopped = true;
      document.removeEventListener("visibilitychange", take);
      void sentinel?.release().catch(() => undefined);
      setStatus("off");
    };
  }, [active]);
  if (!active) return "off";
  return available ? status : "unavailable";
}
