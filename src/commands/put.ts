// jn put ADDR — NDJSON on stdin, written to ADDR in its format.
//
// A file is written to a temp file beside the destination and renamed over it
// only when every stage succeeded, so a failed or interrupted run never
// leaves a truncated or half-written destination (an existing file keeps its
// old content and permissions are carried over). A destination that is a
// symbolic link is written through to its target, and temp files left by a
// killed run are removed by the next (src/sources/destination.ts). A database (db.sqlite?table=t,
// a database profile) is written by its plugin in one transaction, rolled
// back on failure: the same guarantee.
import { chmodSync, closeSync, fsyncSync, openSync, renameSync, statSync, unlinkSync } from 'node:fs';
import { parseAddress, withParams } from '../sources/address.js';
import { writePlan } from '../sources/plans.js';
import { removeStaleTemps, tempPath, writeTarget } from '../sources/destination.js';
import { runPipeline } from '../pipeline/spawn.js';
import { onInterrupt } from '../pipeline/terminate.js';
import { EXIT, JnError, ioError } from '../kit/exit.js';
import { reportResult } from '../pipeline/result.js';
import type { CommandSpec, Invocation } from '../spec.js';

export const spec: CommandSpec = {
  name: 'put',
  description: 'Write NDJSON from stdin to an address in its format (atomically: temp file, then rename).',
  arguments: [{ name: '<address>', description: 'out.csv, out.json, out.csv.gz, -~table, -~csv, out.txt~csv' }],
  options: [
    { flags: '--delimiter <char>', description: 'CSV/TSV: the field separator (= ADDR?delimiter=X)' },
    { flags: '--indent <n>', description: 'JSON: lay the array out with N spaces (= ADDR?indent=N)', kind: 'count' },
  ],
  // so that `-~table` is an address, not an option
  allowUnknownOption: true,
  // to stdout (`-`, `-~csv`); a file is left untouched instead
  streams: (args) => args.some((a) => a === '-' || a.startsWith('-~')),
};

export function run({ args, opts }: Invocation): Promise<number> {
  const params: [string, string][] = [];
  if (typeof opts.delimiter === 'string') params.push(['delimiter', opts.delimiter]);
  if (typeof opts.indent === 'number') params.push(['indent', String(opts.indent)]);
  return put(withParams(args[0] as string, params));
}

async function put(address: string): Promise<number> {
  const addr = parseAddress(address);
  const { stages, output } = writePlan(addr);
  if (output !== 'file') return reportResult(await runPipeline(stages, { stdin: 0, stdout: 1 }));

  let dest: string;
  try {
    dest = writeTarget(addr.path); // through a symbolic link, to its target
  } catch (err) {
    throw ioError(err, addr.raw);
  }
  let mode: number | undefined;
  try {
    const st = statSync(dest);
    if (st.isDirectory()) throw new JnError(`${addr.raw}: is a directory`, EXIT.IO);
    mode = st.mode & 0o7777;
  } catch (err) {
    if (err instanceof JnError) throw err;
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw ioError(err, addr.raw);
  }
  removeStaleTemps(dest);
  const tmp = tempPath(dest);
  let fd: number;
  try {
    fd = openSync(tmp, 'wx', 0o666);
  } catch (err) {
    throw ioError(err, addr.raw);
  }
  let renamed = false;
  const removeTmp = () => {
    if (renamed) return;
    try {
      unlinkSync(tmp);
    } catch {
      /* gone */
    }
  };
  onInterrupt(removeTmp);
  try {
    const result = await runPipeline(stages, { stdin: 0, stdout: fd });
    const code = reportResult(result);
    if (code !== EXIT.OK) return code;
    try {
      fsyncSync(fd);
      if (mode !== undefined) chmodSync(tmp, mode);
      renameSync(tmp, dest);
      renamed = true;
    } catch (err) {
      throw ioError(err, addr.raw);
    }
    return EXIT.OK;
  } finally {
    closeQuiet(fd);
    removeTmp();
  }
}

function closeQuiet(fd: number): void {
  try {
    closeSync(fd);
  } catch {
    /* closed */
  }
}
