// Asks the browser to confirm leaving the page while `active`: closing the tab mid-upload would cut the
// device off (the upload resumes later, but a technician should not lose it by a stray click).

import { useEffect } from "react";

export function useBeforeUnload(active: boolean): void {
  useEffect(() => {
    if (!active) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Older browsers show the dialog only when returnValue is set.
      event.returnValue = "";
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    return () => window.removeEventListener("beforeunload", onBeforeUnload);
  }, [active]);
}
