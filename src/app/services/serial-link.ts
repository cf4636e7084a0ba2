// Lazy chunk: the app's serial link. The browser's port chooser, then the baud rate the user picked (kept
// for that port), or the one remembered for it, or the app's default; the factory says which it opened with.

import { requestWebSerialPort, webSerialFactory } from "../../transports/web-serial/index.js";
import type { LinkFactory, LinkRequestOptions } from "./links.js";
import { DEFAULT_BAUD, portKey, rememberBaud, rememberedBaud } from "./serial-baud.js";

export async function requestLink(options: LinkRequestOptions = {}): Promise<LinkFactory> {
  const port = await requestWebSerialPort();
  const key = portKey(port.getInfo());
  const baudRate = options.baudRate ?? rememberedBaud(key) ?? DEFAULT_BAUD;
  rememberBaud(key, baudRate);
  const factory = webSerialFactory(port, { baudRate });
  // The same factory (it keeps the port across resets), telling the status line the rate it opens with.
  return Object.assign(factory, { baudRate });
}
