// Which jc parser reads a command's output (`jn sh`). jc (Debian/pip
// package `jc`) knows ~80 commands by name ("magic commands": `ls`, `ps`,
// `df`, `git log`, ...). Its table comes from `jc -a` (~0.3 s: Python), kept
// in $JN_HOME/cache/jc-parsers.json and made again when the jc executable
// changes (path, size or mtime).
import { execFileSync } from 'node:child_process';
import { accessSync, constants, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, delimiter, dirname, join } from 'node:path';
import { jnHome } from '../kit/paths.js';

export interface JcParser {
  /** jc's option for it: `--ls`, `--ping-s`. */
  argument: string;
  /** A streaming parser: JSON lines as the command writes. */
  streaming: boolean;
}

interface JcTable {
  jc: string;
  size: number;
  mtimeMs: number;
  /** magic command ("ls", "git log") → parser name ("ls", "git_log"). */
  magic: Record<string, string>;
  /** parser names with a streaming twin (name + "_s"). */
  streamable: string[];
}

/** Commands that run until stopped and that jc has a streaming parser for:
 * their records must come as the command writes them. */
const LONG_RUNNING = new Set(['ping', 'iostat', 'mpstat', 'pidstat', 'vmstat', 'top']);

/** Commands jc knows that a user is likely to try: when jc is missing, jn sh
 * says how to get it (otherwise it reads the output as lines, silently). */
export const WELL_KNOWN = new Set(['ls', 'ps', 'df', 'du', 'env', 'printenv', 'free', 'uptime', 'w', 'who', 'id', 'mount', 'netstat', 'ss', 'ifconfig', 'route', 'ping', 'dig', 'lsblk', 'lsof', 'stat', 'uname', 'date', 'last', 'vmstat', 'top', 'git']);

/** The jc executable on PATH, or undefined. */
export function findJc(path = process.env.PATH ?? ''): string | undefined {
  for (const dir of path.split(delimiter)) {
    if (!dir) continue;
    const p = join(dir, 'jc');
    try {
      accessSync(p, constants.X_OK);
      if (statSync(p).isFile()) return p;
    } catch {
      // not here
    }
  }
  return undefined;
}

function loadTable(jc: string): JcTable | undefined {
  const st = statSync(jc);
  const file = join(jnHome(), 'cache', 'jc-parsers.json');
  try {
    const t = JSON.parse(readFileSync(file, 'utf8')) as JcTable;
    if (t.jc === jc && t.size === st.size && t.mtimeMs === st.mtimeMs) return t;
  } catch {
    // none yet, or unreadable: made again below
  }
  let about: { parsers: { name: string; magic_commands?: string[]; streaming?: boolean }[] };
  try {
    about = JSON.parse(execFileSync(jc, ['-a'], { encoding: 'utf8', timeout: 15_000, stdio: ['ignore', 'pipe', 'ignore'] })) as typeof about;
  } catch {
    return undefined; // a jc that cannot describe itself: lines it is
  }
  const magic: Record<string, string> = {};
  for (const p of about.parsers) for (const m of p.magic_commands ?? []) magic[m] = p.name;
  const names = new Set(about.parsers.map((p) => p.name));
  const streamable = about.parsers.filter((p) => !p.streaming && names.has(`${p.name}_s`)).map((p) => p.name);
  const table: JcTable = { jc, size: st.size, mtimeMs: st.mtimeMs, magic, streamable };
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(table));
  } catch {
    // a read-only home: asked again next time
  }
  return table;
}

/** jc's parser for `argv` (the command and its arguments), as jc's own magic
 * syntax picks it: the first two words, then the first; undefined when jc
 * does not know the command. */
export function jcParserFor(jc: string, argv: readonly string[]): JcParser | undefined {
  const table = loadTable(jc);
  if (!table) return undefined;
  const cmd = basename(argv[0]);
  const name = table.magic[[cmd, ...argv.slice(1, 2)].join(' ')] ?? table.magic[cmd];
  if (name === undefined) return undefined;
  const streaming = LONG_RUNNING.has(cmd) && table.streamable.includes(name);
  return { argument: `--${(streaming ? `${name}_s` : name).replace(/_/g, '-')}`, streaming };
}
