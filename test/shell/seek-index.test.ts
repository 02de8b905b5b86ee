// The sparse row index (src/shell/seek/row-index.ts): its offsets are the
// starts of rows N, 2N, ... (checked by reading the file there), the stages
// from an indexed offset give row N on, cancel ends the scan process, the
// cache gives a ready index at once for the same file (and not for a
// changed one), and a 200 MB file is scanned in bounded memory.
import assert from 'node:assert/strict';
import { closeSync, openSync, readFileSync, readSync, statSync, truncateSync, utimesSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { buildIndex, seekable, stagesFrom, type RowIndex, type Seekable } from '../../src/shell/seek/index.ts';
import { startPipeline } from '../../src/pipeline/spawn.ts';
import { childPids, jn, rng, tempDir, waitFor } from '../helpers.ts';
import { csvFile, ndjsonFile } from './seek-data.ts';

const dir = tempDir('jn-seek-index-');
process.env.JN_HOME = join(dir, 'home');

function open(source: string): Seekable {
  const s = seekable(source);
  if ('reason' in s) throw new Error(s.reason);
  return s;
}

function ready(index: RowIndex): Promise<RowIndex> {
  return waitFor(() => (index.error ? Promise.reject(new Error(index.error)) : index.ready && index), { timeoutMs: 60_000, what: 'the index' });
}

function bytesAt(path: string, at: number, n: number): string {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(n);
    return buf.subarray(0, readSync(fd, buf, 0, n, at)).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

async function firstRecord(src: Seekable, byte: number, skipRows?: number): Promise<Record<string, unknown>> {
  const { stages, stdin } = stagesFrom(src, byte, { skipRows });
  const p = startPipeline(stages, { stdin, stdout: 'pipe' });
  let text = '';
  p.stdout!.setEncoding('utf8');
  p.stdout!.on('data', (s: string) => {
    text += s;
    if (text.includes('\n')) p.stdout!.destroy();
  });
  p.stdout!.on('error', () => {});
  await p.done;
  return JSON.parse(text.slice(0, text.indexOf('\n')));
}

describe('row index', () => {
  it('CSV with quoted line ends: offsets are the starts of rows N, 2N, ...; rows and rowAt exact there', async () => {
    const g = csvFile(dir, 'i.csv', 25_000, rng(11), '\n', true);
    const src = open(g.path);
    const every = 1000;
    const index = buildIndex(src, { every, cache: false });
    // before the scan's first report: row 0 at the end of the header, estimates elsewhere
    assert.deepEqual([index.ready, index.rows, index.before(17)], [false, undefined, { row: 0, byte: g.headerBytes }]);
    const early = index.rowAt(g.starts[100]);
    assert.ok(early.exact === false && Number.isFinite(early.row), JSON.stringify(early));
    await ready(index);
    assert.equal(index.rows, 25_000);
    assert.deepEqual(index.scanned, { bytes: g.size, rows: 25_000 });
    for (let k = 0; k < 25; k++) {
      const at = index.before(k * every + 17);
      assert.deepEqual(at, { row: k * every, byte: k === 0 ? g.headerBytes : g.starts[k * every] });
      if (k > 0) assert.ok(bytesAt(g.path, at.byte, 12).startsWith(`${k * every},`), `entry ${k}`);
      assert.deepEqual(index.rowAt(at.byte), { row: k * every, exact: true });
    }
    assert.deepEqual(index.rowAt(g.size), { row: 25_000, exact: true });
    const mid = index.rowAt(g.starts[12_500]);
    assert.equal(mid.exact, false);
    assert.ok(Math.abs(mid.row - 12_500) < every, String(mid.row));
  });

  it('stages from an indexed offset give row N on; with skipRows any row', async () => {
    const g = csvFile(dir, 'j.csv', 12_000, rng(12));
    const src = open(g.path);
    const index = await ready(buildIndex(src, { every: 1000, cache: false }));
    for (const row of [0, 1000, 5000, 11_000]) assert.equal((await firstRecord(src, index.before(row).byte)).id, row);
    const want = 7654;
    const at = index.before(want);
    assert.equal((await firstRecord(src, at.byte, want - at.row)).id, want);
  });

  it('NDJSON: blank lines are not rows', async () => {
    const g = ndjsonFile(dir, 'i.jsonl', 5000, rng(13));
    const index = await ready(buildIndex(open(g.path), { every: 500, cache: false }));
    assert.equal(index.rows, 5000);
    for (let k = 1; k < 10; k++) assert.equal(index.before(k * 500).byte, g.starts[k * 500]);
  });

  it('is kept on disk: the same file is ready at once, a changed one is scanned again', async () => {
    const g = csvFile(dir, 'c.csv', 3000, rng(14));
    const first = await ready(buildIndex(open(g.path), { every: 100 }));
    const again = buildIndex(open(g.path), { every: 100 });
    assert.equal(again.ready, true);
    assert.equal(again.rows, first.rows);
    assert.deepEqual(again.before(2950), first.before(2950));
    const t = new Date(statSync(g.path).mtimeMs + 5000);
    utimesSync(g.path, t, t);
    const changed = buildIndex(open(g.path), { every: 100 });
    assert.equal(changed.ready, false);
    await ready(changed);
  });

  it('cancel ends the scan process', async () => {
    // a sparse 64 GB file: the scan reads it at memory speed, for tens of
    // seconds (8 GB was once scanned before the test looked at its priority)
    const path = join(dir, 'sparse.jsonl');
    closeSync(openSync(path, 'w'));
    truncateSync(path, 64 * 2 ** 30);
    const index = buildIndex(open(path), { cache: false });
    const scanPid = () => childPids(process.pid).find((pid) => procCmd(pid).includes('seek\0index'));
    const pid = await waitFor(scanPid, { what: 'the scan process' });
    await waitFor(() => index.scanned.bytes > 0, { what: 'a progress report' });
    assert.equal(nice(pid), 19, 'the scan runs at the lowest priority');
    assert.equal(index.ready, false);
    index.cancel();
    await waitFor(() => !scanPid(), { what: 'the scan process to end' });
    assert.equal(procCmd(pid), '');
    assert.equal(index.ready, false);
  });

  it('a 200 MB file is scanned in bounded memory', async () => {
    const path = join(dir, 'big.csv');
    const fd = openSync(path, 'w');
    const rand = rng(15);
    writeSync(fd, 'id,name,value,note\n');
    let rows = 0;
    for (let size = 0; size < 200 * 2 ** 20; ) {
      let chunk = '';
      for (let i = 0; i < 20_000; i++, rows++) chunk += rand() < 0.02 ? `${rows},"n\n${rows}",${i},"x, y"\n` : `${rows},name ${rows},${(rand() * 1e6).toFixed(3)},plain note\n`;
      size += writeSync(fd, chunk);
    }
    closeSync(fd);
    const src = open(path);
    const t0 = performance.now();
    const r = await jn(['seek', 'index', path, `--from=${src.headerBytes}`, '--every=10000', `--rules=${JSON.stringify(src.rules)}`], { timeoutMs: 120_000 });
    const ms = performance.now() - t0;
    assert.equal(r.code, 0, r.stderr);
    const reports = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    const done = reports.at(-1);
    assert.equal(done.done, true);
    assert.equal(done.rows, rows);
    // entry 0 is the end of the header, known to the shell
    assert.equal(reports.flatMap((x) => x.at).length + 1, Math.ceil(rows / 10_000));
    console.log(`# 200 MB, ${rows} rows: scanned in ${ms.toFixed(0)} ms, peak RSS ${(done.maxRssKb / 1024).toFixed(1)} MB`);
    assert.ok(done.maxRssKb < 120 * 1024, `peak RSS ${done.maxRssKb} KB`);
  });
});

function procCmd(pid: number): string {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8') as string;
    if (stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')) return '';
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8') as string;
  } catch {
    return '';
  }
}

/** The nice value of a process (field 19 of /proc/PID/stat). */
function nice(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
}
