// React view of the service worker status.

import { useSyncExternalStore } from "react";
import { onPwaStatus, pwaStatus, type PwaStatus } from "./service-worker.js";

export function usePwaStatus(): PwaStatus {
  return useSyncExternalStore(onPwaStatus, pwaStatus);
}
