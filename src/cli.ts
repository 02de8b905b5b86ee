// The jn command line: commander built from the command specs. Each
// sub-command's module is loaded only when that sub-command runs (the bundle
// is code-split), so `jn cat` never loads what `jn shell` needs; `jn --help`
// and an unknown command load every spec.
import type { CommandModule, CommandSpec, Invocation, ValueKind } from './spec.js';

const VERSION = '0.1.0';

const COMMANDS: Record<string, () => Promise<CommandModule>> = {
  cat: () => import('./commands/cat.js'),
  put: () => import('./commands/put.js'),
  head: () => import('./commands/head.js'),
  tail: () => import('./commands/tail.js'),
  filter: () => import('./commands/filter.js'),
  join: () => import('./commands/join.js'),
  merge: () => import('./commands/merge.js'),
  inspect: () => import('./commands/inspect.js'),
  analyze: () => import('./commands/analyze.js'),
  table: () => import('./commands/table.js'),
  shell: () => import('./commands/shell.js'),
  plugin: () => import('./commands/plugin.js'),
  profile: () => import('./commands/profile.js'),
  trust: () => import('./commands/trust.js'),
  untrust: () => import('./commands/untrust.js'),
  edit: () => import('./commands/edit.js'),
  version: () => import('./commands/version.js'),
  sh: () => import('./commands/sh.js'),
  seek: () => import('./commands/seek.js'),
};

/** `jn head` / `jn tail` with a plain count are the most frequent stages
 * (every shell preview of a head stage starts one), and their start-up is
 * what the user waits for: they skip loading commander. Anything else —
 * other spellings, bad counts, --help — goes through commander below. */
function plainCount(args: string[]): number | undefined {
  if (args.length === 0) return 10;
  if (args.length === 1 && /^\d+$/.test(args[0])) return Number(args[0]);
  if (args.length === 1 && /^--lines=\d+$/.test(args[0])) return Number(args[0].slice(8));
  if (args.length === 2 && (args[0] === '-n' || args[0] === '--lines') && /^\d+$/.test(args[1])) return Number(args[1]);
  return undefined;
}

/** Run a command and exit with its status: the edge. A thrown error is
 * reported once as a Failure (src/kit/failure.ts); a command that streams
 * records to stdout and failed ends them with the failure mark
 * (src/kit/mark.ts), so that the stages after it fail too. */
async function exec(name: string, module: CommandModule, inv: Invocation): Promise<never> {
  let code: number;
  try {
    code = await module.run(inv);
  } catch (err) {
    const { reportError } = await import('./kit/failure.js');
    code = reportError(name, err);
  }
  return finish(name, module.spec, code);
}

/** Exit with code; first, if the command streams records and failed, end
 * its stdout with the failure mark. */
async function finish(name: string, spec: CommandSpec | undefined, code: number): Promise<never> {
  const streams = typeof spec?.streams === 'function' ? spec.streams(rest) : spec?.streams;
  if (code !== 0 && streams) {
    const [{ endWithMark }, { lastFailure }] = await Promise.all([import('./kit/mark.js'), import('./kit/failure.js')]);
    endWithMark(lastFailure() ?? { stage: name, reason: `exited with status ${code}`, status: code });
  }
  process.exit(code);
}

const [first, ...rest] = process.argv.slice(2);

type Commander = typeof import('commander');
type Cmd = InstanceType<Commander['Command']>;

/** commander's parsers of option values, by kind. */
const parsersOf = ({ InvalidArgumentError }: Commander): Record<ValueKind, (value: string, prev?: unknown) => unknown> => ({
  count(value) {
    if (!/^\d+$/.test(value)) throw new InvalidArgumentError('expected a non-negative integer');
    return Number(value);
  },
  seconds(value) {
    if (!/^\d+(\.\d+)?$/.test(value)) throw new InvalidArgumentError('expected a number of seconds');
    return Number(value);
  },
  list: (value, prev) => [...((prev as string[] | undefined) ?? []), value],
});

/** One commander command from a spec; its action runs module.run. */
function define(parsers: ReturnType<typeof parsersOf>, parent: Cmd, spec: CommandSpec, action: (args: unknown[], opts: Record<string, unknown>, sub?: string) => Promise<never>, sub?: string): Cmd {
  const cmd = parent.command(spec.name, { hidden: spec.hidden }).description(spec.description);
  if (spec.subcommands) {
    for (const s of spec.subcommands) define(parsers, cmd, s, action, s.name);
    return cmd;
  }
  for (const a of spec.arguments ?? []) {
    if (a.kind) cmd.argument(a.name, a.description, parsers[a.kind]);
    else cmd.argument(a.name, a.description, a.name.endsWith('...]') ? [] : undefined);
  }
  for (const o of spec.options ?? []) {
    if (o.kind) cmd.option(o.flags, o.description, parsers[o.kind]);
    else cmd.option(o.flags, o.description);
  }
  if (spec.allowUnknownOption) cmd.allowUnknownOption();
  if (spec.ownHelp) cmd.helpOption(false);
  if (spec.helpAfter) cmd.addHelpText('after', '\n' + spec.helpAfter);
  cmd.action((...values: unknown[]) => {
    const n = spec.arguments?.length ?? 0;
    return action(values.slice(0, n), values[n] as Record<string, unknown>, sub);
  });
  return cmd;
}

/** After `--`, an argument is an address even when it starts with `-`
 * (`jn cat -- -lead.csv`): it is passed on as the path `./-lead.csv`
 * (stdin stays stdin: `-`, `-~table`, `-?x=1`, as JN users write
 * `jn cat -- "-~table"`). jn filter reads `--` itself, as jq does. */
function endOfOptions(argv: string[]): string[] {
  const at = argv.indexOf('--', 3);
  if (at === -1 || first === 'filter') return argv;
  return [...argv.slice(0, at + 1), ...argv.slice(at + 1).map((a) => (a.startsWith('-') && !/^-([~?]|$)/.test(a) ? `./${a}` : a))];
}

/** The command line: `jn filter`, `jn head`/`jn tail` with a plain count
 * and `jn cat` with plain addresses, at once; anything else through commander. A function, not top-level await: the bundles of
 * single commands are CommonJS (scripts/build.mjs). */
async function main(): Promise<void> {
  if (first === 'head' || first === 'tail') {
    const n = plainCount(rest);
    if (n !== undefined) await exec(first, await COMMANDS[first](), { args: [], opts: { lines: n }, version: VERSION });
  }
  // `jn cat a.csv b.json`, addresses without options (the first stage of a
  // pipeline typed in bash): at once too
  if (first === 'cat' && rest.length > 0 && !rest.some((a) => a.startsWith('-'))) {
    await exec(first, await COMMANDS[first](), { args: [rest], opts: {}, version: VERSION });
  }
  // jn filter reads its own command line (jq's options, its own help):
  // commander only hands the arguments through, except for its -V and a
  // leading -- (which it drops), left to it
  if (first === 'filter' && rest[0] !== '--' && !rest.some((a) => a === '-V' || a === '--version')) {
    await exec(first, await COMMANDS[first](), { args: [rest], opts: {}, version: VERSION });
  }

  const commander = await import('commander');
  const parsers = parsersOf(commander);
  const program = new commander.Command('jn')
    .description('Streaming data tool: NDJSON through Unix pipes, one process per stage.')
    .version(VERSION, '-V, --version')
    .showSuggestionAfterError()
    .exitOverride()
    // jn's one-line errors: `jn: unknown option '--x'`, not commander's `error: …`
    .configureOutput({ outputError: (s, write) => write(s.replace(/^error: /, 'jn: ')) });

  // Ink draws nothing but the last frame when it thinks it runs in CI (is-in-ci
  // reads CI when Ink is loaded), and chalk's supports-color draws no colour
  // on a terminal when CI is set at all (even to "false"); jn shell is
  // interactive wherever it runs, so it removes both before the shell's
  // module (and Ink) is loaded.
  if (first === 'shell') for (const key of ['CI', 'CONTINUOUS_INTEGRATION']) delete process.env[key];

  // Only the command being run is loaded; without one (help, a typo), all are.
  const names = first !== undefined && Object.hasOwn(COMMANDS, first) ? [first] : Object.keys(COMMANDS);
  let firstSpec: CommandSpec | undefined;
  for (const name of names) {
    const module = await COMMANDS[name]();
    if (name === first) firstSpec = module.spec;
    define(parsers, program, module.spec, (args, opts, subcommand) => exec(name, module, { args, opts, subcommand, version: VERSION }));
  }

  try {
    await program.parseAsync(endOfOptions(process.argv));
  } catch (err) {
    if (err instanceof commander.CommanderError) {
      const ok = err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help';
      await finish(first ?? 'jn', firstSpec, ok ? 0 : 2);
    }
    throw err;
  }
}

void main();
