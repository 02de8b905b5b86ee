// The pool of pre-started stage processes (src/pipeline/pool/): a chain
// started with pooled processes gives the same bytes and the same statuses as
// a cold one, the pooled processes are the ones that ran (pid identity), and
// none is left behind.
import assert from 'node:assert/strict';
import { mkdirSync, openSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { disableStagePool, enableStagePool, idleStagePids, refillStagePool } from '../../src/pipeline/pool/index.ts';
import { nodeStage } from '../../src/pipeline/node.ts';
import { startPipeline, type PipelineResult, type Stage } from '../../src/pipeline/spawn.ts';
import { alive, childPids, jnBin, pluginBin, rng, tempDir, waitFor } from '../helpers.ts';

const dir = tempDir();
process.env.JN_HOME = join(dir, 'home');
// the pool's directories (os.tmpdir()) go here, to be counted
const tmp = join(dir, 'tmp');
mkdirSync(tmp);
process.env.TMPDIR = tmp;
const poolDirs = () => readdirSync(tmp).filter((f) => f.startsWith('jn-pool-'));
const random = rng(12);
const csv = join(dir, 'data.csv');
const ROWS = 20_000;
writeFileSync(csv, 'id,v,name\n' + Array.from({ length: ROWS }, (_, i) => `${i},${Math.floor(random() * 1000)},n${i}`).join('\n') + '\n');

const jn = (...args: string[]): Stage => ({ label: args[0], ...nodeStage(jnBin, args), kind: 'jn' });
const csvRead = (): Stage => ({ label: 'csv read', source: csv, ...nodeStage(pluginBin('csv'), ['--mode=read']), kind: 'plugin', tls: false });

interface Ran {
  out: string;
  result: PipelineResult;
  pids: number[];
  /** ms from the start to the first byte of output. */
  first: number;
}

async function run(stages: Stage[], opts: { stdin?: 'file' | 'ignore'; kill?: boolean } = {}): Promise<Ran> {
  const t0 = performance.now();
  const p = startPipeline(stages, { stdin: opts.stdin === 'ignore' ? 'ignore' : openSync(csv, 'r'), stdout: 'pipe' });
  let out = '';
  let first = -1;
  for await (const chunk of p.stdout!) {
    if (first < 0) first = performance.now() - t0;
    out += chunk.toString();
    if (opts.kill) p.kill();
  }
  return { out, result: await p.done, pids: p.pids, first };
}

/** What a chain's result says, without pids and times; how a stage that
 * did not fail ended (status 0, EPIPE, or our SIGTERM after a failure
 * downstream) depends on timing, cold or not, so only its `ok` is kept. */
const statuses = (r: PipelineResult) => ({
  stages: r.stages.map((s) => (s.ok ? { label: s.label, ok: true } : { label: s.label, code: s.code, signal: s.signal, ok: false, stderr: s.stderr })),
  failure: r.failure,
  killed: r.killed,
});

/** A full pool (n idle processes), after a chain of n - 1 pooled stages. */
async function filled(n: number): Promise<number[]> {
  refillStagePool();
  return waitFor(() => idleStagePids().length >= n && idleStagePids(), { what: `${n} idle processes`, timeoutMs: 30_000 });
}

/** Run `make()` cold, then pooled; both runs, and the pids the pooled one took. */
async function coldAndPooled(make: () => Stage[], opts: { stdin?: 'file' | 'ignore'; kill?: boolean } = {}) {
  disableStagePool();
  const cold = await run(make(), opts);
  enableStagePool();
  await run(make(), opts); // tells the pool how many it needs
  const idle = await filled(4);
  const pooled = await run(make(), opts);
  return { cold, pooled, idle };
}

after(() => disableStagePool());

describe('pre-started stage processes', { timeout: 120_000 }, () => {
  it('a pooled chain gives the same bytes and statuses as a cold one, from the pooled processes', async () => {
    const make = () => [csvRead(), jn('filter', 'select(.v > 500) | {id, name}'), jn('tail', '-n', '3000'), jn('head', '-n', '2000')];
    const { cold, pooled, idle } = await coldAndPooled(make);
    assert.ok(cold.out.length > 10_000);
    assert.equal(pooled.out, cold.out);
    assert.deepEqual(statuses(pooled.result), statuses(cold.result));
    // the pool holds 4: all four stages ran in them, the source's reading
    // the file through /proc/<jn>/fd/N
    assert.deepEqual(pooled.pids, idle.slice(0, 4));
    assert.equal(pooled.result.failure, undefined);
  });

  it('an idle process has read nothing: its fds 0 and 1 are /dev/null until the request', async () => {
    enableStagePool();
    await run([csvRead(), jn('head', '-n', '1')]);
    const idle = await filled(3);
    for (const pid of idle) {
      assert.equal(readlinkSync(`/proc/${pid}/fd/0`), '/dev/null');
      assert.equal(readlinkSync(`/proc/${pid}/fd/1`), '/dev/null');
      assert.match(readFileSync(`/proc/${pid}/cmdline`, 'utf8'), /jn-pool-idle/);
    }
    // and becomes a stage that reads all of its input
    const r = await run([csvRead(), jn('filter', '-s', 'length')]);
    assert.deepEqual(r.pids, idle.slice(0, 2));
    assert.equal(r.out, `${ROWS}\n`);
    assert.match(readFileSync(`/proc/${idle[2]}/cmdline`, 'utf8'), /jn-pool-idle/);
  });

  it('a failing stage fails the same way (status, message, failure mark, upstream ended)', async () => {
    const make = () => [csvRead(), jn('filter', 'if .id == 100 then error("bad row \\(.id)") else . end'), jn('head', '-n', '5000')];
    const { cold, pooled, idle } = await coldAndPooled(make);
    assert.ok(cold.result.failure, 'the cold chain fails');
    assert.equal(cold.result.failure?.stage, 'filter');
    assert.equal(pooled.out, cold.out);
    assert.deepEqual(statuses(pooled.result), statuses(cold.result));
    assert.deepEqual(pooled.pids, idle.slice(0, 3));
  });

  it('head ending early: the upstream stages end on EPIPE with the same statuses', async () => {
    const make = () => [csvRead(), jn('filter', '.'), jn('head', '-n', '2')];
    const { cold, pooled, idle } = await coldAndPooled(make);
    assert.equal(cold.out.split('\n').length, 3);
    assert.equal(pooled.out, cold.out);
    assert.deepEqual(statuses(pooled.result), statuses(cold.result));
    assert.deepEqual(pooled.pids, idle.slice(0, 3));
  });

  it('a killed chain ends every pooled process, and what they spawned', async () => {
    enableStagePool();
    // jn cat of a file spawns its plugin (not in process: JN_IN_PROCESS=0):
    // the grandchild is in the stage's group
    const make = () => [{ ...jn('cat', csv), env: { ...process.env, JN_IN_PROCESS: '0' } }, jn('filter', '.'), jn('head', '-n', '100000')];
    await run(make(), { stdin: 'ignore', kill: true });
    const idle = await filled(4);
    const t0 = performance.now();
    const p = startPipeline(make(), { stdin: 'ignore', stdout: 'pipe' });
    let grandchildren: number[];
    let first: number;
    try {
      assert.deepEqual(p.pids, idle.slice(0, 3));
      grandchildren = await waitFor(() => childPids(p.pids[0]).length > 0 && childPids(p.pids[0]), { what: 'jn cat to start its plugin' });
      // the first stage's output is jn cat's plugin's: it inherited fd 1
      const reader = p.stdout![Symbol.asyncIterator]();
      await reader.next();
      first = performance.now() - t0;
    } finally {
      // (a failed assertion must not leave the chain holding the test open)
      p.kill();
    }
    const r = await p.done;
    assert.equal(r.killed, true);
    assert.equal(r.failure, undefined);
    for (const pid of [...p.pids, ...grandchildren]) await waitFor(() => !alive(pid), { what: `process ${pid} to end` });
    assert.ok(first < 5000, `first byte after ${first} ms`);
  });

  it('applies the stage\'s cwd and environment, not the pool\'s', async () => {
    enableStagePool();
    process.env.JN_POOL_TEST_GONE = 'pool';
    const env: NodeJS.ProcessEnv = { ...process.env, JN_POOL_TEST: 'stage' };
    delete env.JN_POOL_TEST_GONE;
    const make = (): Stage[] => [{ ...jn('filter', '-n', '[env.JN_POOL_TEST, env.JN_POOL_TEST_GONE]'), env }, { ...jn('cat', 'data.csv'), cwd: dir }];
    await run(make(), { stdin: 'ignore' });
    const idle = await filled(3);
    // a jn filter -n (no input) then a jn cat of a relative path in cwd: the
    // cat ignores its stdin, so check them one at a time
    const a = await run([make()[0]], { stdin: 'ignore' });
    assert.deepEqual(a.pids, idle.slice(0, 1));
    assert.deepEqual(JSON.parse(a.out), ['stage', null]);
    const b = await run([make()[1], jn('head', '-n', '1')], { stdin: 'ignore' });
    assert.deepEqual(b.pids, idle.slice(1, 3));
    assert.equal(b.result.failure, undefined, JSON.stringify(b.result.stages));
    assert.deepEqual(JSON.parse(b.out), { id: 0, v: JSON.parse(readFileSync(csv, 'utf8').split('\n')[1].split(',')[1]), name: 'n0' });
    delete process.env.JN_POOL_TEST_GONE;
  });

  it('TLS stages and scripts that are not jn\'s start cold', async () => {
    enableStagePool();
    await run([csvRead(), jn('head', '-n', '1')]);
    const idle = await filled(3);
    const tls: Stage = { ...jn('head', '-n', '1'), tls: true, env: { ...process.env, NODE_EXTRA_CA_CERTS: join(dir, 'none.pem') } };
    const other: Stage = { label: 'cat', command: 'cat', args: [], kind: 'command' };
    const r = await run([csvRead(), other, tls]);
    assert.equal(r.result.failure, undefined, JSON.stringify(r.result.stages));
    assert.equal(r.pids[0], idle[0]);
    assert.ok(!idle.includes(r.pids[1]) && !idle.includes(r.pids[2]));
    assert.deepEqual(idleStagePids(), idle.slice(1));
  });

  it('leaves no FIFO directory behind, even of a process taken by a chain that has not opened its FIFOs yet', async () => {
    enableStagePool();
    await run([jn('head', '-n', '1')], { stdin: 'ignore' });
    const idle = await filled(2);
    assert.equal(poolDirs().length, 2);
    // stopped: it cannot answer the request
    process.kill(idle[0], 'SIGSTOP');
    const p = startPipeline([jn('head', '-n', '1')], { stdin: 'ignore', stdout: 'pipe' });
    try {
      assert.deepEqual(p.pids, idle.slice(0, 1));
      disableStagePool();
      assert.deepEqual(poolDirs(), []);
    } finally {
      p.kill('SIGKILL'); // (a stopped process ends only so)
    }
    const r = await p.done;
    assert.equal(r.killed, true);
    await waitFor(() => !alive(idle[1]), { what: 'the idle process to end' });
  });

  it('JN_POOL=0: no pool, every stage starts cold', async () => {
    disableStagePool();
    process.env.JN_POOL = '0';
    try {
      enableStagePool();
      const a = await run([csvRead(), jn('head', '-n', '1')]);
      refillStagePool();
      const b = await run([csvRead(), jn('head', '-n', '1')]);
      assert.equal(b.out, a.out);
      assert.deepEqual(idleStagePids(), []);
      const warm = childPids(process.pid).filter((pid) => /warm\.js|jn-pool-idle/.test(readFileSync(`/proc/${pid}/cmdline`, 'utf8')));
      assert.deepEqual(warm, []);
    } finally {
      delete process.env.JN_POOL;
    }
  });

  it('request to first byte: pooled vs cold (figures printed, not asserted)', async () => {
    const make = () => [jn('head', '-n', '1')];
    const cold: number[] = [];
    const warm: number[] = [];
    for (let i = 0; i < 5; i++) {
      disableStagePool();
      cold.push((await run(make())).first);
      enableStagePool();
      await run(make());
      const idle = await filled(2);
      const r = await run(make());
      assert.deepEqual(r.pids, idle.slice(0, 1));
      warm.push(r.first);
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1].toFixed(1);
    console.log(`# jn head -n 1, start to first byte: cold median ${median(cold)} ms, pooled median ${median(warm)} ms`);
  });
});
