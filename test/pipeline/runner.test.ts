import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { closeSync, openSync, readdirSync, readlinkSync } from 'node:fs';
import { describe, it } from 'node:test';
import { createFifoPipes, pipeMechanism } from '../../src/pipeline/pipes.ts';
import { startPipeline, runPipeline, type Stage } from '../../src/pipeline/spawn.ts';
import { formatFailure } from '../../src/kit/failure.ts';
import { alive, waitFor } from '../helpers.ts';

const devNull = openSync('/dev/null', 'w');
const sh = (label: string, script: string): Stage => ({ label, command: 'sh', args: ['-c', script], kind: 'plugin' });
const cmd = (label: string, command: string, ...args: string[]): Stage => ({ label, command, args, kind: 'plugin' });

function fdTargets(pid: number | 'self'): string[] {
  const dir = `/proc/${pid}/fd`;
  return readdirSync(dir).map((fd) => {
    try {
      return readlinkSync(`${dir}/${fd}`);
    } catch {
      return '';
    }
  });
}

async function collect(stream: NodeJS.ReadableStream | undefined): Promise<string> {
  let s = '';
  for await (const chunk of stream!) s += chunk.toString();
  return s;
}

describe('pipeline runner', () => {
  it('joins stages with kernel pipes and keeps no pipe end in the parent', async () => {
    // `sleep 30` (ended by kill() below) only keeps the first stage alive while
    // its descriptors are looked at: the delay is the point, not a wait.
    const p = startPipeline([cmd('sleep', 'sleep', '30'), cmd('cat', 'cat'), cmd('cat2', 'cat')], { stdin: 'ignore', stdout: 'pipe' });
    const [first, middle, last] = p.pids;
    const out1 = readlinkSync(`/proc/${first}/fd/1`);
    const in2 = readlinkSync(`/proc/${middle}/fd/0`);
    const out2 = readlinkSync(`/proc/${middle}/fd/1`);
    const in3 = readlinkSync(`/proc/${last}/fd/0`);
    assert.match(out1, /^pipe:\[\d+\]$/);
    assert.match(out2, /^pipe:\[\d+\]$/);
    assert.equal(in2, out1, 'stage 2 reads the pipe stage 1 writes');
    assert.equal(in3, out2);
    assert.notEqual(out1, out2);
    const mine = fdTargets('self');
    assert.ok(!mine.includes(out1), 'parent must not hold the first pipe');
    assert.ok(!mine.includes(out2), 'parent must not hold the second pipe');
    // Children hold only their own stdio ends of the chain's pipes.
    const middleFds = fdTargets(middle).filter((t) => t.startsWith('pipe:'));
    assert.deepEqual(middleFds.filter((t) => t === out1 || t === out2).sort(), [out1, out2].sort());
    p.kill();
    await p.done;
  });

  it('lets an upstream yes die of SIGPIPE with empty stderr and reports success', async () => {
    const p = startPipeline([cmd('yes', 'yes'), cmd('head', 'head', '-n', '3')], { stdin: 'ignore', stdout: 'pipe' });
    const out = await collect(p.stdout);
    const r = await p.done;
    assert.equal(out, 'y\ny\ny\n');
    assert.equal(r.stages[0].signal, 'SIGPIPE');
    assert.equal(r.stages[0].stderr, '');
    assert.equal(r.failure, undefined);
    assert.deepEqual(r.warnings, []);
  });

  it('streams: the first bytes arrive while the producer is still running', async () => {
    // The producer's `sleep 30` is the subject, not a wait: it stays alive
    // until kill(), so the first line reaching the end of the chain before
    // the producer ends proves it was not held back until the producer ended.
    const p = startPipeline([sh('slow', 'echo first; sleep 30; echo second'), cmd('cat', 'cat')], { stdin: 'ignore', stdout: 'pipe' });
    const first = await new Promise<string>((resolve) => p.stdout!.once('data', (b: Buffer) => resolve(b.toString())));
    assert.equal(first, 'first\n');
    assert.ok(alive(p.pids[0]!), 'the producer must still be running when the first line arrives');
    p.kill();
    const r = await p.done;
    assert.equal(r.killed, true);
    assert.equal(r.failure, undefined, 'a chain ended by kill() is not a failure');
  });

  it('reports the first real failure with the stage label, source and exit status 3', async () => {
    const stages: Stage[] = [
      { ...sh('csv read', 'echo "line 3: unterminated quoted field" >&2; exit 1'), source: 'data.csv' },
      sh('later', 'cat; echo "consequence" >&2; exit 1'),
    ];
    const r = await runPipeline(stages, { stdin: 'ignore', stdout: 'pipe' });
    assert.ok(r.failure);
    assert.deepEqual(r.failure, { index: 0, stage: 'csv read', source: 'data.csv', reason: 'line 3: unterminated quoted field', status: 3 });
    assert.equal(formatFailure(r.failure), 'jn: csv read: data.csv: line 3: unterminated quoted field');
  });

  it('names a stage that failed silently, and keeps a jn sub-command\'s own status', async () => {
    const r = await runPipeline([{ ...sh('filter', 'exit 5'), kind: 'jn' }], { stdin: 'ignore', stdout: 'pipe' });
    assert.equal(formatFailure(r.failure!), 'jn: filter: exited with status 5');
    assert.equal(r.failure?.status, 5);
    const missing = await runPipeline([cmd('nope', '/nonexistent/jn-plugin')], { stdin: 'ignore', stdout: 'pipe' });
    assert.match(formatFailure(missing.failure!), /^jn: nope: cannot run \/nonexistent\/jn-plugin: /);
  });

  it('passes warnings of successful stages through, prefixed', async () => {
    const r = await runPipeline([sh('join', 'echo "right side is large" >&2')], { stdin: 'ignore', stdout: 'pipe' });
    assert.deepEqual(r.warnings, ['jn: join: right side is large']);
    assert.equal(r.failure, undefined);
  });

  it('ends an upstream stage that does not write once the last stage has exited', async () => {
    // The producer writes one line, then waits without writing: it would
    // only learn on its next write that its reader left.
    const t0 = performance.now();
    const r = await runPipeline([sh('quiet', 'echo one; exec sleep 60'), cmd('head', 'head', '-n', '1')], { stdin: 'ignore', stdout: devNull });
    assert.ok(performance.now() - t0 < 10_000, 'the quiet stage was not ended');
    assert.equal(r.failure, undefined);
    assert.deepEqual(r.stages.map((s) => s.ok), [true, true]);
  });

  it('a stage upstream of a finished last stage that fails on its own is still reported', async () => {
    const r = await runPipeline([sh('late', 'exec 1>&-; sleep 0.05; echo broken >&2; exit 1'), cmd('cat', 'cat')], { stdin: 'ignore', stdout: devNull });
    assert.equal(r.failure?.stage, 'late');
    assert.equal(r.failure?.reason, 'broken');
  });

  it('kill() ends every stage and what the stages spawned', async () => {
    const p = startPipeline([sh('spawner', 'sleep 30 & echo $! ; wait'), cmd('cat', 'cat')], { stdin: 'ignore', stdout: 'pipe' });
    const grandchild = Number((await new Promise<string>((resolve) => p.stdout!.once('data', (b: Buffer) => resolve(b.toString())))).trim());
    assert.ok(alive(grandchild));
    p.kill();
    await p.done;
    // The stages are reaped by then; the grandchild (not ours to wait for)
    // gets the signal too and must end soon after.
    for (const pid of p.pids) assert.ok(!alive(pid), `stage pid ${pid} survived`);
    await waitFor(() => !alive(grandchild), { what: `grandchild ${grandchild} to end` });
  });
});

describe('pipe mechanisms', () => {
  it('uses anonymous pipes from the native addon (built by npm install)', () => {
    assert.equal(pipeMechanism(), 'pipe2');
  });

  it('the FIFO fallback also gives a working blocking pipe with SIGPIPE semantics', async () => {
    const [p] = createFifoPipes(1);
    const yes = spawn('yes', [], { stdio: ['ignore', p.write, 'pipe'] });
    const head = spawn('head', ['-c', '4'], { stdio: [p.read, 'pipe', 'ignore'] });
    closeSync(p.read);
    closeSync(p.write);
    let out = '';
    head.stdout!.on('data', (b: Buffer) => (out += b));
    let err = '';
    yes.stderr!.on('data', (b: Buffer) => (err += b));
    const headClosed = new Promise((resolve) => head.on('close', resolve));
    const signal = await new Promise((resolve) => yes.on('close', (_c, s) => resolve(s)));
    assert.equal(signal, 'SIGPIPE');
    assert.equal(err, '');
    await headClosed;
    assert.equal(out, 'y\ny\n');
  });
});
