// The stdin spool of jn shell (src/shell/spool.ts) and its reader for a
// preview run (src/shell/spool-reader.ts): stdin copied to a temp file with
// backpressure, bounded, followed like `tail -f` while stdin is open, and
// removed on exit and on signals.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { closeSync, existsSync, fstatSync, readFileSync, writeFileSync } from 'node:fs';
import { Socket } from 'node:net';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { describe, it } from 'node:test';
import { Spool, spoolLimit, spoolNote } from '../../src/shell/spool.ts';
import { readSpool } from '../../src/shell/spool-reader.ts';
import { JnError } from '../../src/kit/exit.ts';
import { rng, root, tempDir, waitFor } from '../helpers.ts';

const dir = tempDir('jn-spool-test-');
const rand = rng(13);
const lines = (n: number, from = 0): string => Array.from({ length: n }, (_, i) => `{"id":${from + i},"x":${Math.floor(rand() * 1e6)}}\n`).join('');

/** Collect what a reader's fd delivers; `text()` so far, `ended` at EOF. */
function collect(fd: number): { text(): string; ended: Promise<string> } {
  const sock = new Socket({ fd, readable: true, writable: false });
  const parts: Buffer[] = [];
  sock.on('data', (b: Buffer) => parts.push(b));
  const text = () => Buffer.concat(parts).toString('utf8');
  return { text, ended: new Promise((resolve) => sock.on('end', () => resolve(text()))) };
}

describe('stdin spool', () => {
  it('reads the bound from JN_SHELL_SPOOL_MB', () => {
    assert.equal(spoolLimit({}), 1024 * 1024 * 1024);
    assert.equal(spoolLimit({ JN_SHELL_SPOOL_MB: '2' }), 2 * 1024 * 1024);
    assert.equal(spoolLimit({ JN_SHELL_SPOOL_MB: '0.5' }), 512 * 1024);
    for (const bad of ['0', '-1', 'lots', 'NaN']) {
      assert.throws(() => spoolLimit({ JN_SHELL_SPOOL_MB: bad }), (e: unknown) => e instanceof JnError && e.message === `JN_SHELL_SPOOL_MB=${bad}: expected a positive number of megabytes`);
    }
  });

  it('copies stdin to a private temp file and hands out only complete lines while reading', async () => {
    const input = new PassThrough();
    const spool = new Spool(input, 1 << 20, dir);
    assert.ok(spool.path.startsWith(join(dir, 'jn-spool-')));
    input.write('{"a":1}\n{"a":');
    await waitFor(() => spool.status.bytes === 13, { what: 'the first chunk on disk' });
    assert.equal(spool.status.state, 'reading');
    assert.equal(spool.readableEnd, 8);
    assert.equal(spoolNote(spool.status), 'stdin: 13 B so far, still reading');
    input.end('2}');
    await waitFor(() => spool.finished, { what: 'the end of stdin' });
    assert.equal(spool.status.state, 'done');
    assert.equal(spool.readableEnd, 15);
    assert.equal(readFileSync(spool.path, 'utf8'), '{"a":1}\n{"a":2}');
    const run = readSpool(spool);
    assert.equal(fstatSync(run.fd).isFile(), true, 'a finished spool is read as a plain file');
    closeSync(run.fd);
    assert.equal(spoolNote(spool.status), 'stdin: 15 B');
    spool.remove();
    assert.equal(existsSync(spool.dir), false);
  });

  it('past the bound keeps the complete lines before it, stops reading stdin, and says so', async () => {
    const text = lines(200);
    const input = new PassThrough();
    const limit = 1000;
    const spool = new Spool(input, limit, dir);
    input.end(text);
    await waitFor(() => spool.finished, { what: 'the cut' });
    assert.equal(spool.status.state, 'cut');
    const kept = readFileSync(spool.path, 'utf8');
    assert.ok(kept.length <= limit && kept.length > limit - 40, `kept ${kept.length} bytes`);
    assert.ok(kept.endsWith('\n'));
    assert.ok(text.startsWith(kept));
    assert.equal(spool.status.bytes, kept.length);
    assert.equal(input.destroyed, true, 'stdin is closed: its writer stops');
    assert.match(spoolNote(spool.status), /^stdin is over the 1000 B bound \(JN_SHELL_SPOOL_MB\): only its first \d+ B are read, the rest is left out$/);
    spool.remove();
  });

  it('reads at most about 2 MB ahead of the file (one write and a queue of 1 MB): stdin waits (backpressure)', async () => {
    const chunk = 64 * 1024;
    const total = 24 * 1024 * 1024;
    let produced = 0;
    let maxAhead = 0;
    let spool: Spool | undefined;
    const input = new Readable({
      highWaterMark: chunk,
      read() {
        maxAhead = Math.max(maxAhead, produced - (spool?.status.bytes ?? 0));
        if (produced >= total) return void this.push(null);
        produced += chunk;
        this.push(Buffer.alloc(chunk, 0x61));
      },
    });
    spool = new Spool(input, total * 2, dir);
    await waitFor(() => spool.finished, { what: 'the whole input spooled', timeoutMs: 30_000 });
    assert.equal(spool.status.bytes, total);
    assert.ok(maxAhead <= 2 * 1024 * 1024 + 4 * chunk, `read ${maxAhead} bytes ahead of the file`);
    spool.remove();
  });

  it('a run reads what is there, then each line as it arrives, and ends when stdin does (tail -f)', async () => {
    const input = new PassThrough();
    const spool = new Spool(input, 1 << 20, dir);
    const first = lines(3);
    input.write(first);
    await waitFor(() => spool.readableEnd === first.length, { what: 'the first lines' });
    const run = readSpool(spool);
    const got = collect(run.fd);
    await waitFor(() => got.text() === first, { what: 'the lines there when the run started' });
    input.write('{"id":3,');
    input.write('"x":0}\n{"id":4');
    await waitFor(() => got.text() === first + '{"id":3,"x":0}\n', { what: 'the next complete line' });
    const big = lines(5000, 5);
    input.end('}\n' + big);
    assert.equal(await got.ended, first + '{"id":3,"x":0}\n{"id":4}\n' + big);
    spool.remove();
  });

  it('a run that ends (release, or its reader gone) stops following', async () => {
    const input = new PassThrough();
    const spool = new Spool(input, 1 << 20, dir);
    const two = lines(2);
    input.write(two);
    await waitFor(() => spool.readableEnd === two.length, { what: 'some lines' });
    const run = readSpool(spool);
    const got = collect(run.fd);
    await waitFor(() => got.text().length === spool.readableEnd, { what: 'the lines' });
    run.release();
    await got.ended; // the pipe is closed: EOF although stdin is open
    // A reader that goes away: the next lines find no one (EPIPE), quietly.
    const other = readSpool(spool);
    closeSync(other.fd);
    const more = lines(2000);
    input.write(more);
    await waitFor(() => spool.status.bytes === two.length + more.length, { what: 'more stdin' });
    input.end();
    await waitFor(() => spool.finished, { what: 'the end' });
    spool.remove();
  });

  it('removes the temp file when jn ends on SIGTERM, SIGHUP or SIGINT, and at a normal exit', async () => {
    const script = join(dir, 'spooler.ts');
    writeFileSync(
      script,
      `import { spoolStdin } from ${JSON.stringify(join(root, 'src/shell/spool.ts'))};\n` +
        `const s = spoolStdin();\nprocess.stdout.write(s.dir + '\\n');\n` +
        `s.onChange(() => { if (s.status.bytes > 0 && process.argv[2] === 'exit') process.exit(0); });\nsetInterval(() => {}, 1000);\n`,
    );
    for (const how of ['SIGTERM', 'SIGHUP', 'SIGINT', 'exit'] as const) {
      const child = spawn(process.execPath, ['--import', 'tsx', script, how], { cwd: root, env: { ...process.env, TMPDIR: dir }, stdio: ['pipe', 'pipe', 'inherit'] });
      let out = '';
      child.stdout.on('data', (b: Buffer) => (out += b.toString()));
      const closed = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
      child.stdin.write(lines(10));
      const spoolDir = await waitFor(() => out.includes('\n') && out.trim(), { what: `the spool of the ${how} child`, timeoutMs: 20_000 });
      assert.ok(spoolDir.startsWith(join(dir, 'jn-spool-')), spoolDir);
      // ('exit' exits by itself once data is in the spool)
      if (how !== 'exit') {
        await waitFor(() => readFileSync(join(spoolDir, 'stdin'), 'utf8').length > 0, { what: 'data in the spool' });
        child.kill(how);
      }
      const code = await closed;
      assert.equal(code, { SIGHUP: 129, SIGINT: 130, SIGTERM: 143, exit: 0 }[how]);
      assert.equal(existsSync(spoolDir), false, `${how}: the spool is removed`);
    }
  });
});
