// Errors raised by the simulated device and its in-memory links (never by the device's SMP answers, which are
// SMP error responses like a real Zephyr sends).

import { McuFlashError, type McuFlashErrorOptions } from "../core/errors.js";

/** `code`: "sim-bad-option" | "sim-deadlock" | "sim-device-off" | "sim-timeout" | "sim-pty-unavailable" */
export class SimulatorError extends McuFlashError {
  constructor(code: string, message: string, options: McuFlashErrorOptions = {}) {
    super(code, message, options);
  }
}

export function badOption(message: string): SimulatorError {
  return new SimulatorError("sim-bad-option", message, {
    hint: "Check the options given to the simulated device or link.",
  });
}
