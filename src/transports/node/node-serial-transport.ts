// SMP over a serial port from Node (the CLI): a real UART/USB CDC port or a PTY, through the `serialport`
// package. Framing is SerialFramedTransport's job; this file only opens the port and runs the read loop.
// serialport (native bindings) is imported when a port is opened, not at start-up: commands that never open
// one (`image inspect`, `--version`, UDP) start without loading it.

import { TransportError, type TransportFactory } from "../../core/transport.js";
import { SerialFramedTransport, type SerialFramedOptions } from "../serial-framed-transport.js";

export interface NodeSerialOptions extends SerialFramedOptions {
  readonly baudRate?: number;
}

export async function openNodeSerial(
  path: string,
  options: NodeSerialOptions = {},
): Promise<SerialFramedTransport> {
  const { SerialPort } = await import("serialport");
  const port = new SerialPort({ path, baudRate: options.baudRate ?? 115200, autoOpen: false });
  await new Promise<void>((resolve, reject) =>
    port.open((error) => (error ? reject(error) : resolve())),
  ).catch((error: unknown) => {
    throw openError(path, error);
  });
  const transport = new SerialFramedTransport(
    path,
    {
      write: (bytes) =>
        new Promise<void>((resolve, reject) => {
          port.write(bytes, (error) =>
            error ? reject(error) : port.drain((e) => (e ? reject(e) : resolve())),
          );
        }),
      close: () =>
        new Promise<void>((resolve) => {
          if (!port.isOpen) return resolve();
          port.close(() => resolve());
        }),
    },
    options,
  );
  port.on("data", (chunk: Buffer) =>
    transport.receive(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length)),
  );
  port.on("error", (error) => transport.lose(lostError(path, error)));
  port.on("close", (error: unknown) => {
    if (error) transport.lose(lostError(path, error));
  });
  return transport;
}

export function nodeSerialFactory(path: string, options: NodeSerialOptions = {}): TransportFactory {
  return { label: path, kind: "serial", open: () => openNodeSerial(path, options) };
}

function openError(path: string, cause: unknown): TransportError {
  const text = cause instanceof Error ? cause.message : String(cause);
  if (/busy|locked|EBUSY/i.test(text)) {
    return new TransportError("port-busy", { path }, { hint: "port-busy", cause });
  }
  if (/ENOENT|No such file/i.test(text)) {
    return new TransportError("port-not-found", { path }, { hint: "port-not-found", cause });
  }
  if (/EACCES|Permission denied/i.test(text)) {
    return new TransportError("port-permission", { path }, { hint: "port-permission", cause });
  }
  return new TransportError("port-open-failed", { path, text }, { cause });
}

function lostError(path: string, cause: unknown): TransportError {
  return new TransportError("link-lost", { path }, { hint: "link-lost", cause });
}
