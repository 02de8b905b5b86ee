// Shared pieces of the benchmarks: seeded data generation and timing of real
// commands (argument arrays, stdio as file descriptors, no shell strings).
import { spawnSync } from 'node:child_process';
import { closeSync, openSync, statSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const jnBin = join(root, 'dist', 'jn.js');

/** mulberry32: deterministic PRNG. */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel', 'india', 'juliet', 'kilo', 'lima'];
const CITIES = ['Berlin', 'Paris', 'Oslo', 'Lisbon', 'Rome', 'Madrid', 'Vienna', 'Prague'];

/** A CSV row generator: ints, floats, booleans, short strings, and about one
 * row in five with a quoted field holding a comma (and some doubled quotes). */
function rowMaker(seed) {
  const rand = rng(seed);
  const pick = (arr) => arr[Math.floor(rand() * arr.length)];
  return (i) => {
    const city = rand() < 0.2 ? `"${pick(CITIES)}, ${pick(CITIES)}"` : pick(CITIES);
    const r = rand();
    const note = r < 0.1 ? `"${pick(WORDS)}, ""${pick(WORDS)}"" ${pick(WORDS)}"` : r < 0.3 ? '' : `${pick(WORDS)} ${pick(WORDS)}`;
    return `${i},${pick(WORDS)}_${Math.floor(rand() * 100)},${city},${Math.floor(rand() * 1000)},${(rand() * 10000).toFixed(2)},${(rand() * 2 - 1).toFixed(6)},${rand() < 0.5},${note}\n`;
  };
}

export const CSV_HEADER = 'id,name,city,qty,price,ratio,active,note\n';

/** Write a CSV of exactly `rows` rows (seeded). */
export function generateCsvRows(file, rows, seed = 20240601) {
  const row = rowMaker(seed);
  const fd = openSync(file, 'w');
  let buf = CSV_HEADER;
  for (let i = 1; i <= rows; i++) {
    buf += row(i);
    if (buf.length > 1 << 20) {
      writeSync(fd, buf);
      buf = '';
    }
  }
  writeSync(fd, buf);
  closeSync(fd);
}

/** Write a CSV of about `bytes` bytes: a seeded 4 MiB block repeated (fast
 * for multi-GB files; ids repeat, which no measurement here depends on). */
export function generateCsvBytes(file, bytes, seed = 7) {
  const row = rowMaker(seed);
  let block = '';
  for (let i = 1; block.length < 4 << 20; i++) block += row(i);
  const buf = Buffer.from(block);
  const fd = openSync(file, 'w');
  writeSync(fd, CSV_HEADER);
  for (let written = 0; written < bytes; written += buf.length) writeSync(fd, buf);
  closeSync(fd);
}

/** Run argv with stdin from a file (or null) and stdout to a file (or
 * /dev/null); return wall-clock seconds. Throws if the command fails. */
export function timeRun(argv, { stdin = null, stdout = '/dev/null' } = {}) {
  const inFd = stdin ? openSync(stdin, 'r') : 'ignore';
  const outFd = openSync(stdout, 'w');
  const t0 = process.hrtime.bigint();
  const r = spawnSync(argv[0], argv.slice(1), { stdio: [inFd, outFd, 'pipe'] });
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  if (typeof inFd === 'number') closeSync(inFd);
  closeSync(outFd);
  if (r.status !== 0) throw new Error(`${argv.join(' ')} failed (${r.status ?? r.signal}): ${r.stderr}`);
  return secs;
}

/** Best of n runs. */
export function best(n, fn) {
  let min = Infinity;
  for (let i = 0; i < n; i++) min = Math.min(min, fn());
  return min;
}

/** Peak RSS (KiB) of a command and the processes it waited for, from GNU
 * time's `%M` (the largest maximum resident set among them). */
export function peakRss(argv, { stdin = null } = {}) {
  const inFd = stdin ? openSync(stdin, 'r') : 'ignore';
  const r = spawnSync('/usr/bin/time', ['-f', '%M', ...argv], { stdio: [inFd, 'ignore', 'pipe'], encoding: 'utf8' });
  if (typeof inFd === 'number') closeSync(inFd);
  if (r.status !== 0) throw new Error(`${argv.join(' ')} failed: ${r.stderr}`);
  return Number(r.stderr.trim().split('\n').pop());
}

export function have(cmd) {
  const r = spawnSync(cmd, ['--version'], { stdio: 'ignore' });
  return !r.error;
}

export function fileMB(file) {
  return statSync(file).size / 1e6;
}
