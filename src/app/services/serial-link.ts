// Lazy chunk: the app's serial link. The browser's port chooser, then the baud rate the user picked (kept
// for that port), or the one remembered for it, or the transport's default.

import type { TransportFactory } from "../../core/transport.js";
import {
  DEFAULT_BAUD_RATE,
  requestWebSerialPort,
  webSerialFactory,
} from "../../transports/web-serial/index.js";
import type { LinkRequestOptions } from "./links.js";
import { portKey, rememberBaud, rememberedBaud } from "./serial-baud.js";

export async function requestLink(options: LinkRequestOptions = {}): Promise<TransportFactory> {
  const port = await requestWebSerialPort();
  const key = portKey(port.getInfo());
  const baudRate = options.baudRate ?? rememberedBaud(key) ?? DEFAULT_BAUD_RATE;
  rememberBaud(key, baudRate);
  return webSerialFactory(port, { baudRate });
}
