// jn cat ADDR... — read each address in turn and write NDJSON to stdout.
import { openSync } from 'node:fs';
import { catAddresses, parseHeaders } from '../sources/open.js';
import { withParams } from '../sources/address.js';
import { catWithMeta } from '../sources/meta.js';
import { EXIT, JnError, ioError } from '../kit/exit.js';
import { onErrorMode } from '../kit/onerror.js';
import type { CommandSpec, Invocation } from '../spec.js';

export const spec: CommandSpec = {
  name: 'cat',
  description: 'Read addresses (files, globs, URLs, @profiles, databases, - for stdin) and write NDJSON to stdout, in order.',
  arguments: [{ name: '[address...]', description: 'data.csv, data.json.gz, data.txt~csv, "logs/**/*.jsonl", data.csv?delimiter=;, https://host/x.csv, @ns/name?param=v, db.sqlite?table=t, -' }],
  options: [
    { flags: '-H, --header <header>', description: "request header for URLs, 'Name: value' (repeatable)", kind: 'list' },
    { flags: '--timeout <seconds>', description: 'URLs: seconds allowed to connect and get the response, and between two chunks of the body (default 30; 0 = none)', kind: 'seconds' },
    { flags: '--on-error <mode>', description: 'a bad record: fail (default: stop, status 3), skip (leave it out, count it), report (skip, and write where and why as NDJSON to stderr or --errors)' },
    { flags: '--errors <file>', description: 'with --on-error=report: write the reports to FILE instead of stderr' },
    { flags: '--meta', description: 'each record gets where it came from first: _path, _dir, _filename, _basename, _ext, _file_index, _line_index' },
    { flags: '--delimiter <char>', description: 'CSV/TSV: the field separator of every address (= ADDR?delimiter=X)' },
    // shares commander's `header` with -H: false here, a list of request headers there
    { flags: '--no-header', description: 'CSV/TSV: the first row is data (= ADDR?header=false)' },
  ],
  // so that `-~csv` (stdin as CSV) is an address, not an option
  allowUnknownOption: true,
  streams: true,
  helpAfter: 'Addresses: [protocol://]path[~format][?name=value&...]; see docs/guide.md and docs/sources.md.',
};

export function run({ args, opts }: Invocation): Promise<number> {
  const params: [string, string][] = [];
  if (typeof opts.delimiter === 'string') params.push(['delimiter', opts.delimiter]);
  if (opts.header === false) params.push(['header', 'false']);
  const addresses = (args[0] as string[]).map((a) => withParams(a, params));
  const onError = onErrorMode(opts.onError as string | undefined);
  const errorsFd = errorsStream(onError, opts.errors as string | undefined);
  const req = { headers: parseHeaders(Array.isArray(opts.header) ? (opts.header as string[]) : undefined), timeout: opts.timeout as number | undefined };
  if (opts.meta === true) return catWithMeta(addresses, req);
  return catAddresses(addresses, req, { onError, errorsFd });
}

/** Where reports go: stderr, or FILE (created or emptied). */
function errorsStream(onError: string, file: string | undefined): number {
  if (file === undefined) return 2;
  if (onError !== 'report') throw new JnError('--errors needs --on-error=report', EXIT.USAGE);
  try {
    return openSync(file, 'w', 0o666);
  } catch (err) {
    throw ioError(err, file);
  }
}
