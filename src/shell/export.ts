// Turning a `jn shell` session into shell text: one command line, or an
// executable POSIX sh script that reproduces the pipeline exactly and
// carries the whole session (for `jn shell` to load it back).
import { enabledArgvs, type SessionState } from './session.js';
import { isStdinSource } from './spool.js';
import { shSourceArgv } from './sh-source.js';

const SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** Quote one argument for POSIX sh so that sh reads back the exact string:
 * bare when it is made only of safe characters, else in single quotes with
 * each ' written as '\''. An argument cannot hold a NUL character. */
export function shellQuote(arg: string): string {
  if (arg.includes('\0')) throw new Error('an argument cannot contain a NUL character');
  if (SAFE.test(arg)) return arg;
  return `'${arg.replaceAll("'", `'\\''`)}'`;
}

function argvLine(argv: readonly string[]): string {
  return ['jn', ...argv].map(shellQuote).join(' ');
}

/** The argv of a command source, or undefined (also for one that cannot
 * be read, `sh:` alone: its preview says why, and it is written as typed). */
function commandSource(source: string): string[] | undefined {
  try {
    return shSourceArgv(source);
  } catch {
    return undefined;
  }
}

/** The commands of the pipeline: `jn cat SRC` (`jn sh CMD...` for a
 * command source, which `source` does not replace) then each enabled stage. */
function commands(state: SessionState, source?: string): string[] {
  const sh = commandSource(state.source);
  const first = sh ? argvLine(sh) : `jn cat ${source ?? shellQuote(state.source)}`;
  return [first, ...enabledArgvs(state).map(argvLine)];
}

/** One line: `jn cat SRC | jn <stage> | ...` (disabled stages left out).
 * `source`, if given, is a raw shell fragment used as is (e.g. '"$src"'). */
export function commandLine(state: SessionState, source?: string): string {
  return commands(state, source).join(' | ');
}

/** JSON on one line with everything outside printable ASCII escaped. */
export function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Text fit for a one-line comment: as is when printable ASCII, else as an
 * ASCII JSON string. */
function commentText(s: string): string {
  return /^[\x20-\x7e]*$/.test(s) ? s : asciiJson(s);
}

export const SESSION_MARK = '# jn-session: ';

/** An executable POSIX sh script for the session: `sh script.sh [SOURCE]`
 * runs the pipeline on SOURCE (default: the session's source). The line
 * `# jn-session: {...}` holds the whole state, disabled stages included. */
export function toScript(state: SessionState, info: { version: string; createdAt: Date }): string {
  const session = { source: state.source, stages: state.stages.map((s) => ({ id: s.id, text: s.text, enabled: s.enabled })) };
  // A session on stdin (`-`, `-~csv`) exports a script that reads its own
  // stdin: `sh script.sh < data.csv`.
  const stdin = isStdinSource(state.source);
  // A command source runs its command: there is no SOURCE to give.
  const command = commandSource(state.source) !== undefined;
  const run = command ? '# Run: sh script.sh' : stdin ? '# Run: sh script.sh < FILE, or: sh script.sh SOURCE' : '# Run: sh script.sh [SOURCE]   (SOURCE defaults to the source above)';
  const lines = [
    '#!/bin/sh',
    `# Exported from jn shell ${commentText(info.version)} on ${info.createdAt.toISOString()}.`,
    `# Source: ${commentText(state.source)}${stdin ? ' (stdin)' : command ? ' (a command, run by jn sh)' : ''}`,
    run,
    '# Load it back: jn shell reads the jn-session line below.',
    `${SESSION_MARK}${asciiJson(session)}`,
  ];
  for (const s of state.stages) if (!s.enabled) lines.push(`# Disabled stage (left out): ${commentText(s.text)}`);
  lines.push(
    'set -eu',
    '(set -o pipefail) 2>/dev/null && set -o pipefail',
    ...(command ? [] : [`src=\${1:-${shellQuote(state.source)}}`]),
    commands(state, '"$src"').join(' \\\n  | '),
  );
  return lines.join('\n') + '\n';
}
