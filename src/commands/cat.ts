// jn cat ADDR... — read each address in turn and write NDJSON to stdout.
import { closeSync, openSync, statSync } from 'node:fs';
import { parseAddress, type Address } from '../address/parse.js';
import { expandGlob, hasGlob } from '../address/glob.js';
import { readPlan, type RequestOptions } from '../plugins/stages.js';
import { EXIT, JnError, ioError } from '../util/exit.js';
import { reportResult } from './report.js';
import { startRead } from './sources.js';

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

export interface CatOptions {
  /** -H 'Name: value' (repeatable): request headers for URLs. */
  header?: string[];
  /** --timeout SECONDS for URLs. */
  timeout?: number;
}

/** Parse -H values ('Name: value'). */
export function parseHeaders(list: string[] = []): [string, string][] {
  return list.map((h) => {
    const colon = h.indexOf(':');
    if (colon <= 0) throw new JnError(`-H ${JSON.stringify(h)}: expected 'Name: value'`, EXIT.USAGE);
    return [h.slice(0, colon).trim(), h.slice(colon + 1).trim()];
  });
}

export async function cat(addresses: string[], opts: CatOptions = {}): Promise<number> {
  const req: RequestOptions = { headers: parseHeaders(opts.header), timeout: opts.timeout };
  const list = expandAddresses(addresses.length ? addresses : ['-']);
  // Check and resolve every address before reading any, so a typo fails fast.
  const plans = list.map((addr) => {
    if (addr.protocol === 'file' && !addr.isStdio) checkReadable(addr);
    return readPlan(addr, req);
  });
  for (const plan of plans) {
    const code = reportResult(await startRead(plan, 1).done);
    if (code !== EXIT.OK) return code;
  }
  return EXIT.OK;
}
