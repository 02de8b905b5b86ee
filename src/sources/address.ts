// Addresses: `[protocol://]path[~format][?params]`, URLs and profiles.
//
//   data.csv                 a file; format from the extension
//   data.txt~csv             format override: the csv plugin, whatever the name
//   'logs/**/*.jsonl'        a glob (quoted, so jn expands it, in sorted order)
//   data.csv?delimiter=;     params, passed to the plugin as --delimiter=;
//   -  -~csv                 stdin (NDJSON unless a format is given)
//   file:///tmp/x.json       the file protocol, spelled out
//   https://h/x.csv?page=2   a URL: its query string is the server's, kept whole
//   https://h/api~csv?delimiter=;
//                            a URL with a format override; params after the
//                            override are jn's (options of the format plugin)
//   @ns/name?user=octocat    a profile (src/profiles); params are the profile's
//
// A `?` starts the params only when `name=` follows it, so a glob such as
// `data?.csv` keeps its `?`. The format override is the last `~word` before
// the params.
import { expandHome } from '../kit/paths.js';
import { EXIT, JnError } from '../kit/exit.js';

export interface Address {
  /** The text as the user wrote it. */
  raw: string;
  /** 'file' unless spelled out (http, https, ...); 'profile' for @ns/name. */
  protocol: string;
  /** File path, the whole URL (with its query string), 'ns/name' of a
   * profile, or '-' for stdin/stdout. */
  path: string;
  /** Format override (`~csv`), if any. */
  format?: string;
  params: [string, string][];
  isStdio: boolean;
}

const PARAMS_START = /\?(?=[A-Za-z_][\w.-]*=)/;
const FORMAT = /~([A-Za-z0-9_][\w-]*)$/;
const PROTOCOL = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//;

// @ns/name, or nested (JN): @ns/sub/name
const PROFILE = /^@([A-Za-z0-9_][\w.-]*(?:\/[A-Za-z0-9_][\w.-]*)*)\/([A-Za-z0-9_][\w.-]*)/;
const URL_FORMAT = /~([A-Za-z0-9_][\w-]*)(?=$|\?[A-Za-z_][\w.-]*=)/g;

export function parseAddress(raw: string): Address {
  if (raw === '') throw new JnError('empty address', EXIT.USAGE);
  if (/^-[^~?]/.test(raw)) throw new JnError(`unknown option ${raw} (a file whose name starts with - is ./${raw})`, EXIT.USAGE);
  if (raw.startsWith('@')) return parseProfile(raw);
  if (/^https?:\/\//i.test(raw)) return parseUrl(raw);
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
  if (protocol === 'file') rest = expandHome(rest);
  return { raw, protocol, path: rest, format, params, isStdio: protocol === 'file' && rest === '-' };
}

/** `@ns/name[~format][?params]`. */
function parseProfile(raw: string): Address {
  const m = PROFILE.exec(raw);
  if (!m) throw new JnError(`${raw}: bad profile reference (expected @namespace/name)`, EXIT.USAGE);
  let rest = raw.slice(m[0].length);
  let params: [string, string][] = [];
  const q = rest.indexOf('?');
  if (q !== -1) {
    params = parseParams(rest.slice(q + 1), raw);
    rest = rest.slice(0, q);
  }
  let format: string | undefined;
  const f = /^~([A-Za-z0-9_][\w-]*)$/.exec(rest);
  if (f) format = f[1];
  else if (rest !== '') throw new JnError(`${raw}: bad profile reference (expected @namespace/name[~format][?param=value])`, EXIT.USAGE);
  return { raw, protocol: 'profile', path: `${m[1]}/${m[2]}`, format, params, isStdio: false };
}

/** An http(s) URL. The URL is kept whole (its query string belongs to the
 * server) unless a `~format` follows it: then params after the override are
 * jn's. */
function parseUrl(raw: string): Address {
  let last: RegExpExecArray | undefined;
  for (const m of raw.matchAll(URL_FORMAT)) last = m as RegExpExecArray;
  const protocol = raw.slice(0, raw.indexOf(':')).toLowerCase();
  let url = raw;
  let format: string | undefined;
  let params: [string, string][] = [];
  if (last) {
    url = raw.slice(0, last.index);
    format = last[1];
    const after = raw.slice(last.index + last[0].length);
    if (after) params = parseParams(after.slice(1), raw);
  }
  try {
    new URL(url);
  } catch {
    throw new JnError(`${raw}: not a valid URL`, EXIT.USAGE);
  }
  return { raw, protocol, path: url, format, params, isStdio: false };
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

/** The address text with more params (`jn cat --delimiter=;` is
 * `x.csv?delimiter=;`): a param the address already names is kept as it is. */
export function withParams(raw: string, extra: [string, string][]): string {
  if (extra.length === 0 || raw.startsWith('@')) return raw;
  const have = parseAddress(raw).params.map(([k]) => k);
  const add = extra.filter(([k]) => !have.includes(k)).map(([k, v]) => `${k}=${encodeURIComponent(v)}`);
  if (add.length === 0) return raw;
  return `${raw}${have.length ? '&' : '?'}${add.join('&')}`;
}
