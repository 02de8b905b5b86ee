// jn cat ADDR... — read each address in turn and write NDJSON to stdout.
import { catAddresses, parseHeaders } from '../sources/open.js';
import type { CommandSpec, Invocation } from '../spec.js';

export const spec: CommandSpec = {
  name: 'cat',
  description: 'Read addresses (files, globs, URLs, @profiles, databases, - for stdin) and write NDJSON to stdout, in order.',
  arguments: [{ name: '[address...]', description: 'data.csv, data.json.gz, data.txt~csv, "logs/**/*.jsonl", data.csv?delimiter=;, https://host/x.csv, @ns/name?param=v, db.sqlite?table=t, -' }],
  options: [
    { flags: '-H, --header <header>', description: "request header for URLs, 'Name: value' (repeatable)", kind: 'list' },
    { flags: '--timeout <seconds>', description: 'URLs: seconds allowed to connect and get the response, and between two chunks of the body (default 30; 0 = none)', kind: 'seconds' },
  ],
  // so that `-~csv` (stdin as CSV) is an address, not an option
  allowUnknownOption: true,
  streams: true,
  helpAfter: 'Addresses: [protocol://]path[~format][?name=value&...]; see docs/guide.md and docs/sources.md.',
};

export function run({ args, opts }: Invocation): Promise<number> {
  const [addresses] = args as [string[]];
  return catAddresses(addresses, { headers: parseHeaders(opts.header as string[] | undefined), timeout: opts.timeout as number | undefined });
}
