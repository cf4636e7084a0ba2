// Shell management group (9): Zephyr "SMP group 9" page and shell_mgmt.c.

import { SmpGroup, defineCommand } from "../command.js";
import { canonicalMap, requestReader, responseReader } from "../validate.js";

export interface ShellExecRequest {
  /** The command line split into words, e.g. ["kernel", "version"]. */
  readonly argv: readonly string[];
}
export interface ShellExecResponse {
  /** What the command printed (may contain ANSI colour codes and \r\n). */
  readonly o: string;
  /** The shell command's own return code (0 = success); not an SMP error. */
  readonly ret: number;
}

export const shellExec = defineCommand<ShellExecRequest, ShellExecResponse>({
  name: "shell.exec",
  label: "shell command",
  group: SmpGroup.shell,
  id: 0,
  op: "write",
  encode: (req) => canonicalMap({ argv: [...req.argv] }),
  decodeRequest: (body) => ({ argv: requestReader(body, "shell command").strArray("argv") }),
  decode: (body) => {
    const r = responseReader(body, "shell command");
    // Zephyr's legacy option sends the command's result as "rc" instead of "ret".
    return { o: r.str("o"), ret: r.has("ret") ? r.int("ret") : r.int("rc") };
  },
  rcIsResultWhenKey: "o",
});

export const SHELL_COMMANDS = [shellExec] as const;
