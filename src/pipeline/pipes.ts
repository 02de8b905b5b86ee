// Kernel pipes for joining stages.
//
// Node's child stdio 'pipe' is a Unix socketpair: an upstream `seq` then gets
// ECONNRESET ("Connection reset by peer") instead of dying quietly of
// SIGPIPE, and buffer sizes differ from the 64 KiB pipe the design relies on.
// Node has no pipe(2), so jn ships a tiny N-API addon (native/jn_pipe.c,
// compiled at build time) that calls pipe2(O_CLOEXEC). If the addon could not
// be built, we fall back to a FIFO: make it in a private directory, open its
// read end non-blocking (which succeeds with no writer), open the write end,
// open the read end again blocking, close the non-blocking one and unlink the
// FIFO. It behaves like a pipe (same buffer, same SIGPIPE), though /proc
// shows it as a deleted path rather than pipe:[inode]. Either way both ends
// are close-on-exec (libuv opens every fd with O_CLOEXEC), so no child
// inherits a pipe end it was not handed explicitly.
import { spawnSync } from 'node:child_process';
import { closeSync, constants, mkdtempSync, openSync, rmdirSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { packageRoot } from '../kit/paths.js';

export interface Pipe {
  read: number;
  write: number;
}

type Addon = { pipe(): [number, number] };
let addon: Addon | null | undefined;

function loadAddon(): Addon | null {
  if (addon !== undefined) return addon;
  if (process.env.JN_PIPES === 'fifo') return (addon = null);
  try {
    addon = createRequire(import.meta.url)(join(packageRoot(), 'dist', 'native', 'jn_pipe.node')) as Addon;
  } catch {
    addon = null;
  }
  return addon;
}

/** Which mechanism createPipes uses: 'pipe2' (anonymous pipes) or 'fifo'. */
export function pipeMechanism(): 'pipe2' | 'fifo' {
  return loadAddon() ? 'pipe2' : 'fifo';
}

/** Create n kernel pipes. */
export function createPipes(n: number): Pipe[] {
  if (n <= 0) return [];
  const native = loadAddon();
  if (native) {
    return Array.from({ length: n }, () => {
      const [read, write] = native.pipe();
      return { read, write };
    });
  }
  return createFifoPipes(n);
}

/** The fallback: n FIFOs turned anonymous (one mkfifo process for all). */
export function createFifoPipes(n: number): Pipe[] {
  const dir = mkdtempSync(join(tmpdir(), 'jn-pipe-'));
  const paths = Array.from({ length: n }, (_, i) => join(dir, `p${i}`));
  try {
    const made = spawnSync('mkfifo', ['-m', '600', ...paths], { stdio: ['ignore', 'ignore', 'pipe'] });
    if (made.status !== 0) {
      throw new Error(`mkfifo failed: ${made.error?.message ?? made.stderr?.toString().trim()}`);
    }
    return paths.map((p) => {
      const probe = openSync(p, constants.O_RDONLY | constants.O_NONBLOCK);
      const write = openSync(p, constants.O_WRONLY);
      const read = openSync(p, constants.O_RDONLY);
      closeSync(probe);
      unlinkSync(p);
      return { read, write };
    });
  } finally {
    for (const p of paths) {
      try {
        unlinkSync(p);
      } catch {
        /* already unlinked */
      }
    }
    rmdirSync(dir);
  }
}

export function closeQuietly(fd: number): void {
  try {
    closeSync(fd);
  } catch {
    /* already closed */
  }
}
