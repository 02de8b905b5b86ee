// Starting a chain with pre-started processes (pool.ts) for the stages they
// fit, and cold ones for the others; still one process per stage and kernel
// pipes between them, the parent copying no bytes.
//
// A pipe that touches a pooled stage is one of that process's FIFOs, opened
// here at both ends (as pipes.ts's fallback does: the read end first,
// non-blocking, so no open waits): a cold neighbour gets the fd, the pooled
// process opens the path itself, as its fd 0 or 1 (warm.ts). The parent
// keeps its copies of those ends until every pooled process has opened its
// own ("ok"), or ended: until then a writer always has a reader and a reader
// a writer, so no open blocks, no write fails and no read ends early. Then
// it closes them, and EOF and EPIPE travel as between cold stages. A first
// stage's input that is not a pipe of the chain (the source file, stdin's
// spool) is opened by the process through /proc/<jn>/fd/N: only on Linux,
// only a FIFO or a regular file read from its start (a new open of a file
// starts at offset 0).
import { type ChildProcess } from 'node:child_process';
import type { Socket } from 'node:net';
import { closeSync, constants, fstatSync, openSync, readFileSync } from 'node:fs';
import { createPipes, closeQuietly, type Pipe } from '../pipes.js';
import { envOf, startCold, type Starter } from '../spawn.js';
import type { PipelineIO, Stage, Started } from '../types.js';
import { discard, type Pool, type Warm } from './pool.js';
import type { WarmRequest } from './warm.js';

interface Link extends Pipe {
  /** The FIFO's path, for the pooled process at either end. */
  path?: string;
}

/** Open a FIFO at both ends without waiting. */
function openFifo(path: string): Link {
  const probe = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const write = openSync(path, constants.O_WRONLY);
    return { read: openSync(path, constants.O_RDONLY), write, path };
  } finally {
    closeSync(probe);
  }
}

/** The path through which a pooled first stage opens the chain's input, or
 * undefined when it cannot (the stage then starts cold); null: /dev/null. */
function inputPath(stdin: number | 'ignore'): string | null | undefined {
  if (stdin === 'ignore') return null;
  if (process.platform !== 'linux') return undefined;
  try {
    const st = fstatSync(stdin);
    if (st.isFIFO()) return `/proc/${process.pid}/fd/${stdin}`;
    if (!st.isFile()) return undefined;
    const pos = /^pos:\s*(\d+)/m.exec(readFileSync(`/proc/self/fdinfo/${stdin}`, 'utf8'));
    return pos?.[1] === '0' ? `/proc/${process.pid}/fd/${stdin}` : undefined;
  } catch {
    return undefined;
  }
}

/** The starter for spawn.ts: undefined (all cold) when no stage fits or
 * the pool has no idle process. */
export function pooledStarter(pool: Pool): Starter {
  return (stages, io) => {
    const last = stages.length - 1;
    const fits = stages.map((s, i) => pool.fits(s) && (i > 0 || inputPath(io.stdin) !== undefined) && (i < last || io.stdout === 'pipe'));
    const count = fits.filter(Boolean).length;
    if (count === 0) return undefined;
    pool.want(count);
    const warms = fits.map((f) => (f ? pool.take() : undefined));
    if (!warms.some(Boolean)) return undefined;
    return startMixed(pool, stages, io, warms);
  };
}

/** Send the request; resolves once the process has its fds 0 and 1 (or ended). */
function request(w: Warm, req: WarmRequest): Promise<void> {
  w.child.ref();
  (w.child.stderr as Socket).ref();
  return new Promise<void>((resolve) => {
    const done = () => {
      w.control.destroy();
      resolve();
    };
    w.control.on('data', (s: string) => {
      if (/^(ok|error)/m.test(s)) done();
    });
    w.control.on('close', done);
    w.child.on('exit', done);
    w.control.write(JSON.stringify(req) + '\n');
  });
}

function requestFor(stage: Stage, stdin: string | null, stdout: string): WarmRequest {
  const env = Object.fromEntries(Object.entries(envOf(stage)).filter((e): e is [string, string] => e[1] !== undefined));
  // args: the Node flags (the same as the process's), the script, its arguments
  const flags = stage.args.findIndex((a) => !a.startsWith('-'));
  return { argv: stage.args.slice(flags), cwd: stage.cwd ?? process.cwd(), env, stdin, stdout };
}

function startMixed(pool: Pool, stages: Stage[], io: PipelineIO, warms: (Warm | undefined)[]): Started {
  const last = stages.length - 1;
  const held: number[] = []; // closed once every pooled process has its own
  const now: number[] = []; // closed once the children are started
  const opened: Promise<void>[] = [];
  /** A pipe, or a FIFO of a pooled process; `ours`: we read it (the last
   * stage's output), so its read end stays open. */
  const link = (path: string | undefined, ours = false): Link => {
    const l = path ? openFifo(path) : createPipes(1)[0];
    (path ? held : now).push(...(ours ? [l.write] : [l.read, l.write]));
    return l;
  };
  const children: ChildProcess[] = [];
  let outRead: number | undefined;
  try {
    const links = stages.slice(1).map((_, k) => link(warms[k + 1]?.input ?? warms[k]?.output));
    const out = io.stdout === 'pipe' ? link(warms[last]?.output, true) : undefined;
    outRead = out?.read;
    (warms[0] ? held : now).push(...(io.closeAfterSpawn ?? []));
    stages.forEach((stage, i) => {
      const w = warms[i];
      const input = i === 0 ? undefined : links[i - 1];
      const output = i === last ? out : links[i];
      if (w) {
        // (a pooled first stage's input has a path, or is /dev/null: fits above)
        const stdin = input ? input.path! : (inputPath(io.stdin) as string | null);
        opened.push(request(w, requestFor(stage, stdin, output!.path!)));
        children.push(w.child);
      } else {
        children.push(startCold(stage, input ? input.read : io.stdin, output ? output.write : (io.stdout as number)));
      }
    });
  } catch (err) {
    for (const w of warms) {
      if (!w) continue;
      discard(w);
      pool.release(w);
    }
    for (const fd of held) closeQuietly(fd);
    if (outRead !== undefined) closeQuietly(outRead);
    throw err;
  } finally {
    for (const fd of now) closeQuietly(fd);
  }
  void Promise.all(opened).then(() => {
    for (const fd of held) closeQuietly(fd);
    for (const w of warms) if (w) pool.release(w);
  });
  return { children, outRead };
}
