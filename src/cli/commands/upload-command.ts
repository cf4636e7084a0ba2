// `mcuflash upload FILE`: verify locally, then the whole update flow (upload, test/confirm, reset, check),
// with a progress bar on a terminal, a final summary and --json.

import { say } from "../../i18n/describe-error.js";
import { createInterface } from "node:readline/promises";
import {
  UPDATE_MODES,
  type ImageOutcome,
  type PackageProgress,
  type UpdateEvent,
  type UpdateMode,
} from "../../core/update/flow-types.js";
import { runPackageUpdate } from "../../core/update/update-flow.js";
import { classifyFailure, isUnsupported, smpConnector } from "../../core/update/smp-device-session.js";
import { command } from "../command-types.js";
import { transportFactory } from "../device-context.js";
import { FileSessionStore } from "../file-session-store.js";
import { loadFirmwareImages, loadTrustedKeys } from "../firmware-input.js";
import { formatBytes, formatDuration } from "../format.js";
import { invalid, wholeNumber } from "../global-options.js";
import { verifierFor } from "../../core/update/image-acceptance.js";
import { renderProgress } from "../progress-bar.js";
import { exactly } from "./arguments.js";

export const uploadCommand = command({
  synopsis: "FILE",
  summary: "verify FILE locally, upload it, then test/confirm, reset and check that the device runs it",
  options: {
    key: {
      type: "string",
      multiple: true,
      value: "KEYFILE",
      help: "a trusted signing key (PEM, imgtool getpub output or KEYHASH); repeat for several",
    },
    "allow-unsigned": {
      type: "boolean",
      help: "send an intact image no trusted key signed (never a damaged or badly signed one)",
    },
    image: { type: "string", value: "N", help: "the image number to send from a multi-image package" },
    mode: { type: "string", value: "MODE", help: `${UPDATE_MODES.join(", ")} (default test-and-confirm)` },
    "no-downgrade": { type: "boolean", help: "refuse an image older than the one the device runs" },
    "upgrade-only": {
      type: "boolean",
      help: "ask the device itself to refuse versions not newer than the one it runs",
    },
    force: { type: "boolean", help: "with --no-downgrade: send an older image all the same" },
    yes: { type: "boolean", help: "consent in advance to erasing a pending image that blocks the upload" },
  },
  examples: [
    "--port /dev/ttyACM0 upload app.signed.bin --key root-ec-p256.pub.pem",
    "--udp 192.0.2.1:1337 upload dfu_application.zip --image 0 --mode upload-only --json",
  ],
  notes: ["FILE: a signed MCUboot image (.bin), Intel HEX (.hex) or nRF Connect SDK dfu_application.zip."],
  async run({ values, positionals, global, io }) {
    const [file = ""] = exactly("upload", positionals, ["FILE"]);
    const mode = parseMode(values.mode);
    const imageNumber = values.image === undefined ? undefined : wholeNumber("--image", values.image);
    const keys = await loadTrustedKeys(values.key ?? [], io);
    const firmware = await loadFirmwareImages(file, imageNumber, io);
    const factory = transportFactory(global, io);

    let lastDraw = 0;
    const onEvent = (event: UpdateEvent) => {
      if (global.json) return;
      if (event.type === "step")
        io.stderr(`${io.interactive ? "\r\x1b[K" : ""}• ${say(io.i18n, event.text)}\n`);
      if (event.type === "progress" && io.interactive) {
        const now = Date.now();
        if (now - lastDraw > 100 || event.progress.bytes === event.progress.total) {
          lastDraw = now;
          const whole = event.package && event.package.count > 1 ? `${packageLabel(event.package)} ` : "";
          io.stderr(`\r\x1b[K${whole}${renderProgress(event.progress)}`);
        }
      }
    };

    const outcome = await runPackageUpdate(
      smpConnector(factory, {
        ...(global.smpVersion ? { version: global.smpVersion, autoVersion: false } : {}),
        defaultTimeoutMs: global.timeoutMs,
      }),
      firmware.map((i) => ({ imageNumber: i.imageNumber, bytes: i.bytes, slot: i.slot, name: i.name })),
      {
        mode,
        noDowngrade: values["no-downgrade"] === true,
        force: values.force === true,
        upgradeOnly: values["upgrade-only"] === true,
        verify: verifierFor(keys, values["allow-unsigned"] === true),
        classifyFailure,
        isUnsupported,
        confirmErase: (question) => askConsent(say(io.i18n, question), values.yes === true, io.interactive),
        sessionStore: new FileSessionStore(),
        onEvent,
        signal: io.interrupt,
      },
    );
    if (io.interactive && !global.json) io.stderr("\r\x1b[K");
    const seconds = outcome.uploadMs / 1000;
    const rate = seconds > 0 ? outcome.uploadedBytes / seconds : 0;
    const summary = [
      ...(outcome.images && outcome.images.length > 1
        ? [describePackage(outcome.result, outcome.images)]
        : [describeResult(outcome.result, outcome.imageVersion, outcome.previousVersion)]),
      `MCUboot mode: ${outcome.bootMode?.text ?? "unknown"}${outcome.bootMode?.inferred ? " (inferred from the slot list)" : ""}`,
      outcome.skippedUpload
        ? "Upload skipped: the device already held this exact image."
        : `Uploaded ${formatBytes(outcome.uploadedBytes)} in ${formatDuration(outcome.uploadMs)} (${(rate / 1024).toFixed(1)} KB/s).`,
      ...(outcome.images ?? []).map((i) => `Image ${i.imageNumber} hash ${i.hash}`),
    ];
    return {
      json: { ...outcome, bytesPerSecond: Math.round(rate) },
      text: summary.join("\n"),
      exitCode: outcome.result === "reverted" ? 1 : 0,
    };
  },
});

function describeResult(result: string, version: string, previous: string | undefined): string {
  switch (result) {
    case "running-new":
      return `Done: the device now runs ${version}${previous ? ` (was ${previous})` : ""}.`;
    case "reverted":
      return `The device reverted to ${previous ?? "its previous image"}: MCUboot did not keep ${version}. Check the image was built for this device and signed with the key its bootloader trusts.`;
    case "uploaded":
      return `Uploaded ${version} to the secondary slot; not marked (mode upload-only). Use 'mcuflash test HASH' or 'confirm HASH' next.`;
    case "already-running":
      return `The device already runs ${version}; nothing to do.`;
    default:
      return result;
  }
}

function packageLabel(p: PackageProgress): string {
  return `[image ${p.imageNumber}, ${p.index + 1}/${p.count}, ${p.total > 0 ? Math.floor((p.bytes * 100) / p.total) : 0}% of all]`;
}

function describePackage(result: string, images: readonly ImageOutcome[]): string {
  const each = images
    .map(
      (i) =>
        `image ${i.imageNumber} ${i.running ? `runs ${i.version}` : `does not run ${i.version}`}${i.previousVersion ? ` (was ${i.previousVersion})` : ""}`,
    )
    .join("; ");
  switch (result) {
    case "running-new":
      return `Done: ${each}.`;
    case "reverted":
      return `Not every image took, so nothing was confirmed: ${each}. Check that the images belong to one build and are signed with the key the bootloader trusts.`;
    case "uploaded":
      return `Uploaded ${images.length} images, not marked (mode upload-only): ${images.map((i) => `image ${i.imageNumber} ${i.version}`).join(", ")}.`;
    case "already-running":
      return `The device already runs every image of the package; nothing to do.`;
    default:
      return `${result}: ${each}`;
  }
}

function parseMode(text: string | undefined): UpdateMode {
  if (text === undefined) return "test-and-confirm";
  const mode = UPDATE_MODES.find((m) => m === text);
  if (!mode) throw invalid("--mode", "oneOf", text, UPDATE_MODES);
  return mode;
}

async function askConsent(message: string, yes: boolean, interactive: boolean): Promise<boolean> {
  if (yes) return true;
  if (!interactive || !process.stdin.isTTY) {
    process.stderr.write(`${message}\nNot erasing without consent: run again with --yes to allow it.\n`);
    return false;
  }
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(`${message} [y/N] `)).trim());
  } finally {
    rl.close();
  }
}
