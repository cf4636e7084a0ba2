// SMP over Web Serial (USB CDC ACM ports in Chrome/Edge/Opera): choose a port, open it as a Transport, reopen it
// after a device reset. `requestLink` is the entry the app's link loader calls from a click.

import type { TransportFactory } from "../../core/transport.js";
import { requestWebSerialLink } from "./web-serial-factory.js";

export {
  grantedWebSerialPorts,
  requestWebSerialLink,
  requestWebSerialPort,
  webSerialFactory,
  type WebSerialFactory,
  type WebSerialLinkOptions,
} from "./web-serial-factory.js";
export { DEFAULT_BAUD_RATE, openWebSerialPort, type WebSerialOpenOptions } from "./web-serial-port-link.js";
export { WebSerialErrorCode } from "./web-serial-errors.js";
export {
  browserSerial,
  describePort,
  type SerialLike,
  type SerialOpenOptions,
  type SerialPortFilter,
  type SerialPortInfo,
  type SerialPortLike,
} from "./web-serial-types.js";

/** The app's link entry: the browser's chooser, then a factory with default settings (115200 baud). */
export function requestLink(): Promise<TransportFactory> {
  return requestWebSerialLink();
}
