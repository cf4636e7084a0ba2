// `mcuflash sim`: runs the simulated device behind a PTY or a UDP socket until Ctrl+C, and
// `mcuflash demo-image OUT`: writes an image signed by the demo key (and the key), to try an update on it.

import { writeFile } from "node:fs/promises";
import { parseUdpAddress } from "../../transports/node/udp-transport.js";
import { SimulatedDevice } from "../../sim/device.js";
import { buildDemoImage, demoPublicKeyPem } from "../../sim/demo-firmware.js";
import { startPtyFront } from "../../sim/node/pty-front.js";
import { startUdpFront } from "../../sim/node/udp-front.js";
import { parseVersion } from "../../core/update/version.js";
import type { CliCommand } from "../command-types.js";
import { positiveInt } from "../global-options.js";
import { UsageError } from "../usage-error.js";
import { parseVerbArgs } from "../verb-args.js";

export const simCommand: CliCommand = {
  usage: "sim (--pty | --udp HOST:PORT) [--buf-size N] [--buf-count N]",
  summary: "run the simulated device; prints its PTY path or address",
  async run(args, global, io) {
    const { values } = parseVerbArgs(args, {
      pty: { type: "boolean" },
      udp: { type: "string" },
      "buf-size": { type: "string" },
      "buf-count": { type: "string" },
    });
    if (values.pty === (values.udp !== undefined))
      throw new UsageError("Give exactly one of --pty or --udp HOST:PORT.");
    const udp = values.udp === undefined ? undefined : parseUdpAddress(values.udp, true);
    if (values.udp !== undefined && !udp)
      throw new UsageError(`--udp expects HOST:PORT; got "${values.udp}".`);
    const device = await SimulatedDevice.create({
      transport: udp ? "udp" : "serial",
      // A UART behind a PTY stays open across resets, like a USB-serial adapter.
      linkDropsOnReset: false,
      ...(values["buf-size"] ? { bufSize: positiveInt("--buf-size", values["buf-size"]) } : {}),
      ...(values["buf-count"] ? { bufCount: positiveInt("--buf-count", values["buf-count"]) } : {}),
      firmware: { version: { major: 1, minor: 0, revision: 0 } },
    });
    let stop: () => Promise<void>;
    if (udp) {
      const front = await startUdpFront(device, udp.host, udp.port);
      const address = `${front.host.includes(":") ? `[${front.host}]` : front.host}:${front.port}`;
      io.stdout(global.json ? `${JSON.stringify({ udp: address })}\n` : `${address}\n`);
      stop = front.close;
    } else {
      const front = startPtyFront(device);
      io.stdout(global.json ? `${JSON.stringify({ pty: front.path })}\n` : `${front.path}\n`);
      stop = async () => front.close();
    }
    if (!global.json) {
      io.stderr(
        `Simulated device running (buf_size ${device.options.bufSize}, buf_count ${device.options.bufCount}). Ctrl+C stops it.\n`,
      );
    }
    await new Promise<void>((resolve) => {
      if (io.interrupt.aborted) resolve();
      io.interrupt.addEventListener("abort", () => resolve(), { once: true });
    });
    await stop();
    return { json: null, text: "", printed: true };
  },
};

export const demoImageCommand: CliCommand = {
  usage: "demo-image OUT [--version X.Y.Z] [--size BYTES]",
  summary: "write an image signed by the demo key (and OUT.pub.pem) to try an update on the simulator",
  async run(args) {
    const { values, positionals } = parseVerbArgs(args, {
      version: { type: "string" },
      size: { type: "string" },
    });
    const [out, extra] = positionals;
    if (!out || extra) throw new UsageError("demo-image takes one output path.");
    const version = parseVersion(values.version ?? "2.0.0");
    if (!version) throw new UsageError(`--version expects X.Y.Z; got "${values.version}".`);
    const bodySize = values.size ? positiveInt("--size", values.size) : 64 * 1024;
    const image = await buildDemoImage({ version, bodySize, seed: version.major * 1000 + version.minor });
    const keyPath = `${out.replace(/\.bin$/, "")}.pub.pem`;
    await writeFile(out, image);
    await writeFile(keyPath, await demoPublicKeyPem());
    return {
      json: { image: out, key: keyPath, bytes: image.length },
      text: `Wrote ${out} (${image.length} bytes) and its public key ${keyPath}.`,
    };
  },
};
