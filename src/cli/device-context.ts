// Opens the link named by the global options and gives commands an SMP client over it.

import { SmpClient } from "../core/smp/index.js";
import type { Transport, TransportFactory } from "../core/transport.js";
import { nodeSerialFactory } from "../transports/node/node-serial-transport.js";
import { UdpTransport } from "../transports/node/udp-transport.js";
import type { CliIo } from "./cli-io.js";
import type { GlobalOptions } from "./global-options.js";
import { UsageError } from "./usage-error.js";

export function transportFactory(global: GlobalOptions, io: CliIo): TransportFactory {
  if (global.udp) {
    const address = global.udp;
    return {
      label: `UDP ${address.host}:${address.port}`,
      kind: "udp",
      open: () => UdpTransport.open(address),
    };
  }
  if (global.port) {
    return nodeSerialFactory(global.port, {
      baudRate: global.baud,
      // Console output (logs, shell) is the device's, not ours: keep stdout for results.
      ...(global.json ? {} : { onConsoleText: (text: string) => io.stderr(dim(text)) }),
    });
  }
  throw new UsageError("usage-no-device");
}

export interface DeviceContext {
  readonly client: SmpClient;
  readonly transport: Transport;
  readonly factory: TransportFactory;
}

/** Runs `body` with a connected client and always closes the link afterwards. */
export async function withDevice<T>(
  global: GlobalOptions,
  io: CliIo,
  body: (context: DeviceContext) => Promise<T>,
): Promise<T> {
  const factory = transportFactory(global, io);
  const transport = await factory.open(io.interrupt);
  const client = new SmpClient(transport, {
    // An explicit --smp-version is obeyed as is; otherwise start with v2 and adapt to the device.
    ...(global.smpVersion ? { version: global.smpVersion, autoVersion: false } : {}),
    defaultTimeoutMs: global.timeoutMs,
  });
  try {
    return await body({ client, transport, factory });
  } finally {
    client.dispose();
    await transport.close();
  }
}

function dim(text: string): string {
  return process.stderr.isTTY ? `\x1b[2m${text}\x1b[0m` : text;
}
