// The processes of one preview run, with the prefix cache (cache.ts): the
// longest cached prefix of the run's stages is read from its spool instead
// of being run again, and the boundary before the last stage (the stage
// being typed or most often edited next) is cached if it is not yet; a
// run of one stage (not while it is typed) caches its end. So a session built stage by stage caches
// each boundary once, and an edit, a new stage or a selection re-runs only
// the stages after the longest unchanged prefix. Without the cache (a run
// from a jump point, JN_SHELL_CACHE_MB=0) it is one plain chain.
import { createReadStream } from 'node:fs';
import { Socket } from 'node:net';
import type { Readable } from 'node:stream';
import { createPipes } from '../../pipeline/pipes.js';
import { nodeStage } from '../../pipeline/node.js';
import { startPipeline, type Stage } from '../../pipeline/spawn.js';
import { jnBin } from '../source-stages.js';
import { readSpool } from '../spool-reader.js';
import { PrefixEntry } from './entry.js';
import { sourceStamp, type PrefixCache } from './cache.js';
import type { Part } from './status.js';

/** The processes that read the source (source-stages.ts, or seek's
 * stagesFrom after a jump); release: called when the chain has ended. */
export interface SourceProcs {
  stages: Stage[];
  stdin: number | 'ignore';
  closeAfterSpawn?: number[];
  release?: () => void;
}

export interface Chain {
  /** The pipelines this run started, in order (none: the output is a
   * cached prefix's spool). */
  parts: Part[];
  /** The cached prefix the run reads. */
  cached?: PrefixEntry;
  /** The prefix this run caches (its first part). */
  caching?: PrefixEntry;
  stdout: Readable;
  /** The processes this run started, source first. */
  pids: number[];
  /** The run's last part has ended (or its output, read from a spool). */
  done: Promise<void>;
}

/** A prefix's processes this run started that must end with it: the
 * suffix, or (kill) everything it started or reads that is still reading. */
export function killChain(c: Chain, cache: PrefixCache | undefined, all: boolean): void {
  const last = c.parts[c.parts.length - 1];
  if (last && last !== c.caching?.part) last.p.kill();
  if (!last) c.stdout.destroy();
  if (!all || !cache) return;
  if (c.caching) cache.drop(c.caching);
  if (c.cached?.live) cache.drop(c.cached);
}

const jnStage = (argv: string[]): Stage => ({ label: argv[0], ...nodeStage(jnBin(), argv), kind: 'jn' });

function plain(src: SourceProcs, stages: Stage[]): Chain {
  const p = startPipeline([...src.stages, ...stages], { stdin: src.stdin, stdout: 'pipe', closeAfterSpawn: src.closeAfterSpawn ?? (typeof src.stdin === 'number' ? [src.stdin] : []) });
  const part: Part = { p, stages: [...src.stages, ...stages], nSource: src.stages.length, offset: 0, tee: false };
  const done = p.done.then((r) => {
    src.release?.();
    part.final = r;
  });
  return { parts: [part], stdout: p.stdout!, pids: p.pids, done };
}

/** The output of a cached prefix as is (the run is exactly that prefix). */
function spoolOnly(entry: PrefixEntry): Chain {
  let stdout: Readable;
  if (entry.finished) stdout = createReadStream(entry.path, { start: 0, end: entry.readableEnd - 1 });
  else {
    const r = readSpool(entry);
    stdout = new Socket({ fd: r.fd, readable: true, writable: false });
    stdout.on('close', r.release);
  }
  const done = new Promise<void>((resolve) => stdout.on('close', () => resolve())).then(() => entry.settled());
  return { parts: [], cached: entry, stdout, pids: [], done };
}

/** The stages after a cached prefix, reading its spool, nothing cached. */
function readOn(hit: PrefixEntry, stages: Stage[]): Chain {
  const read = readSpool(hit);
  const rest = stages.slice(hit.argvs.length);
  const c = plain({ stages: [], stdin: read.fd, release: read.release }, rest);
  c.parts[0].offset = hit.argvs.length;
  return { ...c, cached: hit, done: c.done.then(() => hit.settled()) };
}

/** `draft`: the last stage is being typed (a lone stage being typed is
 * not cached: every key would start a tee). */
export function startChain(source: string, argvs: string[][], makeSource: () => SourceProcs, cache: PrefixCache | undefined, draft = false): Chain {
  const stages = argvs.map(jnStage);
  if (!cache?.enabled || argvs.length === 0 || (draft && argvs.length === 1)) return plain(makeSource(), stages);
  const stamp = sourceStamp(source);
  const hit = cache.find(source, argvs, stamp);
  cache.settleFor(hit);
  const n = argvs.length;
  const m = hit?.argvs.length ?? 0;
  if (hit && m === n) return spoolOnly(hit);
  // the new boundary: before the last stage, or the end of a lone stage
  const b = n === 1 ? 1 : n - 1;
  if (b <= m) return readOn(hit!, stages);
  const read = hit ? readSpool(hit) : undefined;
  const src: SourceProcs = read ? { stages: [], stdin: read.fd, release: read.release } : makeSource();
  const [demand, report] = createPipes(2);
  const link = b < n ? createPipes(1)[0] : undefined;
  const path = cache.newFile();
  const tee: Stage = { label: 'cache', ...nodeStage(jnBin(), ['seek', 'tee', path, `--max-bytes=${cache.limit}`]), kind: 'jn', extraFds: [demand.read, report.write] };
  const head = [...src.stages, ...stages.slice(m, b), tee];
  const closeSrc = src.closeAfterSpawn ?? (typeof src.stdin === 'number' ? [src.stdin] : []);
  const p = startPipeline(head, { stdin: src.stdin, stdout: link ? link.write : 'pipe', closeAfterSpawn: [...closeSrc, demand.read, report.write, ...(link ? [link.write] : [])] });
  const part: Part = { p, stages: head, nSource: src.stages.length, offset: m, tee: true };
  const entry = new PrefixEntry({ source, argvs: argvs.slice(0, b), stamp, path, part, base: hit, release: src.release, demandFd: demand.write, reportFd: report.read });
  cache.add(entry);
  if (!link) return { parts: [part], cached: hit, caching: entry, stdout: p.stdout!, pids: p.pids, done: p.done.then(() => {}) };
  const rest = stages.slice(b);
  const q = startPipeline(rest, { stdin: link.read, stdout: 'pipe', closeAfterSpawn: [link.read] });
  const tail: Part = { p: q, stages: rest, nSource: 0, offset: b, tee: false };
  const done = q.done.then(async (r) => {
    tail.final = r;
    // the prefix's statuses are final too when its output has ended
    if (entry.state !== 'reading') await entry.settled();
  });
  return { parts: [part, tail], cached: hit, caching: entry, stdout: q.stdout!, pids: [...p.pids, ...q.pids], done };
}
