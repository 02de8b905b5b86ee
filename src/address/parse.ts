// Addresses: `[protocol://]path[~format][?params]`.
//
//   data.csv                 a file; format from the extension
//   data.txt~csv             format override: the csv plugin, whatever the name
//   'logs/**/*.jsonl'        a glob (quoted, so jn expands it, in sorted order)
//   data.csv?delimiter=;     params, passed to the plugin as --delimiter=;
//   -  -~csv                 stdin (NDJSON unless a format is given)
//   file:///tmp/x.json       the file protocol, spelled out
//
// A `?` starts the params only when `name=` follows it, so a glob such as
// `data?.csv` keeps its `?`. The format override is the last `~word` before
// the params.
import { homedir } from 'node:os';
import { EXIT, JnError } from '../util/exit.js';

export interface Address {
  /** The text as the user wrote it. */
  raw: string;
  /** 'file' unless spelled out (http, s3, ...). */
  protocol: string;
  /** File path, URL remainder, or '-' for stdin/stdout. */
  path: string;
  /** Format override (`~csv`), if any. */
  format?: string;
  params: [string, string][];
  isStdio: boolean;
}

const PARAMS_START = /\?(?=[A-Za-z_][\w.-]*=)/;
const FORMAT = /~([A-Za-z0-9_][\w-]*)$/;
const PROTOCOL = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//;

export function parseAddress(raw: string): Address {
  if (raw === '') throw new JnError('empty address', EXIT.USAGE);
  if (/^-[^~?]/.test(raw)) throw new JnError(`unknown option ${raw} (a file whose name starts with - is ./${raw})`, EXIT.USAGE);
  let rest = raw;
  let params: [string, string][] = [];
  const q = rest.search(PARAMS_START);
  if (q !== -1) {
    params = parseParams(rest.slice(q + 1), raw);
    rest = rest.slice(0, q);
  }
  let format: string | undefined;
  const f = FORMAT.exec(rest);
  if (f && f.index > 0) {
    format = f[1];
    rest = rest.slice(0, f.index);
  } else if (f && f.index === 0) {
    throw new JnError(`${raw}: missing path before ~${f[1]} (use -~${f[1]} for stdin/stdout)`, EXIT.USAGE);
  }
  let protocol = 'file';
  const p = PROTOCOL.exec(rest);
  if (p) {
    protocol = p[1].toLowerCase();
    if (protocol === 'file') rest = decodeURIComponent(rest.slice(p[0].length));
  }
  if (rest === '') throw new JnError(`${raw}: missing path`, EXIT.USAGE);
  if (protocol === 'file' && (rest === '~' || rest.startsWith('~/'))) rest = homedir() + rest.slice(1);
  return { raw, protocol, path: rest, format, params, isStdio: protocol === 'file' && rest === '-' };
}

function parseParams(text: string, raw: string): [string, string][] {
  const out: [string, string][] = [];
  for (const part of text.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    if (eq <= 0) throw new JnError(`${raw}: bad parameter ${JSON.stringify(part)} (expected name=value)`, EXIT.USAGE);
    try {
      out.push([decodeURIComponent(part.slice(0, eq)), decodeURIComponent(part.slice(eq + 1))]);
    } catch {
      // A literal % that is not an escape is taken as it is.
      out.push([part.slice(0, eq), part.slice(eq + 1)]);
    }
  }
  return out;
}

/** Params as plugin options: [['delimiter', ';']] -> ['--delimiter=;']. */
export function paramsToArgs(params: [string, string][]): string[] {
  return params.map(([k, v]) => `--${k}=${v}`);
}
