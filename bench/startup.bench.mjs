#!/usr/bin/env node
// Start-up of jn stages, the cold path (issue 12, "Instant previews"): what a
// pipeline typed in bash waits for before its first byte.
//   - `jn filter -n 1`, `jn head` (empty stdin), and `jn cat big.csv | jn head
//     -n 10` (a kernel pipe between the two), each run as bash runs it: the
//     executable dist/jn.js through its `#!` line;
//   - as a ratio to `node -e 0` measured in the same run (interleaved, median
//     of the runs), without and with NODE_EXTRA_CA_CERTS set (Node parses
//     that CA bundle at start-up; corporate machines set it).
// Targets: ≤ 1.2× for filter and head, ≤ 2× for the cat | head chain, judged
// against `node -e 0` without the variable (with it, bare Node pays the CA
// bundle and jn's stages need not). The CPU columns (user + system of every
// process of the command) are less shaken by a loaded machine.
// Usage: npm run build && node bench/startup.bench.mjs [--quick]
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateCsvBytes, jnBin, root } from './lib.mjs';

const quick = process.argv.includes('--quick');
const RUNS = quick ? 7 : 21;
const CA_FILE = ['/etc/ssl/certs/ca-certificates.crt', '/etc/pki/tls/certs/ca-bundle.crt', '/etc/ssl/cert.pem'].find((f) => existsSync(f));

const dir = mkdtempSync(join(tmpdir(), 'jn-bench-startup-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
const big = join(dir, 'big.csv');
generateCsvBytes(big, quick ? 16e6 : 64e6);
const { pipe } = createRequire(import.meta.url)(join(root, 'dist', 'native', 'jn_pipe.node'));

/** Start argv with the given stdio; resolve when it has exited (status 0 expected). */
function run(argv, stdio, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0], argv.slice(1), { stdio: [...stdio, 'pipe'], env });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code, signal) => (code === 0 ? resolve() : reject(new Error(`${argv.join(' ')}: ${code ?? signal} ${err}`))));
  });
}

/** CPU time (user + system, ms) of this process's waited-for children:
 * under load, wall-clock time measures the machine more than the command. */
function childCpu() {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(f[13]) + Number(f[14])) * 1000) / TICKS;
}
const TICKS = 100;

/** [wall ms from the first spawn until every process of the chain exited, CPU ms of the chain]. */
async function time(chain, env) {
  const cpu0 = childCpu();
  const t0 = process.hrtime.bigint();
  const out = openSync('/dev/null', 'w');
  const waits = [];
  let stdin = 'ignore';
  chain.forEach((argv, i) => {
    const last = i === chain.length - 1;
    const [r, w] = last ? [undefined, out] : pipe();
    const input = typeof argv.at(-1) === 'object' ? argv.pop() : undefined;
    const fdIn = input?.stdin ? openSync(input.stdin, 'r') : stdin;
    waits.push(run(argv, [fdIn, w], env));
    if (typeof fdIn === 'number') closeSync(fdIn);
    if (!last) closeSync(w);
    stdin = r;
  });
  closeSync(out);
  await Promise.all(waits);
  return [Number(process.hrtime.bigint() - t0) / 1e6, childCpu() - cpu0];
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const empty = join(dir, 'empty');
closeSync(openSync(empty, 'w'));

const cases = [
  ['node -e 0', () => [[process.execPath, '-e', '0']]],
  ['jn filter -n 1', () => [[jnBin, 'filter', '-n', '1']]],
  ['jn head (empty stdin)', () => [[jnBin, 'head', { stdin: empty }]]],
  ['jn cat big.csv \\| jn head -n 10', () => [[jnBin, 'cat', big], [jnBin, 'head', '-n', '10']]],
];
const targets = [undefined, 1.2, 1.2, 2];

const clean = { ...process.env };
delete clean.NODE_EXTRA_CA_CERTS;
const envs = [['without NODE_EXTRA_CA_CERTS', clean]];
if (CA_FILE) envs.push([`with NODE_EXTRA_CA_CERTS=${CA_FILE}`, { ...clean, NODE_EXTRA_CA_CERTS: CA_FILE }]);

console.log(`## Start-up of jn stages (median of ${RUNS} interleaved runs; ratio to \`node -e 0\` in the same environment)\n`);
for (const [name, env] of envs) {
  // `node -e 0` without the variable is measured in every run too: with it,
  // bare Node pays the CA bundle, and jn's stages need not.
  const all = [...cases, ['node -e 0 (without NODE_EXTRA_CA_CERTS)', cases[0][1], clean]];
  const times = all.map(() => []);
  const cpus = all.map(() => []);
  for (let r = 0; r < 2; r++) for (const [, argvs, e] of all) await time(argvs(), e ?? env); // warm the page cache
  for (let r = 0; r < RUNS; r++) {
    for (const [i, [, argvs, e]] of all.entries()) {
      const [ms, cpu] = await time(argvs(), e ?? env);
      times[i].push(ms);
      cpus[i].push(cpu);
    }
  }
  const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const base = median(times[0]);
  const floor = median(times.at(-1));
  const cpuBase = mean(cpus[0]);
  console.log(`### ${name}\n`);
  console.log('| command | median | ratio | ratio to clean `node -e 0` | target | CPU (mean) | CPU ratio |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const [i, [label]] of cases.entries()) {
    const m = median(times[i]);
    const t = targets[i];
    const c = mean(cpus[i]);
    console.log(`| ${label} | ${m.toFixed(1)} ms | ${(m / base).toFixed(2)}× | ${(m / floor).toFixed(2)}× | ${t ? `≤ ${t}× ${m / floor <= t ? 'met' : 'NOT met'}` : ''} | ${c.toFixed(1)} ms | ${(c / cpuBase).toFixed(2)}× |`);
  }
  console.log('');
}
