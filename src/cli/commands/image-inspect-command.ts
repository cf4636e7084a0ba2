// `mcuflash image inspect FILE [--key KEYFILE]... [--decrypt-key KEYFILE]... [--allow-unsigned]`: reads a
// firmware file (.bin, Intel HEX, dfu_application.zip), verifies every MCUboot image in it locally (no device)
// and classifies each with core's send rule, the one `upload` applies: the exit code answers "would upload,
// given the same --key and --allow-unsigned, send it?" — so an intact image no trusted key signed exits 1
// (upload refuses it) unless --allow-unsigned is given, and a damaged one exits 1 whatever the flags.

import { basename } from "node:path";
import type { I18n } from "@lingui/core";
import { type Message, nestedWords, words } from "../../core/errors.js";
import { say } from "../../i18n/describe-error.js";
import { toHex } from "../../core/bytes.js";
import {
  importDecryptionKey,
  importTrustedKey,
  readPackage,
  reportToJson,
  verifyImage,
  type DecryptionKey,
  type PackageImage,
  type TrustedKey,
  type VerificationReport,
} from "../../core/mcuboot/index.js";
import { type JsonValue, messageJson } from "../../core/mcuboot/report-json.js";
import { type SendClass, sendClass } from "../../core/update/send-rule.js";
import type { CliIo } from "../cli-io.js";
import { commandGroup, subcommand } from "../command-types.js";
import { loadKeyFile } from "../firmware-input.js";
import { readLocalFile } from "../local-file.js";
import { exactly } from "./arguments.js";

interface Inspected {
  readonly image: PackageImage;
  readonly report: VerificationReport;
  readonly send: SendClass;
}

const RANK: Readonly<Record<SendClass, number>> = { trusted: 0, "needs-override": 1, refused: 2 };

export const imageCommand = commandGroup("cli.help.image.summary", {
  inspect: subcommand({
    local: true,
    synopsis: "FILE",
    summary: "cli.help.image.inspect.summary",
    options: {
      key: {
        type: "string",
        multiple: true,
        value: "KEYFILE",
        help: "cli.help.image.inspect.option.key",
      },
      "decrypt-key": {
        type: "string",
        multiple: true,
        value: "KEYFILE",
        help: "cli.help.image.inspect.option.decrypt-key",
      },
      "allow-unsigned": {
        type: "boolean",
        help: "cli.help.image.inspect.option.allow-unsigned",
      },
    },
    examples: [
      "image inspect app.signed.bin --key root-ed25519.pub.pem",
      "image inspect dfu_application.zip --json",
    ],
    notes: ["cli.help.image.inspect.notes"],
    async run({ values, positionals, io }) {
      const [file = ""] = exactly("image inspect", positionals, ["FILE"]);
      const allowUnsigned = values["allow-unsigned"] === true;
      const keys: TrustedKey[] = await loadKeys(values.key ?? [], io, (b, name) =>
        importTrustedKey(b, { name }),
      );
      const decryptionKeys: DecryptionKey[] = await loadKeys(values["decrypt-key"] ?? [], io, (b, name) =>
        importDecryptionKey(b, { name }),
      );
      const pkg = await readPackage(await readLocalFile(io, file), basename(file));
      const results: Inspected[] = [];
      for (const image of pkg.images) {
        const report = await verifyImage(image.bytes, keys, { decryptionKeys });
        const send = sendClass({ ...report, hasImageHash: report.imageHash !== undefined });
        results.push({ image, report, send });
      }
      const worst = results.reduce<Inspected | undefined>(
        (w, r) => (w === undefined || RANK[r.send] > RANK[w.send] ? r : w),
        undefined,
      );
      const send: SendClass = worst?.send ?? "refused";
      const accepted = send === "trusted" || (send === "needs-override" && allowUnsigned);
      const summary = verdict(worst, keys.length > 0, allowUnsigned);
      const images = results.map(({ image, report, send: s }) => ({
        imageNumber: image.imageNumber,
        name: image.name,
        format: image.format,
        send: s,
        ...reportToJson(report),
      }));
      const single: Record<string, JsonValue> = images.length === 1 && images[0] ? images[0] : {};
      const top =
        results.length === 1 || !worst ? {} : { outcome: worst.report.outcome, reason: messageJson(summary) };
      const json = {
        ...single,
        ...top,
        file,
        format: pkg.format,
        send,
        accepted,
        summary: messageJson(summary),
        trustedKeys: keys.map((k) => ({
          name: k.name,
          kind: k.kind,
          detail: k.kind === "key-hash" ? toHex(k.hash) : k.type,
        })),
        images,
      };
      const i18n = io.i18n;
      const lines = results.flatMap((r) => humanReport(i18n, r, results.length > 1));
      lines.push(i18n._("cli.inspect.verdict", { accepted: String(accepted), summary: say(i18n, summary) }));
      return { json, text: lines.join("\n"), exitCode: accepted ? 0 : 1 };
    },
  }),
});

/** One sentence: what upload would do with the file, and why. */
function verdict(worst: Inspected | undefined, keysGiven: boolean, allowUnsigned: boolean): Message {
  if (!worst) return words("cli.inspect.no-image");
  const { image, report, send } = worst;
  if (send === "trusted") return words("cli.inspect.would-send");
  if (send === "refused")
    return words("cli.inspect.refused", { name: image.name, ...nestedWords("why", report.reason) });
  const why = !report.complete
    ? report.reason
    : report.signedBy === undefined
      ? words(keysGiven ? "cli.inspect.signer-not-given" : "cli.inspect.no-key-given")
      : report.reason;
  return words(allowUnsigned ? "cli.inspect.would-send-unsigned" : "cli.inspect.needs-override", {
    name: image.name,
    ...nestedWords("why", why),
  });
}

function humanReport(i18n: I18n, { image, report, send }: Inspected, multi: boolean): string[] {
  const lines: string[] = [];
  const h = report.header;
  const title = multi
    ? i18n._("cli.inspect.image-title", { image: image.imageNumber, name: image.name })
    : image.name;
  lines.push(
    h
      ? i18n._("cli.inspect.header", {
          title,
          version: h.version.text,
          body: h.imageSize,
          size: image.bytes.length,
          flags: h.flagNames.join(", "),
          hasFlags: String(h.flagNames.length > 0),
        })
      : i18n._("cli.inspect.unreadable", { title }),
  );
  if (image.board || image.type)
    lines.push(
      i18n._("cli.inspect.package", { detail: [image.type, image.board].filter(Boolean).join(", ") }),
    );
  if (report.imageHashHex)
    lines.push(
      i18n._("cli.inspect.hash", {
        algorithm: report.hash.algorithm ?? "?",
        hash: report.imageHashHex,
        status: report.hash.status,
      }),
    );
  if (report.tlvs.length) {
    const names = report.tlvs.map((t) => (t.area === "protected" ? `prot:${t.name}` : t.name)).join(", ");
    lines.push(i18n._("cli.inspect.tlvs", { names }));
  }
  if (report.trailer) {
    const t = report.trailer;
    lines.push(
      i18n._("cli.inspect.trailer", { confirmed: String(t.confirmed === true), maxAlign: t.maxAlign }),
    );
  }
  lines.push(
    report.signedBy
      ? i18n._("cli.inspect.signed-by", {
          key: report.signedBy,
          keyType: report.signature.keyType ?? "?",
          tlv: report.signature.tlv ?? "?",
        })
      : i18n._("cli.inspect.untrusted"),
  );
  lines.push(
    i18n._("cli.inspect.outcome", {
      outcome: report.outcome,
      complete: String(report.complete),
      reason: say(i18n, report.reason),
    }),
  );
  lines.push(i18n._(SEND_WORDS[send]));
  for (const n of report.notChecked) lines.push(i18n._("cli.inspect.not-checked", { note: say(i18n, n) }));
  for (const w of report.warnings) lines.push(i18n._("cli.inspect.warning", { note: say(i18n, w) }));
  return lines;
}

const SEND_WORDS: Readonly<Record<SendClass, string>> = {
  trusted: "cli.inspect.upload.trusted",
  "needs-override": "cli.inspect.upload.needs-override",
  refused: "cli.inspect.upload.refused",
};

async function loadKeys<T>(
  paths: readonly string[],
  io: CliIo,
  load: (bytes: Uint8Array, name: string) => Promise<T>,
): Promise<T[]> {
  const out: T[] = [];
  for (const path of paths) out.push(await loadKeyFile(io, path, (bytes) => load(bytes, basename(path))));
  return out;
}
