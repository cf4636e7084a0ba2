import { UpdateFlowError } from "../../../../src/core/update/errors.js";

/** The UpdateFlowError `run` throws; any other outcome fails the test. */
export function thrownFlowError(run: () => unknown): UpdateFlowError {
  try {
    run();
  } catch (error) {
    if (error instanceof UpdateFlowError) return error;
    throw error;
  }
  throw new Error("expected an UpdateFlowError, nothing was thrown");
}

/** The UpdateFlowError `promise` rejects with; any other outcome fails the test. */
export async function rejectedFlowError(promise: Promise<unknown>): Promise<UpdateFlowError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof UpdateFlowError))
    throw new Error(`expected an UpdateFlowError, got ${String(error)}`);
  return error;
}
