// `mcuflash fs upload|download|stat|hash|types|close`: files on the device (SMP has no directory listing, so
// every command names a full path such as /lfs1/log.txt).

import {
  closeFile,
  compareFile,
  downloadFile,
  fileHash,
  fileHashTypes,
  fileStatus,
  uploadFile,
} from "../../core/device-tools/index.js";
import type { CliCommand, CommandResult } from "../command-types.js";
import { withDevice } from "../device-context.js";
import { formatBytes, formatDuration, table } from "../format.js";
import type { CliIo } from "../cli-io.js";
import type { GlobalOptions } from "../global-options.js";
import { parseVerbArgs } from "../verb-args.js";
import {
  positionalsExactly,
  progressLine,
  readLocalFile,
  subcommand,
  writeLocalFile,
} from "./tools-support.js";

const SUBCOMMANDS = ["upload", "download", "stat", "hash", "types", "close"] as const;

export const fsCommand: CliCommand = {
  usage:
    "fs upload LOCAL REMOTE [--resume] [--verify] | download REMOTE LOCAL | stat REMOTE | hash REMOTE [--type T] | types | close",
  summary: "files on the device: upload, download, size, hash/checksum, supported hash types",
  async run(args, global, io) {
    const [sub, rest] = subcommand("fs", args, SUBCOMMANDS);
    switch (sub) {
      case "upload":
        return upload(rest, global, io);
      case "download":
        return download(rest, global, io);
      case "stat":
        return stat(rest, global, io);
      case "hash":
        return hash(rest, global, io);
      case "types":
        return types(rest, global, io);
      case "close":
        return close(rest, global, io);
    }
  },
};

function rate(bytes: number, ms: number): number {
  return ms > 0 ? Math.round((bytes * 1000) / ms) : 0;
}

async function upload(args: string[], global: GlobalOptions, io: CliIo): Promise<CommandResult> {
  const { values, positionals } = parseVerbArgs(args, {
    resume: { type: "boolean" },
    verify: { type: "boolean" },
  });
  const [local = "", remote = ""] = positionalsExactly(positionals, ["LOCAL", "REMOTE"], "fs upload");
  const data = await readLocalFile(io, local);
  const progress = progressLine(global, io);
  return withDevice(global, io, async ({ client }) => {
    const result = await uploadFile(client, remote, data, {
      resume: values.resume === true,
      signal: io.interrupt,
      onProgress: progress.onProgress,
    }).finally(() => progress.done());
    const check = values.verify
      ? await compareFile(client, remote, data, { signal: io.interrupt })
      : undefined;
    const lines = [
      `Uploaded ${local} to ${remote}: ${formatBytes(result.bytes)} in ${formatDuration(result.elapsedMs)}` +
        (result.resumedFrom > 0 ? ` (resumed at byte ${result.resumedFrom})` : "") +
        ".",
    ];
    if (check)
      lines.push(
        check.match
          ? `Verified: ${check.type} ${check.deviceHex} matches.`
          : `MISMATCH: the device's ${check.type} is ${check.deviceHex}, the local file's ${check.localHex}.`,
      );
    return {
      json: {
        local,
        remote,
        bytes: result.bytes,
        resumedFrom: result.resumedFrom,
        elapsedMs: Math.round(result.elapsedMs),
        bytesPerSecond: rate(result.bytes, result.elapsedMs),
        requests: result.requests,
        ...(check ? { verified: check.match, hashType: check.type, deviceHash: check.deviceHex } : {}),
      },
      text: lines.join("\n"),
      exitCode: check && !check.match ? 1 : 0,
    };
  });
}

async function download(args: string[], global: GlobalOptions, io: CliIo): Promise<CommandResult> {
  const { positionals } = parseVerbArgs(args, {});
  const [remote = "", local = ""] = positionalsExactly(positionals, ["REMOTE", "LOCAL"], "fs download");
  const progress = progressLine(global, io);
  const result = await withDevice(global, io, ({ client }) =>
    downloadFile(client, remote, { signal: io.interrupt, onProgress: progress.onProgress }).finally(() =>
      progress.done(),
    ),
  );
  await writeLocalFile(io, local, result.data);
  return {
    json: {
      remote,
      local,
      bytes: result.data.length,
      elapsedMs: Math.round(result.elapsedMs),
      bytesPerSecond: rate(result.data.length, result.elapsedMs),
      requests: result.requests,
    },
    text: `Downloaded ${remote} to ${local}: ${formatBytes(result.data.length)} in ${formatDuration(result.elapsedMs)}.`,
  };
}

async function stat(args: string[], global: GlobalOptions, io: CliIo): Promise<CommandResult> {
  const { positionals } = parseVerbArgs(args, {});
  const [remote = ""] = positionalsExactly(positionals, ["REMOTE"], "fs stat");
  const status = await withDevice(global, io, ({ client }) =>
    fileStatus(client, remote, { signal: io.interrupt }),
  );
  return { json: { name: status.path, size: status.size }, text: `${status.path}  ${status.size} bytes` };
}

async function hash(args: string[], global: GlobalOptions, io: CliIo): Promise<CommandResult> {
  const { values, positionals } = parseVerbArgs(args, { type: { type: "string" } });
  const [remote = ""] = positionalsExactly(positionals, ["REMOTE"], "fs hash");
  const result = await withDevice(global, io, ({ client }) =>
    fileHash(client, remote, {
      signal: io.interrupt,
      ...(values.type !== undefined ? { type: values.type } : {}),
    }),
  );
  return {
    json: {
      name: result.path,
      type: result.type,
      offset: result.offset,
      length: result.length,
      hash: result.hex,
    },
    text: `${result.type}  ${result.hex}  ${result.path} (${result.length} bytes)`,
  };
}

async function types(args: string[], global: GlobalOptions, io: CliIo): Promise<CommandResult> {
  parseVerbArgs(args, {});
  const list = await withDevice(global, io, ({ client }) => fileHashTypes(client, { signal: io.interrupt }));
  if (list === undefined) {
    return { json: { types: null }, text: "The device does not list its hash types (try crc32 or sha256)." };
  }
  return {
    json: { types: list },
    text: table(
      ["type", "output", "bytes"],
      list.map((t) => [t.name, t.output, String(t.size)]),
    ),
  };
}

async function close(args: string[], global: GlobalOptions, io: CliIo): Promise<CommandResult> {
  parseVerbArgs(args, {});
  const closed = await withDevice(global, io, ({ client }) => closeFile(client, { signal: io.interrupt }));
  return {
    json: { closed },
    text: closed
      ? "Closed the device's open file."
      : "The device has no close command; it closes files when idle.",
  };
}
