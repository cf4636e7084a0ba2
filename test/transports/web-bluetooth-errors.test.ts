// Chrome's Web Bluetooth rejections, by step, turn into stable codes with advice a technician can follow.

import { inEnglish } from "../support/in-english.js";
import { expect, test } from "vitest";
import { describeBluetoothError, type BluetoothStep } from "../../src/transports/web-bluetooth/index.js";

const cases: readonly [BluetoothStep, string, string, string][] = [
  ["request", "NotFoundError", "User cancelled the requestDevice() chooser.", "no-device-chosen"],
  ["request", "NotFoundError", "Bluetooth adapter not available.", "bluetooth-unavailable"],
  [
    "request",
    "SecurityError",
    "Must be handling a user gesture to show a permission request.",
    "bluetooth-not-allowed",
  ],
  ["request", "NotSupportedError", "Web Bluetooth API globally disabled.", "bluetooth-not-allowed"],
  ["connect", "SecurityError", "GATT operation not authorized.", "bluetooth-pairing-required"],
  ["connect", "NetworkError", "Authentication canceled.", "bluetooth-pairing-required"],
  ["connect", "NetworkError", "Connection attempt failed.", "bluetooth-connect-failed"],
  ["discover", "NotFoundError", "No Services matching UUID found in Device.", "smp-service-missing"],
  [
    "notify",
    "NotSupportedError",
    "GATT operation failed due to insufficient encryption.",
    "bluetooth-pairing-required",
  ],
  ["write", "NetworkError", "GATT Server is disconnected. Cannot perform GATT operations.", "link-lost"],
  ["write", "InvalidModificationError", "Value can't exceed 512 bytes.", "send-failed"],
];

test.each(cases)("%s: %s (%s) → %s", (step, name, message, code) => {
  const error = describeBluetoothError(step, new DOMException(message, name), "BLE Zephyr SMP");
  expect(error.code).toBe(code);
  // Every message says what happened and what to do.
  expect(error.hint).toBeDefined();
  expect(inEnglish(error).length).toBeGreaterThan(60);
});
