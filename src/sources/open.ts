// Opening addresses for reading: globs expanded, files opened and handed to
// the first stage as its fd 0, and the address's plugin chain started. Either
// straight to fd 1 (`jn cat`, `jn merge`), or read by a command (the right
// side of a join, merge with labels): then a failure of the chain is thrown
// as it is (FailureError), with its own stage, source and status.
import { closeSync, openSync, statSync } from 'node:fs';
import { parseAddress, type Address } from './address.js';
import { expandGlob, hasGlob } from './glob.js';
import { readPlan, type ReadPlan, type RequestOptions, type ResponseMeta } from './plans.js';
import { startDeferredPipeline } from '../pipeline/deferred.js';
import { startPipeline, type PipelineResult, type RunningPipeline } from '../pipeline/spawn.js';
import { inProcessCode, readInProcess } from './inproc.js';
import { EXIT, JnError, ioError } from '../kit/exit.js';
import { ChunkLines } from '../kit/io.js';
import { parseLosslessLine, type Lossless } from '../kit/lossless.js';
import { reportResult } from '../pipeline/result.js';
import { FailureError } from '../kit/failure.js';
import { ERRORS_FD_ENV, ON_ERROR_ENV, SOURCE_ENV, type OnError } from '../kit/onerror.js';
import type { Stage } from '../pipeline/types.js';

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

/** Parse -H values ('Name: value'). */
export function parseHeaders(list: string[] = []): [string, string][] {
  return list.map((h) => {
    const colon = h.indexOf(':');
    if (colon <= 0) throw new JnError(`-H ${JSON.stringify(h)}: expected 'Name: value'`, EXIT.USAGE);
    return [h.slice(0, colon).trim(), h.slice(colon + 1).trim()];
  });
}

/** What a reader does with a bad record (kit/onerror.ts): the mode, and
 * for report the fd of jn's errors stream (its stderr or --errors FILE). */
export interface BadRecordOptions {
  onError: OnError;
  errorsFd: number;
}

/** The stages with the --on-error choice in their environment; the errors
 * stream is handed over as the fd after the stage's own extra fds. */
function withOnError(stages: Stage[], addr: Address, bad: BadRecordOptions | undefined): Stage[] {
  if (!bad || bad.onError === 'fail') return stages;
  return stages.map((st) => {
    const extra = st.extraFds ?? [];
    const env = { ...(st.env ?? process.env), [ON_ERROR_ENV]: bad.onError, [ERRORS_FD_ENV]: String(3 + extra.length), [SOURCE_ENV]: addr.isStdio ? 'stdin' : addr.raw };
    return { ...st, env, extraFds: [...extra, bad.errorsFd] };
  });
}

/** Start reading an address: its file's fd (if any) goes to the first stage;
 * a URL whose format depends on the response is started in two halves. */
function startRead(plan: ReadPlan, stdout: number | 'pipe', bad?: BadRecordOptions): RunningPipeline {
  const stdin = plan.input === 'none' ? 'ignore' : openSource(plan.addr);
  const closeAfterSpawn = typeof stdin === 'number' && stdin !== 0 ? [stdin] : [];
  const { decide } = plan;
  if (decide) {
    return startDeferredPipeline(
      plan.stages[0],
      (line) => {
        const meta = JSON.parse(line) as ResponseMeta;
        return meta.status !== undefined && meta.status >= 400 ? undefined : withOnError(decide(meta).stages, plan.addr, bad);
      },
      { stdin, stdout, closeAfterSpawn },
    );
  }
  return startPipeline(withOnError(plan.stages, plan.addr, bad), { stdin, stdout, closeAfterSpawn });
}

/** NDJSON lines of an address, as they come. */
export async function* addressLines(addr: Address): AsyncGenerator<string> {
  const p = startRead(readPlan(addr), 'pipe');
  const lines = new ChunkLines();
  let completed = false;
  try {
    for await (const chunk of p.stdout!) yield* lines.push(chunk as Buffer);
    yield* lines.end();
    completed = true;
  } finally {
    // A consumer that stops early ends the chain.
    if (!completed) p.kill();
    const result = await p.done;
    if (completed && result.failure) throw new FailureError(result.failure);
    if (completed) reportResult({ ...result, failure: undefined });
  }
}

/** Records of an address parsed losslessly (kit/lossless: objects as Maps
 * in key order, numbers with their text), each with its line: a caller that
 * holds many (join's right side) keeps the text, a third of the memory. */
export async function* addressRecords(addr: Address): AsyncGenerator<[Lossless, string]> {
  let lineNo = 0;
  for await (const line of addressLines(addr)) yield [parseLosslessLine(line, ++lineNo), line];
}

/** The addresses of a command line, globs expanded (stdin when none), each
 * checked (exists, readable) and resolved to its plan before any is read,
 * so that a typo in the third fails before the first is streamed. */
export function checkedAddresses(raws: string[], req: RequestOptions = {}): { addr: Address; plan: ReadPlan }[] {
  return expandAddresses(raws.length ? raws : ['-']).map((addr) => {
    if (addr.protocol === 'file' && !addr.isStdio) checkReadable(addr);
    return { addr, plan: readPlan(addr, req) };
  });
}

/** `jn cat`: every address in turn to fd 1, its warnings and first failure
 * reported; returns jn's status. */
export async function catAddresses(raws: string[], req: RequestOptions = {}, bad?: BadRecordOptions): Promise<number> {
  for (const { plan } of checkedAddresses(raws, req)) {
    const code = reportResult(await readTo1(plan, bad));
    if (code !== EXIT.OK) return code;
  }
  return EXIT.OK;
}

/** One address to fd 1, as `jn cat` reads it (a missing file throws);
 * its warnings and failure reported; returns jn's status. */
export async function catAddress(addr: Address): Promise<number> {
  if (addr.protocol === 'file' && !addr.isStdio) checkReadable(addr);
  return reportResult(await readTo1(readPlan(addr)));
}

/** Read a plan to fd 1: a bundled plugin's read in this process when it
 * can be (inproc.ts), else its chain of processes. */
async function readTo1(plan: ReadPlan, bad?: BadRecordOptions): Promise<PipelineResult> {
  const code = inProcessCode(plan);
  if (code) {
    const input = openSource(plan.addr);
    try {
      const result = await readInProcess(plan, code, input, bad);
      if (result) return result;
    } finally {
      closeSync(input);
    }
  }
  return startRead(plan, 1, bad).done;
}
