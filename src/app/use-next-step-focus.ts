// Focus follows the task: after the user connects, focus moves to the next step (the firmware, or Start
// when firmware is already verified); after "Load demo firmware" it moves to Start once the report is in.
// Without this the control that was pressed disappears and focus falls to the page body.

import { useCallback, useEffect, useRef } from "react";
import type { ConnectionStatus } from "./connect/use-connection.js";
import { focusPanel } from "./shared/panel.js";

function focusStart(): boolean {
  const start = document.querySelector<HTMLButtonElement>("[data-testid=start-update]");
  if (!start || start.disabled) return false;
  start.focus({ preventScroll: true });
  start.scrollIntoView({ block: "center" });
  return true;
}

export function useNextStepFocus(
  status: ConnectionStatus,
  firmwareReady: boolean,
  startAllowed: boolean,
  /** The device is being read: Start may become possible in a moment, so wait before deciding. */
  settling: boolean,
): { readonly expectFirmware: () => void } {
  const connecting = useRef(false);
  const awaitingFirmware = useRef(false);

  useEffect(() => {
    // "choosing" only happens when the user pressed a Connect button (not on reconnects after a reset).
    if (status === "choosing") connecting.current = true;
    else if (status === "idle" || status === "lost") connecting.current = false;
    else if (status === "connected" && connecting.current && !settling) {
      connecting.current = false;
      if (!(firmwareReady && startAllowed && focusStart())) focusPanel("firmware");
    }
  }, [status, firmwareReady, startAllowed, settling]);

  useEffect(() => {
    if (!awaitingFirmware.current || !firmwareReady || settling) return;
    awaitingFirmware.current = false;
    if (!(startAllowed && focusStart())) focusPanel("firmware");
  }, [firmwareReady, startAllowed, settling]);

  const expectFirmware = useCallback(() => {
    awaitingFirmware.current = true;
  }, []);
  return { expectFirmware };
}
