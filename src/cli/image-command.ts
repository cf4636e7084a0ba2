// `mcuflash image inspect FILE [--key KEYFILE]... [--decrypt-key KEYFILE]... [--json]`: reads a firmware
// file (.bin, Intel HEX, dfu_application.zip), verifies every MCUboot image in it locally (no device) and
// exits 0 only when each one is valid, fully checked and, when keys are given, signed by one of them.

import { errorText } from "../i18n/describe-error.js";
import { englishI18n } from "../i18n/english.js";
import { UsageError } from "./usage-error.js";
import { isMcuFlashError } from "../core/errors.js";
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
} from "../core/mcuboot/index.js";
import type { JsonValue } from "../core/mcuboot/report-json.js";
import { toHex } from "../core/bytes.js";

export interface ImageCommandIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  readFile: (path: string) => Promise<Uint8Array>;
}

export const IMAGE_USAGE =
  "usage: mcuflash image inspect FILE [--key KEYFILE]... [--decrypt-key KEYFILE]... [--json]\n" +
  "  FILE          signed image (.bin), Intel HEX (.hex) or nRF Connect SDK dfu_application.zip\n" +
  "  --key         a trusted signing key: PEM (public or private), imgtool getpub output, or a KEYHASH\n" +
  "  --decrypt-key the private key an encrypted image was made for (to check its hash)\n" +
  "  --json        print the report as JSON\n" +
  "Exit status: 0 valid (and signed by a given key), 1 not valid or not fully verified, 2 usage error.";

interface InspectArgs {
  readonly file: string;
  readonly keys: readonly string[];
  readonly decryptKeys: readonly string[];
  readonly json: boolean;
}

class ImageUsageError extends UsageError {}

function parseArgs(args: readonly string[]): InspectArgs | "help" {
  if (args.includes("--help") || args.includes("-h")) return "help";
  const [sub, ...rest] = args;
  if (sub !== "inspect")
    throw new ImageUsageError(sub ? `Unknown image command "${sub}".` : "Missing image command.");
  const keys: string[] = [];
  const decryptKeys: string[] = [];
  let json = false;
  let file: string | undefined;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i] ?? "";
    const [name, inline] =
      arg.startsWith("--") && arg.includes("=")
        ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)]
        : [arg, undefined];
    if (name === "--json") json = true;
    else if (name === "--key" || name === "--decrypt-key") {
      const value = inline ?? rest[++i];
      if (!value || value.startsWith("--")) throw new ImageUsageError(`${name} needs a key file.`);
      (name === "--key" ? keys : decryptKeys).push(value);
    } else if (name.startsWith("--")) throw new ImageUsageError(`Unknown option ${name}.`);
    else if (file === undefined) file = arg;
    else throw new ImageUsageError(`Unexpected argument "${arg}": inspect takes one file.`);
  }
  if (!file) throw new ImageUsageError("Missing the firmware FILE to inspect.");
  return { file, keys, decryptKeys, json };
}

function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

/** Accepted: valid, nothing left unchecked, and signed by a given key when keys were given. */
function accepted(report: VerificationReport, keysGiven: boolean): boolean {
  return report.outcome === "valid" && report.complete && (!keysGiven || report.signedBy !== undefined);
}

function humanReport(image: PackageImage, report: VerificationReport, multi: boolean): string[] {
  const lines: string[] = [];
  const h = report.header;
  const title = multi ? `image ${image.imageNumber} (${image.name})` : image.name;
  lines.push(
    h
      ? `${title}: MCUboot image ${h.version.text}, ${h.imageSize}-byte body, ${image.bytes.length} bytes in all` +
          (h.flagNames.length ? ` [${h.flagNames.join(", ")}]` : "")
      : `${title}: not a readable MCUboot image`,
  );
  if (image.board || image.type)
    lines.push(`  package: ${[image.type, image.board].filter(Boolean).join(", ")}`);
  if (report.imageHashHex)
    lines.push(`  hash (${report.hash.algorithm ?? "?"}): ${report.imageHashHex} [${report.hash.status}]`);
  if (report.tlvs.length) {
    lines.push(
      `  TLVs: ${report.tlvs.map((t) => (t.area === "protected" ? `prot:${t.name}` : t.name)).join(", ")}`,
    );
  }
  if (report.trailer) {
    const t = report.trailer;
    lines.push(
      `  trailer: ${t.confirmed ? "confirmed (image_ok=0x01)" : "not confirmed"}, max-align ${t.maxAlign}`,
    );
  }
  const signer = report.signedBy
    ? `${report.signedBy} (${report.signature.keyType ?? "?"}, ${report.signature.tlv ?? "?"})`
    : "untrusted";
  lines.push(`  signed by: ${signer}`);
  lines.push(`  outcome: ${report.outcome}${report.complete ? "" : " (partial)"} - ${report.reason}`);
  for (const n of report.notChecked) lines.push(`  not checked: ${n}`);
  for (const w of report.warnings) lines.push(`  warning: ${w}`);
  return lines;
}

async function loadKeys<T>(
  paths: readonly string[],
  io: ImageCommandIo,
  load: (bytes: Uint8Array, name: string) => Promise<T>,
): Promise<T[]> {
  const out: T[] = [];
  for (const path of paths) {
    try {
      out.push(await load(await io.readFile(path), baseName(path)));
    } catch (error) {
      io.stderr(`Key file ${path}:\n`);
      throw error;
    }
  }
  return out;
}

export async function runImageCommand(args: string[], io: ImageCommandIo): Promise<number> {
  let parsed: InspectArgs | "help";
  try {
    parsed = parseArgs(args);
  } catch (error) {
    if (!(error instanceof ImageUsageError)) throw error;
    io.stderr(`${errorText(englishI18n(), error)}\n${IMAGE_USAGE}\n`);
    return 2;
  }
  if (parsed === "help") {
    io.stdout(`${IMAGE_USAGE}\n`);
    return 0;
  }
  const { file, json } = parsed;
  try {
    const keys: TrustedKey[] = await loadKeys(parsed.keys, io, (b, name) => importTrustedKey(b, { name }));
    const decryptionKeys: DecryptionKey[] = await loadKeys(parsed.decryptKeys, io, (b, name) =>
      importDecryptionKey(b, { name }),
    );
    const pkg = await readPackage(await io.readFile(file), baseName(file));
    const results: { image: PackageImage; report: VerificationReport }[] = [];
    for (const image of pkg.images) {
      results.push({ image, report: await verifyImage(image.bytes, keys, { decryptionKeys }) });
    }
    const ok = results.every((r) => accepted(r.report, keys.length > 0));
    const failing = results.find((r) => !accepted(r.report, keys.length > 0));
    const overall = failing
      ? failing.report.outcome === "valid"
        ? failing.report.complete
          ? `${failing.image.name}: valid but not signed by any of the given keys`
          : `${failing.image.name}: ${failing.report.reason}`
        : `${failing.image.name}: ${failing.report.reason}`
      : `every image is valid${keys.length ? " and signed by a trusted key" : ""}`;
    if (json) {
      const images = results.map(({ image, report }) => ({
        imageNumber: image.imageNumber,
        name: image.name,
        format: image.format,
        ...reportToJson(report),
      }));
      const single: Record<string, JsonValue> = images.length === 1 && images[0] ? images[0] : {};
      const first = results[0];
      const top =
        results.length === 1 || !first ? {} : { outcome: (failing ?? first).report.outcome, reason: overall };
      const out = {
        ...single,
        ...top,
        file,
        format: pkg.format,
        accepted: ok,
        summary: overall,
        trustedKeys: keys.map((k) => ({
          name: k.name,
          kind: k.kind,
          detail: k.kind === "key-hash" ? toHex(k.hash) : k.type,
        })),
        images,
      };
      io.stdout(`${JSON.stringify(out, null, 2)}\n`);
    } else {
      const lines = results.flatMap(({ image, report }) => humanReport(image, report, results.length > 1));
      lines.push(ok ? `OK: ${overall}` : `NOT OK: ${overall}`);
      io.stdout(`${lines.join("\n")}\n`);
    }
    return ok ? 0 : 1;
  } catch (error) {
    if (!isMcuFlashError(error)) {
      const detail = error instanceof Error ? error.message : String(error);
      io.stderr(`Could not inspect ${file}: ${detail}\n`);
      return 1;
    }
    if (json)
      io.stdout(
        `${JSON.stringify({ file, accepted: false, error: error.code, params: error.params, message: errorText(englishI18n(), error) }, null, 2)}\n`,
      );
    io.stderr(`${errorText(englishI18n(), error)}\n`);
    return 1;
  }
}
