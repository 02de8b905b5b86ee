// The early-exit harness of the plugin tests: start a bundled plugin the way
// jn does (nodeStage: jn's Node flags), read its stdout until enough has
// come, then let the reader go away (close the pipe) and check that the
// plugin ends quickly and quietly: exit 0, no signal, nothing on stderr.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { nodeStage } from '../../src/pipeline/node.js';
import { pluginBin } from '../helpers.js';

interface RunningPlugin {
  child: ChildProcess;
  /** Everything it wrote to stderr so far. */
  stderr(): string;
}

/** Start plugin `name` with args; stdin is the file at `stdin`, or nothing. */
export function startPlugin(name: string, args: string[], stdin?: string): RunningPlugin {
  const { command, args: argv } = nodeStage(pluginBin(name), args);
  const fd = stdin === undefined ? 'ignore' : openSync(stdin, 'r');
  const child = spawn(command, argv, { stdio: [fd, 'pipe', 'pipe'] });
  if (typeof fd === 'number') closeSync(fd); // the child has its own copy
  let stderr = '';
  child.stderr!.on('data', (b: Buffer) => (stderr += b));
  return { child, stderr: () => stderr };
}

/** Read the plugin's stdout until enough(all so far) holds, then pause it
 * (the reader stalls: nothing more is taken from the pipe). Fails if the
 * plugin's stdout ends first. */
export function readUntil(p: RunningPlugin, enough: (got: Buffer) => boolean): Promise<Buffer> {
  const stdout = p.child.stdout!;
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    const onData = (b: Buffer): void => {
      parts.push(b);
      const got = Buffer.concat(parts);
      if (!enough(got)) return;
      stdout.off('data', onData);
      stdout.off('end', onEnd);
      stdout.pause();
      resolve(got);
    };
    const onEnd = (): void => reject(new Error(`stdout ended after ${Buffer.concat(parts).length} bytes, before there was enough (stderr: ${p.stderr()})`));
    stdout.on('data', onData);
    stdout.once('end', onEnd);
  });
}

/** The reader goes away: close the pipe, wait for the plugin to end. */
export async function closeReader(p: RunningPlugin): Promise<{ code: number | null; signal: string | null; stderr: string; ms: number }> {
  const { child } = p;
  const ended = new Promise<[number | null, string | null]>((resolve) => child.once('close', (code, signal) => resolve([code, signal])));
  const closedAt = performance.now();
  child.stdout!.destroy();
  const [code, signal] = await ended;
  return { code, signal, stderr: p.stderr(), ms: performance.now() - closedAt };
}

/** Assert that plugin `name` stops within maxMs, exit 0 and silent, when its
 * reader goes away once it has `lines` lines (or `bytes` bytes) of output.
 * Returns what was read: the first `lines` lines, or the first `bytes` bytes. */
export async function assertQuietEarlyExit(
  name: string,
  args: string[],
  opts: { lines?: number; bytes?: number; stdin?: string; maxMs?: number },
): Promise<string> {
  const p = startPlugin(name, args, opts.stdin);
  const got = await readUntil(p, (b) => (opts.lines !== undefined ? b.toString().split('\n').length > opts.lines : b.length >= (opts.bytes ?? 1)));
  const { code, signal, stderr, ms } = await closeReader(p);
  assert.deepEqual([code, signal, stderr], [0, null, ''], 'the plugin ends quietly when its reader goes away');
  const maxMs = opts.maxMs ?? 1000;
  assert.ok(ms < maxMs, `${name} exited ${ms.toFixed(0)} ms after the reader went away (limit ${maxMs} ms)`);
  if (opts.lines === undefined) return got.subarray(0, opts.bytes ?? 1).toString();
  return got.toString().split('\n').slice(0, opts.lines).join('\n') + '\n';
}
