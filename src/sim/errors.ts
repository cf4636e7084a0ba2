// Errors raised by the simulated device and its in-memory links (never by the device's SMP answers, which are
// SMP error responses like a real Zephyr sends).

import { type ErrorParams, McuFlashError, type McuFlashErrorOptions } from "../core/errors.js";

/** `code`: "sim-bad-option" | "sim-deadlock" | "sim-device-off" | "sim-timeout" | "sim-pty-unavailable" */
export class SimulatorError extends McuFlashError {
  constructor(code: string, params: ErrorParams = {}, options: McuFlashErrorOptions = {}) {
    super(code, params, options);
  }
}

export function badOption(variant: string, params: ErrorParams = {}): SimulatorError {
  return new SimulatorError("sim-bad-option", params, { variant, hint: "sim-bad-option" });
}
