// `mcuflash upload FILE`: verify locally, then the whole update flow (upload, test/confirm, reset, check),
// with a progress bar on a terminal, a final summary and --json.

import type { I18n } from "@lingui/core";
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
  summary: "cli.help.upload.summary",
  options: {
    key: {
      type: "string",
      multiple: true,
      value: "KEYFILE",
      help: "cli.help.upload.option.key",
    },
    "allow-unsigned": {
      type: "boolean",
      help: "cli.help.upload.option.allow-unsigned",
    },
    image: { type: "string", value: "N", help: "cli.help.upload.option.image" },
    mode: { type: "string", value: "MODE", help: "cli.help.upload.option.mode" },
    "no-downgrade": { type: "boolean", help: "cli.help.upload.option.no-downgrade" },
    "upgrade-only": {
      type: "boolean",
      help: "cli.help.upload.option.upgrade-only",
    },
    force: { type: "boolean", help: "cli.help.upload.option.force" },
    yes: { type: "boolean", help: "cli.help.upload.option.yes" },
  },
  examples: [
    "--port /dev/ttyACM0 upload app.signed.bin --key root-ec-p256.pub.pem",
    "--udp 192.0.2.1:1337 upload dfu_application.zip --image 0 --mode upload-only --json",
  ],
  notes: ["cli.help.upload.notes"],
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
          const whole =
            event.package && event.package.count > 1 ? `${packageLabel(io.i18n, event.package)} ` : "";
          io.stderr(`\r\x1b[K${whole}${renderProgress(io.i18n, event.progress)}`);
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
        confirmErase: (question) =>
          askConsent(io.i18n, say(io.i18n, question), values.yes === true, io.interactive),
        sessionStore: new FileSessionStore(),
        onEvent,
        signal: io.interrupt,
      },
    );
    if (io.interactive && !global.json) io.stderr("\r\x1b[K");
    const seconds = outcome.uploadMs / 1000;
    const rate = seconds > 0 ? outcome.uploadedBytes / seconds : 0;
    const i18n = io.i18n;
    const summary = [
      ...(outcome.images && outcome.images.length > 1
        ? [describePackage(i18n, outcome.result, outcome.images)]
        : [describeResult(i18n, outcome.result, outcome.imageVersion, outcome.previousVersion)]),
      i18n._("cli.upload.boot-mode", {
        known: String(outcome.bootMode !== undefined),
        // The catalog's words for the mode, as the app shows them; the table's English only if it has none.
        mode: outcome.bootMode?.key ? i18n._(outcome.bootMode.key) : (outcome.bootMode?.text ?? ""),
        inferred: String(outcome.bootMode?.inferred === true),
      }),
      outcome.skippedUpload
        ? i18n._("cli.upload.skipped")
        : i18n._("cli.upload.uploaded", {
            size: formatBytes(outcome.uploadedBytes),
            duration: formatDuration(outcome.uploadMs),
            rate: (rate / 1024).toFixed(1),
          }),
      ...(outcome.images ?? []).map((i) =>
        i18n._("cli.upload.image-hash", { image: i.imageNumber, hash: i.hash }),
      ),
    ];
    return {
      json: { ...outcome, bytesPerSecond: Math.round(rate) },
      text: summary.join("\n"),
      exitCode: outcome.result === "reverted" ? 1 : 0,
    };
  },
});

function describeResult(i18n: I18n, result: string, version: string, previous: string | undefined): string {
  const was = { version, previous: previous ?? "", hasPrevious: String(previous !== undefined) };
  switch (result) {
    case "running-new":
      return i18n._("cli.upload.result.running-new", was);
    case "reverted":
      return i18n._("cli.upload.result.reverted", was);
    case "uploaded":
      return i18n._("cli.upload.result.uploaded", was);
    case "already-running":
      return i18n._("cli.upload.result.already-running", was);
    default:
      return result;
  }
}

function packageLabel(i18n: I18n, p: PackageProgress): string {
  const percent = p.total > 0 ? Math.floor((p.bytes * 100) / p.total) : 0;
  return i18n._("cli.upload.package-progress", {
    image: p.imageNumber,
    index: p.index + 1,
    count: p.count,
    percent,
  });
}

function describePackage(i18n: I18n, result: string, images: readonly ImageOutcome[]): string {
  const each = images
    .map((i) =>
      i18n._("cli.upload.package-image", {
        image: i.imageNumber,
        version: i.version,
        running: String(i.running),
        previous: i.previousVersion ?? "",
        hasPrevious: String(i.previousVersion !== undefined),
      }),
    )
    .join(i18n._("cli.upload.package-separator"));
  switch (result) {
    case "running-new":
      return i18n._("cli.upload.package.running-new", { each });
    case "reverted":
      return i18n._("cli.upload.package.reverted", { each });
    case "uploaded":
      return i18n._("cli.upload.package.uploaded", {
        count: images.length,
        list: images
          .map((i) =>
            i18n._("cli.upload.package-uploaded-image", { image: i.imageNumber, version: i.version }),
          )
          .join(", "),
      });
    case "already-running":
      return i18n._("cli.upload.package.already-running");
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

async function askConsent(i18n: I18n, message: string, yes: boolean, interactive: boolean): Promise<boolean> {
  if (yes) return true;
  if (!interactive || !process.stdin.isTTY) {
    process.stderr.write(`${message}\n${i18n._("cli.upload.no-consent")}\n`);
    return false;
  }
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    // "y"/"yes" always count (scripts type them), and the language's own word for yes too.
    const answer = (await rl.question(`${message} ${i18n._("cli.upload.consent-prompt")} `)).trim();
    const yesWord = i18n._("cli.upload.consent-yes").toLowerCase();
    const given = answer.toLowerCase();
    return /^y(es)?$/.test(given) || (given !== "" && (given === yesWord || given === yesWord.charAt(0)));
  } finally {
    rl.close();
  }
}
