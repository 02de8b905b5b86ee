// Shared helpers for tests: paths to the built CLI and plugins, and a way to
// run a real process with input and collect everything it did.
import { spawn, type SpawnOptions } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const jnBin = join(root, 'dist', 'jn.js');
export const pluginBin = (name: string): string => join(root, 'dist', 'plugins', `${name}.js`);

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

export function run(
  cmd: string,
  args: string[],
  opts: SpawnOptions & { input?: string | Buffer; timeoutMs?: number } = {},
): Promise<RunResult> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { ...opts, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout!.on('data', (b: Buffer) => out.push(b));
    child.stderr!.on('data', (b: Buffer) => err.push(b));
    child.stdin!.on('error', () => {});
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 30_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({
        code,
        signal,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        ms: performance.now() - started,
      });
    });
    if (opts.input !== undefined) child.stdin!.end(opts.input);
    else child.stdin!.end();
  });
}

/** Run `jn ARGS` (the built bundle). */
export function jn(args: string[], opts: SpawnOptions & { input?: string | Buffer; timeoutMs?: number } = {}): Promise<RunResult> {
  return run(process.execPath, [jnBin, ...args], opts);
}

/** Run a bundled plugin directly. */
export function plugin(name: string, args: string[], input?: string | Buffer): Promise<RunResult> {
  return run(process.execPath, [pluginBin(name), ...args], { input });
}

/** A private temp dir removed at process exit. */
export function tempDir(prefix = 'jn-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Parse NDJSON text into values. */
export function ndjson(text: string): unknown[] {
  return text
    .split('\n')
    .filter((l) => l.length > 0)
    .map((l) => JSON.parse(l));
}

/** Output of a jn stage that failed: the records before the failure, and
 * the failure its mark says (src/kit/mark.ts), checked to be the last line. */
export function splitMark(text: string): { records: string; mark: unknown } {
  const at = text.indexOf('\x18');
  if (at === -1) throw new Error(`no failure mark in ${JSON.stringify(text.slice(-200))}`);
  const end = text.indexOf('\n', at);
  if (end !== text.length - 1) throw new Error(`the failure mark is not the last line: ${JSON.stringify(text.slice(at))}`);
  return { records: text.slice(0, at), mark: (JSON.parse(text.slice(at + 1)) as Record<string, unknown>)['jn-failure'] };
}

/** Deterministic PRNG (mulberry32) for generated test data. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Poll `cond` every `intervalMs` until it returns a truthy value, and
 * return that value; reject once `timeoutMs` has passed without one (naming
 * `what`, and showing what `show` returns, e.g. the screen). The deadline is a safety net against a hang, not a timing claim:
 * keep it generous. */
export async function waitFor<T>(
  cond: () => T | false | null | undefined | Promise<T | false | null | undefined>,
  { timeoutMs = 10_000, intervalMs = 20, what = 'the condition', show }: { timeoutMs?: number; intervalMs?: number; what?: string; show?: () => unknown } = {},
): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = await cond();
    if (value) return value;
    if (performance.now() >= deadline) throw new Error(`waitFor: ${what} not reached within ${timeoutMs} ms${show ? `:\n${String(show())}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** Live (non-zombie) child processes of pid, found by scanning the stat file
 * of every process for its parent pid. */
export function childPids(pid: number): number[] {
  const out: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[1]) === pid && fields[0] !== 'Z') out.push(Number(name));
    } catch {
      /* gone */
    }
  }
  return out;
}

/** A process that exists and is not a zombie waiting to be reaped. */
export function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}
