// One device action behind a button: busy while it runs, then its result or the error's sentence; cancelled
// when the screen goes away or the user presses Cancel. Every tool screen runs its requests through this.

import { useCallback, useEffect, useRef, useState } from "react";
import { errorText, isAbort } from "../shared/error-text.js";

export type ActionState<T> =
  | { readonly status: "idle" }
  | { readonly status: "busy" }
  | { readonly status: "done"; readonly result: T }
  | { readonly status: "error"; readonly message: string };

export interface ToolAction<T> {
  readonly state: ActionState<T>;
  readonly busy: boolean;
  /** Starts `work` (cancelling one still running) and records how it ends. */
  run(work: (signal: AbortSignal) => Promise<T>): Promise<void>;
  cancel(): void;
  /** Shows an error that did not come from running (e.g. a value that does not parse). */
  fail(error: unknown): void;
}

export function useToolAction<T>(): ToolAction<T> {
  const [state, setState] = useState<ActionState<T>>({ status: "idle" });
  const controller = useRef<AbortController | undefined>(undefined);

  useEffect(() => () => controller.current?.abort(), []);

  const run = useCallback(async (work: (signal: AbortSignal) => Promise<T>) => {
    controller.current?.abort();
    const own = new AbortController();
    controller.current = own;
    setState({ status: "busy" });
    try {
      const result = await work(own.signal);
      if (controller.current === own) setState({ status: "done", result });
    } catch (error) {
      if (controller.current !== own) return;
      setState(
        isAbort(error) || own.signal.aborted
          ? { status: "idle" }
          : { status: "error", message: errorText(error) },
      );
    } finally {
      if (controller.current === own) controller.current = undefined;
    }
  }, []);

  const cancel = useCallback(() => {
    controller.current?.abort();
    controller.current = undefined;
    setState({ status: "idle" });
  }, []);

  const fail = useCallback((error: unknown) => setState({ status: "error", message: errorText(error) }), []);

  return { state, busy: state.status === "busy", run, cancel, fail };
}
