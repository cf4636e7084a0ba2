// Shell management (group 9), after Zephyr's shell_mgmt.c: argv is joined into one command line for the shell
// (on a dummy backend that captures output), answered with the captured output `o` and the command's return
// value `ret`. A few commands exist: `kernel version`, `kernel uptime`, `help`, `retval` and `echo` (the last
// stands for an application-registered command; Zephyr's shell has none by that name).

import { type HandlerContext, type SimGroup, handlerTable } from "../smp/group.js";
import { Group, MgmtErr, ShellErr } from "../smp/mgmt-codes.js";
import { decodeFields } from "../smp/request-fields.js";

export interface ShellCommandResult {
  readonly output: string;
  readonly ret: number;
}

/** A shell command: its arguments (argv[1..]) → what it prints (lines end in "\r\n") and returns. */
export type ShellCommand = (args: readonly string[]) => ShellCommandResult;

export interface ShellDeps {
  readonly kernelVersion: string;
  readonly uptimeMs: () => number;
  /** Extra or replacement commands by name. */
  readonly commands?: Readonly<Record<string, ShellCommand>>;
}

/** CONFIG_SHELL_CMD_BUFF_SIZE */
const CMD_BUFF_SIZE = 256;
const ENOEXEC = 8;
const EINVAL = 22;

const red = (text: string): string => `\u001b[1;31m${text}\r\n\u001b[m`;

function builtins(deps: ShellDeps, lastRet: () => number): Record<string, ShellCommand> {
  const kernelHelp =
    "kernel - Kernel commands\r\nSubcommands:\r\n  uptime   : Kernel uptime.\r\n  version  : Kernel version.\r\n";
  return {
    kernel: (args) => {
      if (args.length === 0) return { output: kernelHelp, ret: 1 };
      if (args[0] === "version" && args.length === 1) {
        return { output: `Zephyr version ${deps.kernelVersion}\r\n`, ret: 0 };
      }
      if (args[0] === "uptime" && args.length === 1) {
        return { output: `Uptime: ${Math.floor(deps.uptimeMs())} ms\r\n`, ret: 0 };
      }
      return { output: red(`kernel: unknown parameter: ${args[0] ?? ""}`), ret: -EINVAL };
    },
    echo: (args) => ({ output: `${args.join(" ")}\r\n`, ret: 0 }),
    retval: () => ({ output: `${lastRet()}\r\n`, ret: 0 }),
    help: () => ({
      output: "Please press the <Tab> button to see all available commands.\r\n",
      ret: 0,
    }),
  };
}

export function createShellGroup(deps: ShellDeps): SimGroup {
  let lastRet = 0;
  const commands: Record<string, ShellCommand> = { ...builtins(deps, () => lastRet), ...deps.commands };

  const exec = (ctx: HandlerContext): number => {
    const fields = decodeFields(ctx.body, { argv: "tstrList" });
    if (!fields?.argv) return MgmtErr.EINVAL;
    let length = 0;
    for (const arg of fields.argv) {
      if (length + new TextEncoder().encode(arg).length >= CMD_BUFF_SIZE) {
        ctx.addError(Group.shell, ShellErr.COMMAND_TOO_LONG);
        return 0;
      }
      length += new TextEncoder().encode(arg).length + 1;
    }
    if (length === 0) {
      ctx.addError(Group.shell, ShellErr.EMPTY_COMMAND);
      return 0;
    }
    // The shell tokenises the joined line again, so ["echo", "a b"] runs as three words.
    const words = fields.argv
      .join(" ")
      .split(/\s+/)
      .filter((w) => w.length > 0);
    const [name, ...args] = words;
    let result: ShellCommandResult;
    if (name === undefined) result = { output: "", ret: 0 };
    else {
      const command = Object.prototype.hasOwnProperty.call(commands, name) ? commands[name] : undefined;
      result = command ? command(args) : { output: red(`${name}: command not found`), ret: -ENOEXEC };
    }
    lastRet = result.ret;
    ctx.rsp.put("o", `\r\n${result.output}`).put("ret", result.ret);
    return 0;
  };

  return { id: Group.shell, name: "shell mgmt", handlers: handlerTable([[0, { write: exec }]]) };
}
