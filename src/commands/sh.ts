// jn sh [--raw] COMMAND [ARGS...] — run a command (an argv, never a shell
// string) and turn its output into records: through jc when jc knows the
// command (`jn sh ls -l`, `jn sh ps aux`, `jn sh df`), else one record per
// line, {"line": N, "text": "..."} (the text plugin; --raw forces it).
// Long-running commands that jc has a streaming parser for (ping, vmstat,
// ...) and every command read as lines stream: records come as the command
// writes, and a reader that leaves ends the command (at once when it
// writes; within a second when it writes nothing: pipeline/reader.ts). jn sh's stdin is the
// command's, so it also works as a stage: `jn cat x | jn sh grep foo`.
import { basename } from 'node:path';
import { EXIT, JnError } from '../kit/exit.js';
import { parseAddress } from '../sources/address.js';
import { findJc, jcParserFor, WELL_KNOWN } from '../sources/jc.js';
import { readPlan } from '../sources/plans.js';
import { startPipeline, type Stage } from '../pipeline/spawn.js';
import { reportResult } from '../pipeline/result.js';
import { watchReader } from '../pipeline/reader.js';
import type { CommandSpec, Invocation } from '../spec.js';

const USAGE = `Usage: jn sh [--raw] COMMAND [ARGS...]

Run COMMAND (with its arguments as given: no shell) and write its output as
NDJSON records: parsed by jc (https://kellyjonbrazil.github.io/jc/) when jc
knows the command (ls, ps, df, du, env, free, uptime, mount, ping, dig,
git log, ...), otherwise one record per line: {"line": N, "text": "..."}.

Options (before COMMAND):
  --raw       read the output as lines even when jc knows the command
  -h, --help  this help

Examples:
  jn sh ls -l | jn filter 'select(.size > 1000)'
  jn sh ps aux | jn table
  jn sh tail -f app.log | jn filter 'select(.text | test("ERROR"))'
  jn sh --raw ls

jc: apt-get install jc (Debian, Ubuntu) or pip install jc. Without it every
command is read as lines. A command that fails ends jn sh with status 1 (2
when it cannot be run); its first stderr line is the reason.`;

export const spec: CommandSpec = {
  name: 'sh',
  description: 'Run a command (no shell) and turn its output into records: through jc when it knows the command, else a record per line.',
  arguments: [{ name: '[command...]', description: 'the command and its arguments; --raw before it reads the output as lines' }],
  allowUnknownOption: true,
  ownHelp: true,
  stage: true,
  streams: true,
};

export async function run({ args }: Invocation): Promise<number> {
  const argv = [...(args[0] as string[])];
  let raw = false;
  while (argv.length && argv[0].startsWith('-')) {
    const opt = argv.shift()!;
    if (opt === '--') break;
    if (opt === '--raw') raw = true;
    else if (opt === '-h' || opt === '--help') {
      process.stdout.write(USAGE + '\n');
      return EXIT.OK;
    } else throw new JnError(`unknown option '${opt}' (jn sh's options come before the command: jn sh [--raw] COMMAND [ARGS...])`, EXIT.USAGE);
  }
  if (argv.length === 0) throw new JnError('name a command to run (jn sh COMMAND [ARGS...]; see jn sh --help)', EXIT.USAGE);
  const p = startPipeline([commandStage(argv), ...readerStages(argv, raw)], { stdin: 0, stdout: 1 });
  // A command that writes nothing new (tail -f) would outlive its reader.
  const stop = watchReader(1, () => p.kill());
  const result = await p.done;
  stop();
  return reportResult(result);
}

function commandStage(argv: string[]): Stage {
  return { label: 'sh', source: argv.join(' '), command: argv[0], args: argv.slice(1), kind: 'command' };
}

/** What turns the command's output into records: jc (+ the json reader for
 * its array), or the text plugin's lines. */
function readerStages(argv: string[], raw: boolean): Stage[] {
  const lines = () => readPlan(parseAddress('-~text')).stages;
  if (raw) return lines();
  const jc = findJc();
  if (!jc) {
    if (WELL_KNOWN.has(basename(argv[0]))) {
      process.stderr.write(`jn: sh: jc is not installed: the output of ${basename(argv[0])} is read as lines (install it: apt-get install jc, or pip install jc; --raw says you want lines)\n`);
    }
    return lines();
  }
  const parser = jcParserFor(jc, argv);
  if (!parser) return lines();
  const jcStage: Stage = { label: 'jc', source: argv.join(' '), command: jc, args: parser.streaming ? [parser.argument, '-u'] : [parser.argument], kind: 'command' };
  return parser.streaming ? [jcStage] : [jcStage, ...readPlan(parseAddress('-~json')).stages];
}
