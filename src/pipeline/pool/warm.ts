// A pre-started stage process (dist/warm.js, started by pool.ts): Node is
// booted and the modules every stage needs are loaded, then it waits for one
// request on its control channel (fd 3) and becomes that stage, exactly as
// `node <flags> <script> <args>` would have been.
//
// Node has no dup2, but open(2) returns the lowest free descriptor: closing
// fd 0 and opening the stage's input makes it fd 0, and the same for fd 1.
// Nothing used fds 0 and 1 before (they are /dev/null; process.stdin and
// process.stdout are created lazily, on first use, from whatever the fds are
// then). Warm-up only loads code: anything read before the request would be
// frozen into every stage it runs.
//
// Protocol (one line each way, JSON): the pool writes
// {argv: [script, ...args], cwd, env, stdin: path | null, stdout: path};
// the process answers "ready" once warm, then "ok" once its fds 0 and 1 are
// the stage's (the pool then closes its own copies of those pipe ends), or
// "error <message>" and exits. If the pool goes away first, it removes its
// directory (its argument) and exits.
import 'node:child_process';
import 'node:events';
import 'node:os';
import 'node:string_decoder';
import { closeSync, constants, openSync, rmSync, writeSync } from 'node:fs';
import { Socket } from 'node:net';
import { basename, dirname, join } from 'node:path';

export interface WarmRequest {
  argv: string[];
  cwd: string;
  env: Record<string, string>;
  stdin: string | null;
  stdout: string;
}

const CONTROL = 3;
/** The name of an idle process in ps and /proc/<pid>/cmdline. */
const IDLE_TITLE = 'jn-pool-idle';

/** Make `path` the descriptor `fd` (the lowest free one once fd is closed). */
function reopen(fd: number, path: string, flags: number): void {
  closeSync(fd);
  const got = openSync(path, flags);
  if (got !== fd) throw new Error(`${path} opened as fd ${got}, not ${fd}`);
}

function become(req: WarmRequest, control: Socket): void {
  try {
    if (req.stdin !== null) reopen(0, req.stdin, constants.O_RDONLY);
    reopen(1, req.stdout, constants.O_WRONLY);
    process.chdir(req.cwd);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    writeSync(2, `jn: pre-started stage: ${message}\n`);
    writeSync(CONTROL, `error ${message}\n`);
    process.exit(70);
  }
  for (const key of Object.keys(process.env)) if (!Object.hasOwn(req.env, key)) delete process.env[key];
  Object.assign(process.env, req.env);
  process.argv = [process.argv[0], ...req.argv];
  // what ps shows (and /proc/<pid>/cmdline, within the length of the
  // process's own command line): the stage, no longer warm.js
  process.title = [basename(req.argv[0]) === 'jn.js' ? 'jn' : req.argv[0], ...req.argv.slice(1)].join(' ');
  // Synchronously, and the channel closed before the stage runs: a stage
  // that never yields must not hold the answer back, and what it spawns
  // must not inherit fd 3.
  writeSync(CONTROL, 'ok\n');
  control.destroy();
  require(req.argv[0]);
}

function main(): void {
  // what ps shows while it waits (and not dist/, which tests look for)
  process.title = IDLE_TITLE;
  // The code cache loader every bundle goes through (scripts/load.cjs).
  require(join(dirname(__filename), 'load.js'));
  const control = new Socket({ fd: CONTROL, readable: true, writable: true });
  let text = '';
  const onData = (chunk: string) => {
    text += chunk;
    const nl = text.indexOf('\n');
    if (nl === -1) return;
    control.off('data', onData);
    control.off('end', onEnd);
    control.pause();
    become(JSON.parse(text.slice(0, nl)) as WarmRequest, control);
  };
  // The pool went away without a request (jn ended, even by SIGKILL):
  // remove our directory (argv[2], with our FIFOs) and end.
  const onEnd = () => {
    const dir = process.argv[2];
    if (dir && basename(dir).startsWith('jn-pool-')) rmSync(dir, { recursive: true, force: true });
    process.exit(0);
  };
  control.setEncoding('utf8');
  control.on('data', onData);
  control.on('end', onEnd);
  control.on('error', onEnd);
  control.write('ready\n');
}

main();
