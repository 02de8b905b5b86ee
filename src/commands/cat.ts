// jn cat ADDR... — read each address in turn and write NDJSON to stdout.
import { closeSync, openSync, statSync } from 'node:fs';
import { parseAddress, type Address } from '../address/parse.js';
import { expandGlob, hasGlob } from '../address/glob.js';
import { addressStages } from '../plugins/stages.js';
import { runPipeline } from '../pipeline/runner.js';
import { EXIT, JnError, ioError } from '../util/exit.js';
import { reportResult } from './report.js';

/** Addresses after glob expansion (a glob that matches nothing is an error;
 * a path that exists as written is never treated as a glob). */
export function expandAddresses(raws: string[]): Address[] {
  const out: Address[] = [];
  for (const raw of raws) {
    const addr = parseAddress(raw);
    if (addr.protocol !== 'file' || addr.isStdio || !hasGlob(addr.path) || exists(addr.path)) {
      out.push(addr);
      continue;
    }
    const paths = expandGlob(addr.path);
    if (paths.length === 0) throw new JnError(`${raw}: no files match`, EXIT.IO);
    const suffix = (addr.format ? `~${addr.format}` : '') + (addr.params.length ? '?' + addr.params.map(([k, v]) => `${k}=${v}`).join('&') : '');
    for (const p of paths) out.push({ ...addr, raw: p + suffix, path: p });
  }
  return out;
}

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

function checkReadable(addr: Address): void {
  let isDir: boolean;
  try {
    isDir = statSync(addr.path).isDirectory();
  } catch (err) {
    throw ioError(err, addr.raw);
  }
  if (isDir) throw new JnError(`${addr.raw}: is a directory`, EXIT.IO);
}

/** Open the bytes of a file address for reading (fd). */
export function openSource(addr: Address): number {
  if (addr.isStdio) return 0;
  if (addr.protocol !== 'file') {
    throw new JnError(`${addr.raw}: protocol ${addr.protocol}:// is not supported yet`, EXIT.USAGE);
  }
  let fd: number;
  try {
    fd = openSync(addr.path, 'r');
  } catch (err) {
    throw ioError(err, addr.raw);
  }
  try {
    checkReadable(addr);
  } catch (err) {
    closeSync(fd);
    throw err;
  }
  return fd;
}

export async function cat(addresses: string[]): Promise<number> {
  const list = expandAddresses(addresses.length ? addresses : ['-']);
  // Check and resolve every address before reading any, so a typo fails fast.
  const plans = list.map((addr) => {
    if (addr.protocol === 'file' && !addr.isStdio) checkReadable(addr);
    return { addr, ...addressStages(addr, 'read') };
  });
  for (const { addr, stages } of plans) {
    const stdin = openSource(addr);
    const result = await runPipeline(stages, { stdin, stdout: 1, closeAfterSpawn: stdin === 0 ? [] : [stdin] });
    const code = reportResult(result);
    if (code !== EXIT.OK) return code;
  }
  return EXIT.OK;
}
