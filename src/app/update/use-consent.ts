// A question the update flow asks the user mid-run (today: may the pending image in the other slot be
// erased?), answered in the page instead of a blocking browser dialog, which embedded pages may suppress
// and which freezes progress and timers behind it. One question at a time; no answer counts as "no".

import { useCallback, useEffect, useRef, useState } from "react";

export interface ConsentState {
  /** The question on screen, if any. */
  readonly question: string | undefined;
  /** For the update flow: resolves with the user's answer. */
  ask(question: string): Promise<boolean>;
  answer(agreed: boolean): void;
}

export function useConsent(): ConsentState {
  const [question, setQuestion] = useState<string | undefined>();
  const pending = useRef<((agreed: boolean) => void) | undefined>(undefined);

  const answer = useCallback((agreed: boolean) => {
    const resolve = pending.current;
    pending.current = undefined;
    setQuestion(undefined);
    resolve?.(agreed);
  }, []);

  const ask = useCallback(
    (text: string) =>
      new Promise<boolean>((resolve) => {
        pending.current?.(false);
        pending.current = resolve;
        setQuestion(text);
      }),
    [],
  );

  // Leaving the page (or this component) answers "no" rather than leaving the flow waiting forever.
  useEffect(() => () => pending.current?.(false), []);

  return { question, ask, answer };
}
