// Node-only front for the simulated device: a pseudo-terminal that speaks SMP over the serial console, so the
// CLI (or any mcumgr tool) can open its path like a real /dev/ttyACM0. Not part of the browser build.
// node-pty is an optional dependency (native, built with a compiler on Linux): it is loaded here, on the first
// `sim --pty`, so every other command works without it.

import { spawnSync } from "node:child_process";
import { closeSync, write } from "node:fs";
import { createRequire } from "node:module";
import { ReadStream } from "node:tty";
import { encodeSerialFrameZephyrStyle } from "../../core/framing/index.js";
import type { SimulatedDevice } from "../device.js";
import { SimulatorError } from "../errors.js";

export interface PtyFront {
  /** The path to open, e.g. /dev/pts/4. */
  readonly path: string;
  close(): void;
}

interface NativePty {
  open(cols: number, rows: number): { master: number; slave: number; pty: string };
}

/** node-pty, or a SimulatorError saying how to install it. Synchronous (node-pty is CommonJS). */
function loadNodePty(): unknown {
  try {
    return createRequire(import.meta.url)("node-pty");
  } catch (error) {
    throw new SimulatorError(
      "sim-pty-unavailable",
      {},
      { variant: "not-installed", hint: "sim-pty-install", cause: error },
    );
  }
}

function nativePty(): NativePty {
  const native: unknown = Reflect.get(Object(loadNodePty()), "native");
  const open: unknown =
    typeof native === "object" && native !== null ? Reflect.get(native, "open") : undefined;
  if (typeof open !== "function")
    throw new SimulatorError(
      "sim-pty-unavailable",
      {},
      { variant: "no-native", hint: "sim-pty-unavailable" },
    );
  return {
    open: (cols, rows) => {
      const result: unknown = Reflect.apply(open, native, [cols, rows]);
      if (typeof result !== "object" || result === null)
        throw new SimulatorError(
          "sim-pty-unavailable",
          {},
          { variant: "open-failed", hint: "sim-pty-unavailable" },
        );
      const master: unknown = Reflect.get(result, "master");
      const slave: unknown = Reflect.get(result, "slave");
      const path: unknown = Reflect.get(result, "pty");
      if (typeof master !== "number" || typeof slave !== "number" || typeof path !== "string") {
        throw new SimulatorError(
          "sim-pty-unavailable",
          {},
          { variant: "bad-shape", hint: "sim-pty-unavailable" },
        );
      }
      return { master, slave, pty: path };
    },
  };
}

export function startPtyFront(device: SimulatedDevice): PtyFront {
  const { master, slave, pty: path } = nativePty().open(80, 24);
  // Raw mode: no echo and no newline translation, like a UART. Clients (serialport, pyserial) set it too, but
  // this keeps the line quiet before they do. We hold the slave open so the master survives client reconnects.
  spawnSync("stty", ["-F", path, "raw", "-echo"], { stdio: "ignore" });
  const input = new ReadStream(master);
  let writes: Promise<void> = Promise.resolve();
  const port = device.attach({
    kind: "serial",
    send(response) {
      const frame = encodeSerialFrameZephyrStyle(response);
      writes = writes.then(() => new Promise<void>((resolve) => write(master, frame, () => resolve())));
      return 0;
    },
    // A UART does not go away when the device resets; the PTY stays open.
    lost() {},
  });
  // Bytes go through the device's console line buffers, as on a real UART (see uart-console.ts).
  input.on("data", (chunk: Buffer) => {
    port.receiveSerial(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length));
  });
  // EIO when the last client closes its end: normal for a PTY, not an error of the simulator.
  input.on("error", () => undefined);
  return {
    path,
    close() {
      port.detach();
      input.destroy();
      try {
        closeSync(slave);
      } catch {
        // already closed
      }
    },
  };
}
