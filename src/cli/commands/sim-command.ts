// `mcuflash sim`: runs the simulated device behind a PTY or a UDP socket until Ctrl+C, and
// `mcuflash demo-image OUT`: writes an image signed by the demo key (and the key), to try an update on it.

import { writeFile } from "node:fs/promises";
import { parseUdpAddress } from "../../transports/node/udp-transport.js";
import { SimulatedDevice } from "../../sim/device.js";
import { buildDemoImage, demoPublicKeyPem } from "../../sim/demo-firmware.js";
import { startPtyFront } from "../../sim/node/pty-front.js";
import { startUdpFront } from "../../sim/node/udp-front.js";
import { parseVersion } from "../../core/update/version.js";
import { command } from "../command-types.js";
import { invalid, positiveInt } from "../global-options.js";
import { UsageError } from "../usage-error.js";
import { exactly, noArguments } from "./arguments.js";

export const simCommand = command({
  synopsis: "",
  local: true,
  summary: "cli.help.sim.summary",
  options: {
    pty: { type: "boolean", help: "cli.help.sim.option.pty" },
    udp: { type: "string", value: "HOST:PORT", help: "cli.help.sim.option.udp" },
    "buf-size": { type: "string", value: "N", help: "cli.help.sim.option.buf-size" },
    "buf-count": { type: "string", value: "N", help: "cli.help.sim.option.buf-count" },
    "line-buffers": {
      type: "string",
      value: "N",
      help: "cli.help.sim.option.line-buffers",
    },
    "boot-mode": {
      type: "boolean",
      help: "cli.help.sim.option.boot-mode",
    },
  },
  examples: [
    "sim --pty",
    "sim --pty --buf-size 2048 --line-buffers 40",
    "sim --udp 127.0.0.1:1337 --boot-mode",
  ],
  async run({ values, positionals, global, io }) {
    noArguments("sim", positionals);
    if (values.pty === (values.udp !== undefined)) {
      throw new UsageError("usage-conflicting-options", { options: ["--pty", "--udp"] });
    }
    const udp = values.udp === undefined ? undefined : parseUdpAddress(values.udp, true);
    if (values.udp !== undefined && !udp) throw invalid("--udp", "hostPort", values.udp);
    const device = await SimulatedDevice.create({
      transport: udp ? "udp" : "serial",
      // A UART behind a PTY stays open across resets, like a USB-serial adapter.
      linkDropsOnReset: false,
      ...(values["buf-size"] ? { bufSize: positiveInt("--buf-size", values["buf-size"]) } : {}),
      ...(values["buf-count"] ? { bufCount: positiveInt("--buf-count", values["buf-count"]) } : {}),
      ...(values["line-buffers"]
        ? { uartConsole: { lineBuffers: positiveInt("--line-buffers", values["line-buffers"]) } }
        : {}),
      ...(values["boot-mode"] ? { os: { resetBootMode: true } } : {}),
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
      const running = io.i18n._("cli.sim.running", {
        bufSize: device.options.bufSize,
        bufCount: device.options.bufCount,
        udp: String(udp !== undefined),
        lineBuffers: device.options.uartConsole.lineBuffers,
      });
      io.stderr(`${running}\n`);
    }
    await new Promise<void>((resolve) => {
      if (io.interrupt.aborted) resolve();
      io.interrupt.addEventListener("abort", () => resolve(), { once: true });
    });
    await stop();
    return { json: null, text: "", printed: true };
  },
});

export const demoImageCommand = command({
  local: true,
  synopsis: "OUT",
  summary: "cli.help.demo-image.summary",
  options: {
    version: { type: "string", value: "X.Y.Z", help: "cli.help.demo-image.option.version" },
    size: { type: "string", value: "BYTES", help: "cli.help.demo-image.option.size" },
  },
  examples: ["demo-image app.bin --version 2.0.0"],
  async run({ values, positionals, io }) {
    const [out = ""] = exactly("demo-image", positionals, ["OUT"]);
    const version = parseVersion(values.version ?? "2.0.0");
    if (!version) throw invalid("--version", "version", values.version ?? "");
    const bodySize = values.size ? positiveInt("--size", values.size) : 64 * 1024;
    const image = await buildDemoImage({ version, bodySize, seed: version.major * 1000 + version.minor });
    const keyPath = `${out.replace(/\.bin$/, "")}.pub.pem`;
    await writeFile(out, image);
    await writeFile(keyPath, await demoPublicKeyPem());
    return {
      json: { image: out, key: keyPath, bytes: image.length },
      text: io.i18n._("cli.demo-image.written", { out, bytes: image.length, key: keyPath }),
    };
  },
});
