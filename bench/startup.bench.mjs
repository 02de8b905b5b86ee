#!/usr/bin/env node
// Start-up of jn stages, the cold path (issue 12, "Instant previews"): what a
// pipeline typed in bash waits for before its first byte.
//   - `jn filter -n 1`, `jn head` (empty stdin), and `jn cat big.csv | jn head
//     -n 10` (a kernel pipe between the two), each run as bash runs it: the
//     executable dist/jn.js through its `#!` line;
//   - as a ratio to `node -e 0` measured in the same run (interleaved, median
//     of the runs), without and with NODE_EXTRA_CA_CERTS set (Node parses
//     that CA bundle at start-up; corporate machines set it).
//   - the first screen of `jn shell big.csv` (target ≤ 300 ms): from the
//     start of the command in a tmux terminal to its first row on the screen
//     (capture-pane polled every 2 ms), when tmux is installed.
// Targets: ≤ 1.2× for filter and head, ≤ 2× for the cat | head chain, judged
// against `node -e 0` without the variable (with it, bare Node pays the CA
// bundle and jn's stages need not). The CPU columns (user + system of every
// process of the command) are less shaken by a loaded machine.
// Usage: npm run build && node bench/startup.bench.mjs [--quick]
import { execFileSync, spawn, spawnSync } from 'node:child_process';
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

// --- jn shell's first screen ------------------------------------------------

const hasTmux = spawnSync('tmux', ['-V']).status === 0;
const session = `jn-bench-startup-${process.pid}`;
const sock = ['-L', session];
const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/** ms from the start of `jn shell big.csv` in a 160x40 terminal to row 1 on the screen. */
function firstScreen(env) {
  spawnSync('tmux', [...sock, 'kill-server']);
  const vars = Object.entries({ JN_HOME: join(dir, 'home'), NODE_EXTRA_CA_CERTS: env.NODE_EXTRA_CA_CERTS ?? '' }).map(([k, v]) => `${k}='${v}'`).join(' ');
  const t0 = performance.now();
  execFileSync('tmux', [...sock, 'new-session', '-d', '-s', session, '-x', '160', '-y', '40', `${vars} '${jnBin}' shell '${big}' > /dev/null`]);
  for (;;) {
    const s = execFileSync('tmux', [...sock, 'capture-pane', '-p', '-t', session], { encoding: 'utf8' });
    if (/^›\s*1 /m.test(s)) break;
    if (performance.now() - t0 > 30_000) throw new Error(`jn shell: no first screen\n${s}`);
    sleep(2);
  }
  const ms = performance.now() - t0;
  spawnSync('tmux', [...sock, 'kill-server']);
  return ms;
}

if (hasTmux) {
  process.on('exit', () => spawnSync('tmux', [...sock, 'kill-server']));
  const SHELL_RUNS = quick ? 3 : 7;
  console.log(`### First screen of \`jn shell big.csv\` (median of ${SHELL_RUNS}, after 2 warm-up starts)\n`);
  console.log('| environment | runs (ms) | median | target |');
  console.log('| --- | --- | ---: | ---: |');
  for (const [name, env] of envs) {
    firstScreen(env);
    firstScreen(env);
    const runs = Array.from({ length: SHELL_RUNS }, () => firstScreen(env));
    const m = median(runs);
    console.log(`| ${name} | ${runs.map((x) => Math.round(x)).join(', ')} | ${Math.round(m)} ms | ≤ 300 ms ${m <= 300 ? 'met' : 'NOT met'} |`);
  }
  console.log('');
}
