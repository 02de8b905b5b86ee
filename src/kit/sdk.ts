// The small kit every bundled plugin is written with. A plugin is any
// executable that answers `--jn-meta` with its metadata and otherwise runs
// `--mode=read|write|raw` from stdin to stdout, errors to stderr. This module
// parses that command line, prints the metadata, and turns thrown
// DataError/UsageError into the one-line stderr message + exit status the
// pipeline runner expects (see docs/plugins.md).

import { DataError, IoError, PLUGIN_EXIT, UsageError, ioError, isDownstreamClosed, isSystemError } from './exit.js';
import { FailureError, FAILURE_FORMAT_ENV, printFailure } from './failure.js';
import { dropOutputs, redirectStdin } from './io.js';

export type PluginMode = 'read' | 'write' | 'raw';

interface PluginOption {
  name: string;
  description: string;
}

export interface PluginMeta {
  name: string;
  version: string;
  description?: string;
  /** Regular expressions matched against an address's path. */
  matches: string[];
  /** format: bytes <-> NDJSON; compression: bytes <-> bytes; display: NDJSON -> text;
   * protocol: fetches --url (http); database: opens --path itself (sqlite). */
  role: 'format' | 'compression' | 'protocol' | 'database' | 'display';
  modes: PluginMode[];
  /** Modes that must hold the whole input in memory, and why. */
  buffers?: Record<string, string>;
  options?: PluginOption[];
}

export { DataError, IoError, UsageError } from './exit.js';

export class Options {
  constructor(private readonly values: Map<string, string>) {}

  has(name: string): boolean {
    return this.values.has(name);
  }

  names(): string[] {
    return [...this.values.keys()];
  }

  str(name: string, fallback: string): string;
  str(name: string): string | undefined;
  str(name: string, fallback?: string): string | undefined {
    return this.values.get(name) ?? fallback;
  }

  bool(name: string, fallback: boolean): boolean {
    const v = this.values.get(name);
    if (v === undefined) return fallback;
    if (/^(true|1|yes|on)$/i.test(v)) return true;
    if (/^(false|0|no|off)$/i.test(v)) return false;
    throw new UsageError(`--${name}: expected true or false, got ${JSON.stringify(v)}`);
  }

  int(name: string, fallback: number): number {
    const v = this.values.get(name);
    if (v === undefined) return fallback;
    if (!/^\d+$/.test(v)) throw new UsageError(`--${name}: expected a non-negative integer, got ${JSON.stringify(v)}`);
    return Number(v);
  }
}

interface PluginArgs {
  mode?: string;
  meta: boolean;
  help: boolean;
  options: Options;
}

/** `--mode=read`, `--mode read`, `--key=value`, `--flag`, `--no-flag`.
 * The first --mode is the plugin's mode (jn puts it before the address's
 * params); a later one is the option `mode` (`book.xlsx?mode=stats`, JN's
 * name for a format's way of reading). */
function parsePluginArgs(argv: string[]): PluginArgs {
  const values = new Map<string, string>();
  let mode: string | undefined;
  let meta = false;
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--jn-meta') meta = true;
    else if (a === '--help' || a === '-h') help = true;
    else if (a === '--mode' || a.startsWith('--mode=')) {
      // the first --mode is the plugin's mode (read/write/raw), given by jn;
      // a later one is the plugin's own option `mode` (`x.md?mode=tables`)
      const value = a === '--mode' ? argv[++i] : a.slice(7);
      if (mode === undefined) mode = value;
      else values.set('mode', value);
    }
    else if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      if (eq > 2) values.set(a.slice(2, eq), a.slice(eq + 1));
      else if (a.startsWith('--no-')) values.set(a.slice(5), 'false');
      else values.set(a.slice(2), 'true');
    } else throw new UsageError(`unexpected argument ${JSON.stringify(a)}`);
  }
  return { mode, meta, help, options: new Options(values) };
}

function describe(meta: PluginMeta): string {
  const lines = [
    `${meta.name} ${meta.version} — ${meta.description ?? meta.role + ' plugin'}`,
    `usage: ${meta.name} --mode=${meta.modes.join('|')} [--option=value ...] < input > output`,
    `       ${meta.name} --jn-meta`,
    `matches: ${meta.matches.join('  ')}`,
  ];
  if (meta.options?.length) {
    lines.push('options:');
    for (const o of meta.options) lines.push(`  --${o.name.padEnd(18)} ${o.description}`);
  }
  return lines.join('\n') + '\n';
}

/** Print err the plugin way (one line on stderr) and return the plugin's
 * exit status (PLUGIN_EXIT). */
function reportPluginError(err: unknown): number {
  if (isDownstreamClosed(err)) return PLUGIN_EXIT.OK;
  if (err instanceof FailureError) {
    // An upstream stage's failure mark (kit/mark.ts): said once, by the
    // stage that failed; the runner reads this JSON line and stays quiet.
    printFailure(err.failure, { [FAILURE_FORMAT_ENV]: 'json' });
    return PLUGIN_EXIT.DATA;
  }
  if (isSystemError(err)) {
    // A full disk, /dev/full, EIO: the plugin's I/O failed, not its data.
    process.stderr.write(`${ioError(err, err.syscall === 'write' ? 'cannot write output' : 'I/O error').message}\n`);
    return PLUGIN_EXIT.IO;
  }
  if (err instanceof DataError) {
    process.stderr.write(`${err.located()}\n`);
    return PLUGIN_EXIT.DATA;
  }
  if (err instanceof UsageError || err instanceof IoError) {
    process.stderr.write(`${err.message}\n`);
    return err instanceof UsageError ? PLUGIN_EXIT.USAGE : PLUGIN_EXIT.IO;
  }
  const msg = err instanceof Error ? err.message : String(err);
  process.stderr.write(`${msg}\n`);
  if (process.env.JN_DEBUG && err instanceof Error) process.stderr.write(`${err.stack}\n`);
  return PLUGIN_EXIT.DATA;
}

type Handler = (options: Options) => void | Promise<void>;

/** A plugin's command line run to its exit status (PLUGIN_EXIT), its errors
 * said on stderr the plugin way. input: the fd its reads of fd 0 go to (a
 * file jn cat opened, when jn cat runs the plugin in its own process). */
export type PluginEntry = (argv: string[], input?: number) => Promise<number>;

/** Where a bundled plugin's code, loaded into jn cat's process
 * (sources/inproc.ts), hands over its entry instead of running. */
const HOST = Symbol.for('jn.plugin-host');
type Host = (entry: PluginEntry) => void;

/** Run `load` (it loads a bundled plugin's code) and get the plugin's entry
 * point instead of running it; undefined if the code did not call runPlugin. */
export function loadPluginEntry(load: () => void): PluginEntry | undefined {
  let entry: PluginEntry | undefined;
  const g = globalThis as { [HOST]?: Host };
  g[HOST] = (e) => (entry = e);
  try {
    load();
  } finally {
    delete g[HOST];
  }
  return entry;
}

/** Entry point of a plugin: dispatch on --jn-meta / --mode. */
export function runPlugin(meta: PluginMeta, handlers: Partial<Record<PluginMode, Handler>>): void {
  const run = async (argv: string[]): Promise<number> => {
    const args = parsePluginArgs(argv);
    if (args.meta) {
      process.stdout.write(JSON.stringify(meta) + '\n');
      return 0;
    }
    if (args.help) {
      process.stdout.write(describe(meta));
      return 0;
    }
    const known = new Set((meta.options ?? []).map((o) => o.name));
    const unknown = args.options.names().filter((n) => !known.has(n));
    if (unknown.length) {
      const list = known.size ? ` (${meta.name} knows: ${[...known].map((k) => '--' + k).join(', ')})` : ` (${meta.name} takes no options)`;
      throw new UsageError(`unknown option --${unknown[0]}${list}`);
    }
    if (!args.mode) throw new UsageError(`--mode is required (one of ${meta.modes.join(', ')})`);
    const handler = handlers[args.mode as PluginMode];
    if (!handler) throw new UsageError(`mode ${JSON.stringify(args.mode)} is not supported (supported: ${meta.modes.join(', ')})`);
    await handler(args.options);
    return 0;
  };
  const entry: PluginEntry = (argv, input = 0) => {
    redirectStdin(input);
    return run(argv)
      .catch(reportPluginError)
      .finally(() => {
        redirectStdin(0);
        dropOutputs();
      });
  };
  const host = (globalThis as { [HOST]?: Host })[HOST];
  if (host) host(entry);
  else void entry(process.argv.slice(2)).then((code) => process.exit(code));
}
