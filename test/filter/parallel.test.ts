// jn filter's two-thread path (src/filter/cli/parallel.ts) through the built
// binary: every run with JN_FILTER_THREADS=2 and JN_FILTER_PARALLEL_AFTER=0
// (the worker takes half of each chunk after the first) is compared byte for
// byte — stdout, stderr, exit status — with the same run on one thread
// (JN_FILTER_THREADS=1), and JN_FILTER_DEBUG=1 tells whether the worker ran.
// Inputs are a few MiB of seeded NDJSON. Most runs read a file (chunks of
// 2 MiB at fixed offsets, so a test can put a bad line in the worker's half
// or in the main thread's); some read a pipe, as in a jn pipeline.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { closeSync, openSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { jn, jnBin, rng, tempDir, type RunResult } from '../helpers.js';

const MiB = 1 << 20;
const dir = tempDir();
const WORDS = ['alpha', 'bravo', 'charlie', 'délta', 'écho', '日本語', 'smile 😀', 'tab\there', 'quo"te', 'back\\slash'];

/** About `bytes` of NDJSON records (seeded): ids, numbers, unicode strings,
 * a `v` that is now and then a string (so that `.v + 1` fails), now and then
 * an integer literal beyond 2^53, a blank line, a CRLF line end. */
function records(bytes: number, seed: number): string[] {
  const rand = rng(seed);
  const pick = <T>(a: T[]): T => a[Math.floor(rand() * a.length)];
  const out: string[] = [];
  let size = 0;
  for (let id = 1; size < bytes; id++) {
    const rec = {
      id,
      x: Math.floor(rand() * 21),
      name: `${pick(WORDS)}_${Math.floor(rand() * 100)}`,
      amount: Math.round(rand() * 100_000) / 100,
      ratio: Math.round((rand() * 2 - 1) * 1e6) / 1e6,
      active: rand() < 0.5,
      tags: [pick(WORDS), pick(WORDS)],
      v: rand() < 0.01 ? 'str' : Math.floor(rand() * 100),
      big: 0,
    };
    let line = JSON.stringify(rec);
    if (rand() < 0.01) line = line.replace('"big":0', `"big":1000000000000000000${id}`);
    const r = rand();
    if (r < 0.005) line += '\n';
    else if (r < 0.01) line += '\n   \t';
    else if (r < 0.02) line += '\r';
    out.push(line + '\n');
    size += Buffer.byteLength(line) + 1;
  }
  return out;
}

const lines = records(4.25 * MiB, 7);
const text = lines.join('');
const file = write('in.jsonl', text);

function write(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** `text` with the line that starts at or after byte offset `at` replaced. */
function replaceLineAt(at: number, replacement: string): string {
  const buf = Buffer.from(text);
  const start = buf.indexOf(10, at) + 1;
  const end = buf.indexOf(10, start);
  return buf.subarray(0, start).toString() + replacement + buf.subarray(end).toString();
}

const envOne = { ...process.env, JN_FILTER_THREADS: '1' };
const envTwo = { ...process.env, JN_FILTER_THREADS: '2', JN_FILTER_PARALLEL_AFTER: '0', JN_FILTER_DEBUG: '1' };

/** Run `jn ARGS` with stdin read from a file. */
function jnFile(args: string[], path: string, env: NodeJS.ProcessEnv): Promise<RunResult> {
  const started = performance.now();
  const fd = openSync(path, 'r');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [jnBin, ...args], { env, stdio: [fd, 'pipe', 'pipe'] });
    closeSync(fd);
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout!.on('data', (b: Buffer) => out.push(b));
    child.stderr!.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (code, signal) =>
      resolve({ code, signal, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), ms: performance.now() - started }),
    );
  });
}

const DEBUG_LINE = /jn: filter: worker thread: (?:started, ran (\d+) chunks|not started)\n/;

/** Chunks the worker ran, from the JN_FILTER_DEBUG line (-1: not started). */
function workerChunks(r: RunResult): number {
  const m = DEBUG_LINE.exec(r.stderr);
  assert.ok(m, `no debug line in stderr: ${r.stderr.slice(0, 300)}`);
  return m[1] === undefined ? -1 : Number(m[1]);
}

function sameText(actual: string, expected: string, what: string): void {
  if (actual === expected) return;
  let i = 0;
  while (i < actual.length && actual[i] === expected[i]) i++;
  assert.fail(`${what} differs at offset ${i} of ${expected.length}: ${JSON.stringify(actual.slice(i - 40, i + 80))} vs ${JSON.stringify(expected.slice(i - 40, i + 80))}`);
}

/** Run ARGS on one thread and on two (stdin from path, or piped text); the
 * two runs must print the same bytes and exit alike. Returns the two-thread
 * run, its stderr without the debug line, and how many chunks its worker
 * ran (-1: none started). */
async function same(args: string[], input: { path: string } | { text: string } = { path: file }): Promise<{ two: RunResult; stderr: string; chunks: number }> {
  const runWith = (env: NodeJS.ProcessEnv) => ('path' in input ? jnFile(['filter', ...args], input.path, env) : jn(['filter', ...args], { input: input.text, env }));
  const [one, two] = await Promise.all([runWith(envOne), runWith(envTwo)]);
  const stderr = two.stderr.replace(DEBUG_LINE, '');
  sameText(two.stdout, one.stdout, `stdout of jn filter ${args.join(' ')}`);
  sameText(stderr, one.stderr, `stderr of jn filter ${args.join(' ')}`);
  assert.equal(two.code, one.code, `exit status of jn filter ${args.join(' ')}`);
  return { two, stderr, chunks: workerChunks(two) };
}

test('eligible programs: same bytes on two threads as on one, and the worker ran chunks', async () => {
  const programs: string[][] = [
    ['select(.x > 10)'],
    ['{id, name, amount}'],
    ['-a', '-S', '.tags |= map(ascii_upcase) | del(.ratio)'],
    ['-r', '[.id, .name] | @csv'],
    // output four times the input: the worker sends it in parts
    ['--pretty', '--arg', 'k', 'name', '--argjson', 'n', '{"a":[1]}', '[rownum, .[$k], $n, $ARGS.named.k, ., .]'],
    ['-j', '.name, " "'],
    ['def twice(f): f, f; select(.x == 3 or .big > 0) | twice({id, big, loc: $__loc__, path: ($ENV.PATH | length > 0)})'],
  ];
  for (const args of programs) {
    const { chunks } = await same(args);
    assert.ok(chunks >= 2, `the worker ran ${chunks} chunks for ${args.join(' ')}`);
  }
});

test('-e: the exit status follows the last output of either thread', async () => {
  const cases: [string, number][] = [['.active', -1], ['select(.id < 0)', 4], ['if .id == 100 then false else empty end', 1]];
  for (const [expr, code] of cases) {
    const { two, chunks } = await same(['-e', expr]);
    assert.ok(chunks >= 2);
    if (code >= 0) assert.equal(two.code, code, expr);
  }
});

test('-R: raw lines (blank ones, CRLF) on two threads', async () => {
  const { chunks } = await same(['-R', '[length, rownum]']);
  assert.ok(chunks >= 2);
  await same(['-R', '-r', 'ascii_upcase | select(test("ALPHA"))']);
});

test('input from a pipe: same bytes, the worker still runs', async () => {
  const { chunks } = await same(['{id, name}'], { text });
  assert.ok(chunks >= 1, `the worker ran ${chunks} chunks`);
});

test('runtime errors: the same stdout and stderr lines (absolute record numbers), exit 5', async () => {
  const { two, chunks } = await same(['.v + 1']);
  assert.equal(two.code, 5);
  assert.ok(chunks >= 2);
  const errors = two.stderr.split('\n').filter((l) => l.startsWith('jn: filter: string'));
  assert.ok(errors.length > 100, `${errors.length} error lines`);
  assert.match(errors[errors.length - 1], /^jn: filter: string \("str"\) and number \(1\) cannot be added \(record \d+\)$/);
  const deep = await same(['def f: if . > 0 then . - 1 | f else . end; if .x == 20 and .id % 7 == 0 then 6000 | f else .x end']);
  assert.ok(deep.chunks >= 2);
});

test('invalid JSON in the worker\'s half of a chunk or in the main thread\'s: same output before it, same one-line error, exit 2', async () => {
  // Read from a file, [0, 2) MiB runs before the worker starts; then the
  // main thread runs [2, 3) and the worker [3, 4), and they share the rest.
  for (const at of [2.5 * MiB, 3.5 * MiB]) {
    const path = write(`bad-${at}.jsonl`, replaceLineAt(at, '{"id": 1, "x": }'));
    const { two, stderr } = await same(['.id'], { path });
    assert.equal(two.code, 2);
    assert.match(stderr, /^jn: filter: stdin: line \d+, column 16: invalid JSON: Unexpected character '}'\n$/);
  }
});

test('values over several lines or several on a line: the rest runs on one thread, with the same results', async () => {
  const multi = '{"id": -1,\n  "x": 99}  {"id": -2}\n"text"';
  // in the main thread's half of a chunk
  const { two } = await same(['[(.id? // null), rownum]'], { path: write('multi-main.jsonl', replaceLineAt(2.5 * MiB, multi)) });
  assert.equal(two.code, 0);
  assert.match(two.stdout, /\n\[-1,\d+\]\n\[-2,\d+\]\n\[null,\d+\]\n/);
  // in the worker's half, and a bad line further on, found with its line number
  const worker = replaceLineAt(3.5 * MiB, multi);
  const cut = worker.indexOf('\n', worker.length - 1000) + 1;
  const r = await same(['[(.id? // null), rownum]'], { path: write('multi-worker.jsonl', worker.slice(0, cut) + '{nope}\n' + worker.slice(cut)) });
  assert.equal(r.two.code, 2);
  assert.match(r.two.stdout, /\n\[-1,\d+\]\n\[-2,\d+\]\n\[null,\d+\]\n/);
  assert.match(r.stderr, /^jn: filter: stdin: line \d+, column 2: invalid JSON: Object keys must be strings\n$/);
});

test('programs that read inputs or depend on the order stay on one thread, with the same results', async () => {
  for (const args of [['[., input] | map(.id)'], ['first(inputs) | .id'], ['def next: input; [.id, (next | .id)]'], ['if .id % 5000 == 0 then debug else . end | .id'], ['limit(2; .tags[] | ascii_downcase) | halt_error(0)']]) {
    const { chunks } = await same(args);
    assert.equal(chunks, -1, `${args.join(' ')} started a worker`);
  }
});

test('--seq, -s and -n never start a worker', async () => {
  for (const args of [['--seq', '.id'], ['-s', 'length'], ['-n', '[inputs] | length']]) {
    const r = await jnFile(['filter', ...args], file, envTwo);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(!/started/.test(r.stderr), `${args.join(' ')}: ${r.stderr}`);
  }
});

test('without JN_FILTER_THREADS: no worker for a small input; one past JN_FILTER_PARALLEL_AFTER (with 2+ CPUs)', async () => {
  const env: NodeJS.ProcessEnv = { ...process.env, JN_FILTER_DEBUG: '1' };
  delete env.JN_FILTER_THREADS;
  delete env.JN_FILTER_PARALLEL_AFTER;
  const small = await jn(['filter', '.id'], { input: lines.slice(0, 1000).join(''), env });
  assert.equal(workerChunks(small), -1);
  // Not waited for, the worker may be ready only after the end of the input.
  const big = await jnFile(['filter', '.id'], file, { ...env, JN_FILTER_PARALLEL_AFTER: String(MiB) });
  if (availableParallelism() >= 2) assert.ok(workerChunks(big) >= 0, big.stderr);
  else assert.equal(workerChunks(big), -1);
  const one = await jnFile(['filter', '.id'], file, { ...env, JN_FILTER_THREADS: '1' });
  assert.equal(one.stderr, '');
});

test('a reader that goes away: exit 0 at once, nothing on stderr', async () => {
  const fd = openSync(file, 'r');
  const child = spawn(process.execPath, [jnBin, 'filter', '.'], { env: envTwo, stdio: [fd, 'pipe', 'pipe'] });
  closeSync(fd);
  let stderr = '';
  child.stderr!.on('data', (b: Buffer) => (stderr += b));
  let received = 0;
  let closed = false;
  child.stdout!.on('data', (b: Buffer) => {
    received += b.length;
    if (received > 2.5 * MiB && !closed) {
      closed = true;
      child.stdout!.destroy();
    }
  });
  // Killed at the deadline if it does not end after the reader went away.
  const deadline = setTimeout(() => child.kill('SIGKILL'), 30_000);
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.on('close', (c, s) => resolve([c, s])));
  clearTimeout(deadline);
  assert.ok(closed, 'the output ended before the reader went away');
  assert.equal(signal, null, 'killed at the deadline');
  assert.equal(code, 0);
  assert.equal(stderr, '');
});

test('a writer that pauses sees the results of what it wrote so far', async () => {
  const child = spawn(process.execPath, [jnBin, 'filter', 'select(.id < 0) | .id'], { env: envTwo, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (b: Buffer) => (stderr += b));
  const seen = new Promise<void>((resolve) =>
    child.stdout!.on('data', (b: Buffer) => {
      stdout += b;
      if (stdout === '-7\n') resolve();
    }),
  );
  child.stdin!.write(text + '{"id": -7}\n');
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<void>((_, reject) => {
    timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no result after 10 s while the writer waits; stderr: ${stderr}`));
    }, 10_000);
  });
  await Promise.race([seen, late]);
  clearTimeout(timer);
  child.stdin!.end('{"id": -8}\n');
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  assert.equal(code, 0);
  assert.equal(stdout, '-7\n-8\n');
  assert.ok(workerChunks({ code, signal: null, stdout, stderr, ms: 0 }) >= 1, stderr);
});
