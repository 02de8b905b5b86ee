// The streaming contract: early exit reaches the source, nothing is left
// running, and signals end the whole chain.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync, readdirSync, readlinkSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { childPids, jn, jnBin, ndjson, rng, run, tempDir, waitFor, type RunResult } from '../helpers.ts';

const dir = tempDir();
const env = { ...process.env, JN_HOME: join(dir, 'home') };

/** Write a CSV of about `bytes` bytes: a seeded ~1 MiB block repeated. */
function bigCsv(path: string, bytes: number): void {
  const rand = rng(42);
  const rows: string[] = [];
  let size = 0;
  while (size < 1 << 20) {
    const row = `${Math.floor(rand() * 1e6)},name-${Math.floor(rand() * 1e4)},${(rand() * 1000).toFixed(2)},"text, with comma ${Math.floor(rand() * 100)}"\n`;
    rows.push(row);
    size += Buffer.byteLength(row);
  }
  const block = Buffer.from(rows.join(''));
  const fd = openSync(path, 'w');
  writeSync(fd, 'id,name,amount,note\n');
  for (let written = 0; written < bytes; written += block.length) writeSync(fd, block);
  closeSync(fd);
}

/** Pids of processes that have `path` open or in their command line. */
function processesUsing(path: string): number[] {
  const pids: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
    try {
      if (/^State:\s+Z/m.test(readFileSync(`/proc/${name}/status`, 'utf8'))) continue;
      const cmdline = readFileSync(`/proc/${name}/cmdline`, 'utf8');
      let uses = cmdline.includes(path);
      if (!uses) {
        for (const fd of readdirSync(`/proc/${name}/fd`)) {
          try {
            if (readlinkSync(`/proc/${name}/fd/${fd}`) === path) uses = true;
          } catch {
            /* fd closed meanwhile */
          }
        }
      }
      if (uses) pids.push(Number(name));
    } catch {
      /* process ended meanwhile, or not ours to read */
    }
  }
  return pids;
}

const children = childPids;

/** A process that exists and is not a zombie. */
const gone = (pid: number): boolean => {
  try {
    return /^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return true;
  }
};

let ioFiles = 0;
/** Run a shell script (positional args as $0, $1, ...) and count the bytes
 * that it and every process under it read (rchar): the kernel adds the I/O
 * of a reaped child to its parent, so once sh has waited for the pipeline,
 * sh's own /proc/PID/io holds the reads of jn and of the plugins jn waited
 * for. Returns the script's status (the pipeline's), output and that count. */
async function runCountingReads(script: string, args: string[] = []): Promise<RunResult & { readBytes: number }> {
  const io = join(dir, `io-${ioFiles++}.txt`);
  const r = await run('sh', ['-c', `${script}\nstatus=$?\ncat /proc/$$/io > "${io}"\nexit $status`, ...args], { env, timeoutMs: 60_000 });
  const rchar = /^rchar: (\d+)$/m.exec(readFileSync(io, 'utf8'));
  assert.ok(rchar, `no rchar in /proc/PID/io: ${readFileSync(io, 'utf8')}`);
  return { ...r, readBytes: Number(rchar[1]) };
}

const MiB = 1 << 20;

describe('early exit', () => {
  // How fast these chains end is bench/'s business (bench/streaming.bench.mjs);
  // here the claim is in bytes: the chain stops reading the 1 GiB file long
  // before its end, because jn head's leaving reaches the source.
  const big = join(dir, 'big.csv');
  const small = join(dir, 'small.csv');
  const tiny = join(dir, 'tiny.csv');
  const readLimit = 128 * MiB;

  it('the read count sees the plugins: jn cat of an 8 MiB file to the end reads about 8 MiB more than of a 2-line file', async () => {
    // The control for the two tests below: were the plugins' reads not
    // counted (a plugin jn did not wait for), they could pass for nothing.
    bigCsv(small, 8 * MiB);
    writeFileSync(tiny, 'id\n1\n');
    const base = await runCountingReads(`"$0" "$1" cat "$2" > /dev/null`, [process.execPath, jnBin, tiny]);
    const r = await runCountingReads(`"$0" "$1" cat "$2" > /dev/null`, [process.execPath, jnBin, small]);
    assert.equal(base.code, 0, base.stderr);
    assert.equal(r.code, 0, r.stderr);
    // Not to the byte: what Node itself reads at start-up differs a little
    // from run to run (CI saw the difference short of 8 MiB by 856 bytes).
    // Uncounted plugins would leave a difference near 0, far below 7 MiB.
    assert.ok(r.readBytes - base.readBytes >= 7 * MiB, `read ${r.readBytes} bytes, ${base.readBytes} for a 2-line file`);
  });

  it('jn cat 1GB.csv | jn head -n 10 reads a small part of the file and leaves no process behind', async () => {
    bigCsv(big, 1 << 30);
    const r = await runCountingReads(`"$0" "$1" cat "$2" | "$0" "$1" head -n 10`, [process.execPath, jnBin, big]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '');
    const rows = ndjson(r.stdout);
    assert.equal(rows.length, 10);
    assert.deepEqual(Object.keys(rows[0] as object), ['id', 'name', 'amount', 'note']);
    assert.ok(r.readBytes < readLimit, `the chain read ${r.readBytes} bytes of a 1 GiB file`);
    await waitFor(() => processesUsing(big).length === 0, { what: 'every process of the chain to end' });
  });

  it("jn cat 1GB.csv | jn filter '.amount > 10' | jn head -n 5 reads a small part of the file", async () => {
    const script = `"$0" "$1" cat "$2" | "$0" "$1" filter '.amount > 10 and .id > 0' | "$0" "$1" head -n 5`;
    const r = await runCountingReads(script, [process.execPath, jnBin, big]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '');
    assert.equal(r.stdout.split('\n').filter(Boolean).length, 5);
    assert.ok(r.readBytes < readLimit, `the chain read ${r.readBytes} bytes of a 1 GiB file`);
    await waitFor(() => processesUsing(big).length === 0, { what: 'every process of the chain to end' });
  });

  it('an upstream `yes` dies of SIGPIPE, quietly, when jn head has enough', async () => {
    // `yes` never ends by itself: the pipeline ending at all, with yes's
    // status 141 (128 + SIGPIPE), is the claim. The timeout only stops a hang.
    const r = await run('bash', ['-c', `yes '{"y":1}' | "$0" "$1" head -n 3; echo "status \${PIPESTATUS[*]}"`, process.execPath, jnBin], { env, timeoutMs: 20_000 });
    assert.equal(r.stdout, '{"y":1}\n{"y":1}\n{"y":1}\nstatus 141 0\n');
    assert.equal(r.stderr, '');
  });
});

describe('jn head / jn tail', () => {
  const input = Array.from({ length: 25 }, (_, i) => JSON.stringify({ i })).join('\n') + '\n';
  const ids = (s: string) => ndjson(s).map((x) => (x as { i: number }).i);
  it('head: default 10, -n, --lines, positional, 0', async () => {
    assert.deepEqual(ids((await jn(['head'], { input, env })).stdout), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    assert.deepEqual(ids((await jn(['head', '-n', '2'], { input, env })).stdout), [0, 1]);
    assert.deepEqual(ids((await jn(['head', '--lines=3'], { input, env })).stdout), [0, 1, 2]);
    assert.deepEqual(ids((await jn(['head', '4'], { input, env })).stdout), [0, 1, 2, 3]);
    assert.equal((await jn(['head', '-n', '0'], { input, env })).stdout, '');
    assert.deepEqual(ids((await jn(['head', '-n', '100'], { input, env })).stdout).length, 25);
  });
  it('head: a last line without newline is passed as it is', async () => {
    assert.equal((await jn(['head', '-n', '5'], { input: '{"a":1}\n{"a":2}', env })).stdout, '{"a":1}\n{"a":2}');
  });
  it('tail: last N, fewer than N, 0', async () => {
    assert.deepEqual(ids((await jn(['tail'], { input, env })).stdout), [15, 16, 17, 18, 19, 20, 21, 22, 23, 24]);
    assert.deepEqual(ids((await jn(['tail', '-n', '3'], { input, env })).stdout), [22, 23, 24]);
    assert.deepEqual(ids((await jn(['tail', '30'], { input, env })).stdout).length, 25);
    assert.equal((await jn(['tail', '-n', '0'], { input, env })).stdout, '');
  });
  it('bad counts are usage errors (2)', async () => {
    const r = await jn(['head', '-n', 'x'], { input, env });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /expected a non-negative integer/);
  });
});

describe('signals end the whole chain', () => {
  for (const [signal, status] of [
    ['SIGTERM', 143],
    ['SIGINT', 130],
  ] as const) {
    it(`${signal} to jn cat ends its plugin processes`, async (t) => {
      // A stdin that never ends keeps the jsonl plugin reading.
      const child = spawn(process.execPath, [jnBin, 'cat', '-'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
      t.after(() => child.kill('SIGKILL')); // a failed assertion must not leave it running
      child.stdin.write('{"a":1}\n');
      let out = '';
      child.stdout.on('data', (b: Buffer) => (out += b));
      // The record must come through while the input is still open: stages
      // flush before they wait for more input.
      await waitFor(() => out.includes('{"a":1}'), { what: 'the record to come through while stdin stays open' });
      const plugins = children(child.pid!);
      assert.equal(plugins.length, 1, 'one plugin process expected');
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      child.kill(signal);
      assert.equal(await exited, status);
      await waitFor(() => plugins.every(gone), { what: `the plugin processes ${plugins.join(', ')} to end after ${signal}` });
      child.stdin.destroy();
    });
  }
});

describe('interrupted put', () => {
  it('SIGTERM in the middle of jn put leaves the destination unchanged and no temp file', async (t) => {
    const { writeFileSync: write, readdirSync: ls } = await import('node:fs');
    const dest = join(dir, 'dest.csv');
    write(dest, 'previous\n');
    const child = spawn(process.execPath, [jnBin, 'put', dest], { env, stdio: ['pipe', 'ignore', 'pipe'] });
    t.after(() => child.kill('SIGKILL'));
    child.stdin.write('{"a":1}\n{"a":2}\n');
    // Wait until the temp file exists and the csv plugin is writing into it
    // (stdin stays open, so the plugin is in the middle of its work).
    const temp = await waitFor(() => ls(dir).find((f) => f.startsWith('.dest.csv.jn-')), { what: 'the temp file' });
    await waitFor(
      () =>
        children(child.pid!).some((pid) => {
          try {
            return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('csv.js') && readlinkSync(`/proc/${pid}/fd/1`) === join(dir, temp);
          } catch {
            return false;
          }
        }),
      { what: 'the csv plugin writing into the temp file' },
    );
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    assert.equal(await exited, 143);
    assert.equal(readFileSync(dest, 'utf8'), 'previous\n');
    assert.deepEqual(ls(dir).filter((f) => f.includes('.jn-')), []);
  });
});

describe('jn cat runs its plugins as a chain of processes on kernel pipes', () => {
  it('the gz stage of `jn cat x.csv.gz` writes into a pipe:[…] that the csv stage reads; jn holds neither end', async (t) => {
    const src = join(dir, 'chain.csv');
    bigCsv(src, 8 << 20);
    await run('sh', ['-c', `gzip -c "${src}" > "${src}.gz"`]);
    // stdout is a pipe nobody reads, so the chain blocks with its pipes full.
    const child = spawn(process.execPath, [jnBin, 'cat', `${src}.gz`], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    t.after(() => child.kill('SIGKILL'));
    // Once records arrive the chain is set up; then stop reading.
    await new Promise((resolve) => child.stdout.once('data', resolve));
    child.stdout.pause();
    const kids = await waitFor(() => {
      const pids = children(child.pid!);
      return pids.length >= 2 ? pids : undefined;
    }, { what: 'both plugins to start' });
    const cmd = (pid: number) => readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    const gz = kids.find((p) => cmd(p).includes('gz.js'))!;
    const csv = kids.find((p) => cmd(p).includes('csv.js'))!;
    const gzOut = readlinkSync(`/proc/${gz}/fd/1`);
    assert.match(gzOut, /^pipe:\[\d+\]$/);
    assert.equal(readlinkSync(`/proc/${csv}/fd/0`), gzOut);
    assert.equal(readlinkSync(`/proc/${gz}/fd/0`), `${src}.gz`, 'the file is handed to the first plugin, not copied by jn');
    const jnFds = readdirSync(`/proc/${child.pid}/fd`).map((fd) => {
      try {
        return readlinkSync(`/proc/${child.pid}/fd/${fd}`);
      } catch {
        return '';
      }
    });
    assert.ok(!jnFds.includes(gzOut), 'jn must not hold the pipe between its stages');
    assert.ok(!jnFds.includes(`${src}.gz`), 'jn must not keep the source open');
    const exited = new Promise((resolve) => child.on('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  });
});
