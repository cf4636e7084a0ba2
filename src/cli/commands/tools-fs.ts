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
import { type CommandResult, type Invocation, commandGroup, subcommand } from "../command-types.js";
import { withDevice } from "../device-context.js";
import { formatBytes, formatDuration, table } from "../format.js";
import { exactly, noArguments } from "./arguments.js";
import { progressLine, readLocalFile, writeLocalFile } from "./tools-support.js";

const UPLOAD_OPTIONS = {
  resume: { type: "boolean", help: "cli.help.fs.upload.option.resume" },
  verify: { type: "boolean", help: "cli.help.fs.upload.option.verify" },
} as const;
const HASH_OPTIONS = {
  type: { type: "string", value: "TYPE", help: "cli.help.fs.hash.option.type" },
} as const;

export const fsCommand = commandGroup("cli.help.fs.summary", {
  upload: subcommand({
    synopsis: "LOCAL REMOTE",
    summary: "cli.help.fs.upload.summary",
    options: UPLOAD_OPTIONS,
    examples: ["--port /dev/ttyACM0 fs upload config.json /lfs1/config.json --verify"],
    run: upload,
  }),
  download: subcommand({
    synopsis: "REMOTE LOCAL",
    summary: "cli.help.fs.download.summary",
    options: {},
    examples: ["--port /dev/ttyACM0 fs download /lfs1/log.txt log.txt"],
    run: download,
  }),
  stat: subcommand({
    synopsis: "REMOTE",
    summary: "cli.help.fs.stat.summary",
    options: {},
    examples: ["--port /dev/ttyACM0 fs stat /lfs1/log.txt"],
    run: stat,
  }),
  hash: subcommand({
    synopsis: "REMOTE",
    summary: "cli.help.fs.hash.summary",
    options: HASH_OPTIONS,
    examples: ["--port /dev/ttyACM0 fs hash /lfs1/log.txt --type sha256"],
    run: hash,
  }),
  types: subcommand({
    synopsis: "",
    summary: "cli.help.fs.types.summary",
    options: {},
    examples: ["--port /dev/ttyACM0 fs types"],
    run: types,
  }),
  close: subcommand({
    synopsis: "",
    summary: "cli.help.fs.close.summary",
    options: {},
    examples: ["--port /dev/ttyACM0 fs close"],
    run: close,
  }),
});

function rate(bytes: number, ms: number): number {
  return ms > 0 ? Math.round((bytes * 1000) / ms) : 0;
}

async function upload({
  values,
  positionals,
  global,
  io,
}: Invocation<typeof UPLOAD_OPTIONS>): Promise<CommandResult> {
  const [local = "", remote = ""] = exactly("fs upload", positionals, ["LOCAL", "REMOTE"]);
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
      io.i18n._("cli.fs.uploaded", {
        local,
        remote,
        size: formatBytes(result.bytes),
        duration: formatDuration(result.elapsedMs),
        resumedFrom: result.resumedFrom,
      }),
    ];
    if (check) {
      const facts = { type: check.type, device: check.deviceHex, local: check.localHex };
      lines.push(io.i18n._(check.match ? "cli.fs.verified" : "cli.fs.mismatch", facts));
    }
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

async function download({ positionals, global, io }: Invocation): Promise<CommandResult> {
  const [remote = "", local = ""] = exactly("fs download", positionals, ["REMOTE", "LOCAL"]);
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
    text: io.i18n._("cli.fs.downloaded", {
      remote,
      local,
      size: formatBytes(result.data.length),
      duration: formatDuration(result.elapsedMs),
    }),
  };
}

async function stat({ positionals, global, io }: Invocation): Promise<CommandResult> {
  const [remote = ""] = exactly("fs stat", positionals, ["REMOTE"]);
  const status = await withDevice(global, io, ({ client }) =>
    fileStatus(client, remote, { signal: io.interrupt }),
  );
  return {
    json: { name: status.path, size: status.size },
    text: io.i18n._("cli.fs.stat", { path: status.path, size: status.size }),
  };
}

async function hash({
  values,
  positionals,
  global,
  io,
}: Invocation<typeof HASH_OPTIONS>): Promise<CommandResult> {
  const [remote = ""] = exactly("fs hash", positionals, ["REMOTE"]);
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
    text: io.i18n._("cli.fs.hash", {
      type: result.type,
      hash: result.hex,
      path: result.path,
      length: result.length,
    }),
  };
}

async function types({ positionals, global, io }: Invocation): Promise<CommandResult> {
  noArguments("fs types", positionals);
  const list = await withDevice(global, io, ({ client }) => fileHashTypes(client, { signal: io.interrupt }));
  if (list === undefined) {
    return { json: { types: null }, text: io.i18n._("cli.fs.no-types") };
  }
  return {
    json: { types: list },
    text: table(
      [io.i18n._("cli.fs.type"), io.i18n._("cli.fs.output"), io.i18n._("cli.fs.bytes")],
      list.map((t) => [t.name, t.output, String(t.size)]),
    ),
  };
}

async function close({ positionals, global, io }: Invocation): Promise<CommandResult> {
  noArguments("fs close", positionals);
  const closed = await withDevice(global, io, ({ client }) => closeFile(client, { signal: io.interrupt }));
  return {
    json: { closed },
    text: io.i18n._(closed ? "cli.fs.closed" : "cli.fs.no-close"),
  };
}
