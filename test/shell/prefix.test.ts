// The prefix cache (src/shell/prefix/): a run whose first stages are those
// of an earlier run reads their output from the spool, and runs only the
// stages after them.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, utimesSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { runPreview, type PreviewHandle, type PreviewResult } from '../../src/shell/preview.ts';
import { PrefixCache } from '../../src/shell/prefix/cache.ts';
import { readingAll, readingAllText } from '../../src/shell/prefix/progress.ts';
import { toPlain, type Lossless } from '../../src/kit/lossless.ts';
import { childPids, rng, root, tempDir, waitFor } from '../helpers.ts';

const dir = tempDir();
process.env.JN_HOME = join(dir, 'home');
const cities = ['Lima', 'Oslo', 'Pune', 'Kyiv', 'Rome', 'Lagos', 'Quito', 'Hanoi'];

/** `rows` generated rows (seeded) as CSV. */
function generate(path: string, rows: number, seed: number): void {
  const r = rng(seed);
  const fd = openSync(path, 'w');
  writeSync(fd, 'id,city,amount\n');
  for (let i = 0; i < rows; i += 10_000) {
    let block = '';
    for (let j = i; j < Math.min(rows, i + 10_000); j++) block += `${j},${cities[Math.floor(r() * cities.length)]},${Math.floor(r() * 1000)}\n`;
    writeSync(fd, block);
  }
  closeSync(fd);
}

const big = join(dir, 'big.csv');
generate(big, 150_000, 7);
const slow = ['filter', '-s', 'group_by(.city) | map({city: .[0].city, n: length, total: (map(.amount) | add)}) | .[]'];
const second = ['filter', 'select(.n > 0)'];
const third = (f: string): string[] => ['filter', f];

const cmdline = (pid: number): string => {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
  } catch {
    return '';
  }
};
/** Chain processes started by this test process. */
const children = (): number[] => childPids(process.pid).filter((pid) => cmdline(pid).includes('/dist/'));

const opts = (cache: PrefixCache) => ({ window: 1000, ahead: 200, cache });
const rowsOf = (r: PreviewResult) => (r.rows as Lossless[]).map(toPlain);

async function timed(h: PreviewHandle): Promise<{ r: PreviewResult; ms: number; pids: string[] }> {
  const t0 = performance.now();
  // the pids are read while the processes run
  const pids = h.pids.map(cmdline);
  const r = await h.done;
  return { r, ms: performance.now() - t0, pids };
}

const caches: PrefixCache[] = [];
const newCache = () => {
  const c = new PrefixCache(undefined, dir);
  caches.push(c);
  return c;
};
after(() => caches.forEach((c) => c.clear()));

describe('shell prefix cache', () => {
  it('editing stage 3 of 3 runs only stage 3: stage 1 (a full read) and the source are not run again', async () => {
    const cache = newCache();
    const first = await timed(runPreview(big, [slow, second, third('.city')], opts(cache)));
    assert.equal(first.r.error, undefined);
    assert.equal(first.r.rows.length, cities.length);
    // the first run started the source, stages 1 and 2 and the tee, then stage 3
    assert.ok(first.pids.some((c) => c.includes('group_by')));
    const h2 = runPreview(big, [slow, second, third('{city, total}')], opts(cache));
    const edited = await timed(h2);
    assert.equal(edited.r.error, undefined);
    // only stage 3 was started
    assert.equal(edited.pids.length, 1, edited.pids.join('\n'));
    assert.match(edited.pids[0], /filter \{city, total\}/);
    // the same rows as a run without the cache
    const plain = await runPreview(big, [slow, second, third('{city, total}')], 1000).done;
    assert.deepEqual(rowsOf(edited.r), rowsOf(plain));
    // the cached stages say so, and keep their place
    assert.deepEqual(
      edited.r.stages.map((s) => [s.index, s.label, s.cached ?? false]),
      [
        [-1, 'csv read', true],
        [0, 'filter', true],
        [1, 'filter', true],
        [2, 'filter', false],
      ],
    );
    assert.ok(edited.ms * 3 < first.ms, `edited ${Math.round(edited.ms)} ms, first ${Math.round(first.ms)} ms`);
    console.log(`# first run ${Math.round(first.ms)} ms, stage 3 edited ${Math.round(edited.ms)} ms`);
    // selecting stage 2 (the cached boundary) starts no process at all
    const sel = await timed(runPreview(big, [slow, second], opts(cache)));
    assert.deepEqual(sel.pids, []);
    assert.equal(sel.r.rows.length, cities.length);
    h2.replace();
  });

  it('a source file that changed (size or mtime) is not reused', async () => {
    const file = join(dir, 'changing.csv');
    generate(file, 20_000, 3);
    const cache = newCache();
    const argvs = [slow, third('.city')];
    const h1 = runPreview(file, argvs, opts(cache));
    await h1.done;
    h1.replace();
    const again = await timed(runPreview(file, [slow, third('.n')], opts(cache)));
    assert.equal(again.pids.length, 1, 'unchanged: reused');
    // the same size, another mtime
    utimesSync(file, new Date(), new Date(Date.now() + 5000));
    const touched = await timed(runPreview(file, [slow, third('.total')], opts(cache)));
    assert.ok(touched.pids.some((c) => c.includes('group_by')), touched.pids.join('\n'));
    // another size
    generate(file, 20_001, 3);
    const grown = await timed(runPreview(file, [slow, third('.city')], opts(cache)));
    assert.ok(grown.pids.some((c) => c.includes('group_by')));
    assert.equal(grown.r.error, undefined);
  });

  it('a cached prefix reads only as far as a run needs, and follows on demand when paging on', async () => {
    const cache = newCache();
    const argvs = [['filter', 'select(.amount >= 0)'], third('.id')];
    const h1 = runPreview(big, argvs, opts(cache));
    await h1.done;
    h1.replace();
    const h2 = runPreview(big, [argvs[0], third('{id}')], opts(cache));
    await h2.done;
    const entry = cache.entries[0];
    assert.equal(entry.argvs.length, 1);
    const size = readFileSync(big).length;
    // the first screens only, not the 2.5 MB file
    assert.ok(entry.readableEnd < size / 4, `spooled ${entry.readableEnd} of ${size}`);
    // paging on past what is spooled: the prefix reads on
    h2.reader!.want(20_000);
    await waitFor(() => h2.reader!.state.read >= 20_000, { what: 'rows past the spool' });
    const w = h2.reader!.window;
    const last = toPlain(w.slice(w.end - 1, w.end)[0] as Lossless) as { id: number };
    assert.equal(last.id, w.end - 1);
    assert.equal(h2.pids.length, 1);
    h2.cancel();
  });

  it('cancel ends every process the run started or read from, a cached prefix still reading too', async () => {
    const cache = newCache();
    const h1 = runPreview(big, [slow, second, third('.city')], opts(cache));
    await waitFor(() => children().length >= 5, { what: 'the chain started' });
    // replaced while stage 1 still reads everything: the prefix goes on
    h1.replace();
    const h2 = runPreview(big, [slow, second, third('.n')], opts(cache));
    assert.equal(h2.pids.length, 1, JSON.stringify(h2.pids.length === 0 && (await h2.done).error));
    assert.ok(children().some((pid) => cmdline(pid).includes('group_by')), 'the prefix still runs');
    h2.cancel();
    await waitFor(() => children().length === 0, { what: 'no process left', show: () => children().map(cmdline).join('\n') });
    const r = await h2.ended;
    assert.equal(r.cancelled, true);
    assert.equal(cache.entries.length, 0);
  });

  it('the spool files are removed: clear(), at exit, and those of a shell that was killed', async () => {
    const cache = newCache();
    const h = runPreview(big, [slow, third('.city')], opts(cache));
    await h.done;
    const spoolDir = cache.dir!;
    assert.ok(readdirSync(spoolDir).length > 0);
    h.cancel();
    cache.clear();
    assert.equal(existsSync(spoolDir), false);
    // a directory left by a shell that is gone (pid 2^22+1 is above pid_max)
    const stale = join(dir, 'jn-prefix-4194305-abc');
    mkdirSync(stale);
    writeFileSync(join(stale, '1.ndjson'), '{}\n');
    const other = newCache();
    other.newFile();
    assert.equal(existsSync(stale), false);
    assert.ok(existsSync(other.dir!));
    // at exit: a process that runs a cached preview and exits
    const script = join(dir, 'exit.mts');
    writeFileSync(
      script,
      `import { runPreview } from ${JSON.stringify(join(root, 'src/shell/preview.ts'))};
import { PrefixCache } from ${JSON.stringify(join(root, 'src/shell/prefix/cache.ts'))};
const cache = new PrefixCache(undefined, ${JSON.stringify(dir)});
const h = runPreview(${JSON.stringify(big)}, [['filter', '.'], ['filter', '.id']], { window: 100, ahead: 50, cache });
await h.done;
console.log(cache.dir);
process.exit(0);
`,
    );
    const out = execFileSync(process.execPath, ['--import', 'tsx', script], { encoding: 'utf8', env: { ...process.env } }).trim();
    assert.match(out, /jn-prefix-/);
    assert.equal(existsSync(out), false);
  });

  it('a spool past its bound is cut: the run that made it reads on, no later run reuses it', async () => {
    const cache = new PrefixCache(64 * 1024, dir);
    caches.push(cache);
    const argvs = [['filter', '.'], third('.id')];
    const h1 = runPreview(big, argvs, opts(cache));
    await h1.done;
    h1.reader!.want(Infinity);
    const r1 = await h1.ended;
    assert.equal(r1.error, undefined);
    assert.equal(h1.reader!.state.read, 150_000);
    assert.equal(h1.reader!.state.eof, true);
    assert.ok(readFileSync(cache.entries[0]?.path ?? join(dir, 'none')).length <= 64 * 1024);
    const h2 = runPreview(big, [argvs[0], third('.city')], opts(cache));
    const again = await timed(h2);
    h2.cancel();
    // the source and stage 1 ran again
    assert.ok(again.pids.length >= 3, again.pids.join('\n'));
    assert.ok(again.pids.some((c) => c.includes('filter .')));
  });

  it('many re-runs keep at most 3 prefixes and leave no process or fd behind', async () => {
    const fds = () => readdirSync('/proc/self/fd').length;
    const fd0 = fds();
    const cache = newCache();
    let h: PreviewHandle | undefined;
    for (let i = 0; i < 24; i++) {
      // a new prefix every other run (a tee each), the last stage edited in between
      const argvs = [['filter', `select(.id >= ${i >> 1})`], third(`{id, k: ${i}}`)];
      h?.replace();
      h = runPreview(big, argvs, opts(cache));
      const r = await h.done;
      assert.equal(r.error, undefined);
      assert.equal(toPlain(r.rows[0] as Lossless) && (toPlain(r.rows[0] as Lossless) as { k: number }).k, i);
      assert.ok(cache.entries.length <= 3);
      assert.ok(children().length <= 3 * 3 + 3, `${children().length} processes`);
    }
    h!.cancel();
    cache.clear();
    await waitFor(() => children().length === 0, { what: 'no process left', show: () => children().map(cmdline).join('\n') });
    await waitFor(() => fds() <= fd0 + 2, { what: 'the fds closed', show: () => `${fds()} fds, ${fd0} before` });
    assert.equal(existsSync(cache.dir ?? join(dir, 'none')), false);
  });

  it('a failed prefix shows its failure on its stage, and is run again', async () => {
    const cache = newCache();
    const bad = ['filter', '-s', '.[] | .city.x'];
    const r1 = await runPreview(big, [bad, third('.city')], opts(cache)).ended;
    assert.equal(r1.error?.index, 0);
    const h2 = runPreview(big, [bad, third('.id')], opts(cache));
    const started = h2.pids.map(cmdline);
    const r2 = await h2.ended;
    assert.ok(started.some((c) => c.includes('.city.x')), 'run again');
    assert.equal(r2.error?.index, 0);
    assert.match(r2.stages.find((st) => st.index === 0)!.message ?? '', /Cannot index string/);
  });

  it('JN_SHELL_CACHE_MB: 0 turns the cache off; a bad value is the run\'s error', async () => {
    const argvs = [['filter', '.'], third('.id')];
    const off = new PrefixCache(0, dir);
    const h1 = runPreview(big, argvs, opts(off));
    await h1.done;
    h1.replace();
    const h2 = runPreview(big, argvs, opts(off));
    await h2.done;
    assert.equal(h2.pids.length, 3, 'csv read, and both stages');
    assert.equal(off.dir, undefined);
    h2.cancel();
    process.env.JN_SHELL_CACHE_MB = 'lots';
    try {
      const r = await runPreview(big, argvs, opts(new PrefixCache(undefined, dir))).done;
      assert.match(r.error?.message ?? '', /JN_SHELL_CACHE_MB=lots: expected a number of megabytes/);
    } finally {
      delete process.env.JN_SHELL_CACHE_MB;
    }
  });
});

describe('the stage reading all its input', () => {
  const io: Record<number, number> = { 10: 5_000_000, 11: 9, 12: 0, 20: 40_000 };
  const wrote = (pid: number) => io[pid];
  it('is the first stage that wrote nothing while its input has', () => {
    assert.deepEqual(readingAll([{ index: -1, pid: 10 }, { index: 0, pid: 11 }, { index: 1, pid: 12 }], wrote), { index: 0, input: 5_000_000 });
    // nothing read yet: nobody reads everything
    assert.equal(readingAll([{ index: -1, pid: 12 }, { index: 0, pid: 11 }], wrote), undefined);
    // every stage writes: none
    assert.equal(readingAll([{ index: -1, pid: 10 }, { index: 0, pid: 20 }], wrote), undefined);
    // after a cached prefix (no process): its output is there
    assert.deepEqual(readingAll([{ index: -1, pid: undefined }, { index: 0, pid: undefined }, { index: 1, pid: 11 }], wrote), { index: 1, input: undefined });
  });
  it('says how far the source is, what went in, and the time', () => {
    assert.equal(readingAllText({ pos: 120e6, size: 1e9, input: 45e6, elapsedMs: 12_400 }), 'reading all input… 120.0 MB of 1.0 GB · 45.0 MB in · 12 s');
    assert.equal(readingAllText({ elapsedMs: 3000 }), 'reading all input… 3 s');
  });
});
