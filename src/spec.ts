// The shape of a sub-command: what src/cli.ts turns into commander's
// definitions. Every src/commands/<name>.ts exports `spec` (this, plain data)
// and `run` (what the command does); cli.ts loads only the module of the
// command being run, so `jn cat` never loads what `jn shell` needs.

/** How an argument or option value is checked before run() sees it. */
export type ValueKind = 'count' | 'seconds' | 'list';

interface ArgumentSpec {
  /** commander syntax: `<address>`, `[address...]`. */
  name: string;
  description: string;
  kind?: ValueKind;
}

interface OptionSpec {
  /** commander syntax: `-n, --lines <n>`, `--json`. */
  flags: string;
  description: string;
  kind?: ValueKind;
}

export interface CommandSpec {
  name: string;
  description: string;
  arguments?: ArgumentSpec[];
  options?: OptionSpec[];
  /** Text printed after the generated help. */
  helpAfter?: string;
  /** Arguments that look like options are arguments (`-~csv`, jq's own flags). */
  allowUnknownOption?: boolean;
  /** The command parses its own --help (jn filter). */
  ownHelp?: boolean;
  /** Sub-commands (`jn plugin list`): run() gets the chosen one's name. */
  subcommands?: CommandSpec[];
  /** Internal: left out of `jn --help` (jn seek, started by jn shell). */
  hidden?: boolean;
  /** `jn shell` accepts this command as a stage of a pipeline. */
  stage?: boolean;
  /** The command writes a record stream to stdout (for put: given the
   * command line's arguments, whether it does): when it fails, for any
   * reason, usage errors included, the edge ends its stdout with the
   * failure mark (src/kit/mark.ts). */
  streams?: boolean | ((args: string[]) => boolean);
}

/** What run() gets: the positional values in the order of spec.arguments,
 * the options by commander's camel-case names, and for a command with
 * sub-commands the one chosen. */
export interface Invocation {
  args: unknown[];
  opts: Record<string, unknown>;
  subcommand?: string;
  version: string;
}

export interface CommandModule {
  spec: CommandSpec;
  run(inv: Invocation): number | Promise<number>;
}
