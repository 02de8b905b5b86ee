// The column panel's whole-input run (src/shell/analyze-run.ts): the
// session's source and stages, then jn analyze; its progress; its errors
// as one line; cancel ends every process.
import assert from 'node:assert/strict';
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runAnalyze, type AnalyzeProgress } from '../../src/shell/analyze-run.ts';
import { analyzedFigures } from '../../src/shell/columns.ts';
import { rng, tempDir, waitFor } from '../helpers.ts';

const dir = tempDir();
const rand = rng(31);
const csv = join(dir, 'd.csv');
const vals = Array.from({ length: 5000 }, () => Math.floor(rand() * 3));
writeFileSync(csv, 'id,v\n' + vals.map((v, i) => `${i + 1},${['a', 'b', 'c'][v]}`).join('\n') + '\n');

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('runAnalyze', () => {
  it('analyzes the source through the stages', async () => {
    const out = await runAnalyze(csv, [['filter', 'select(.v != "c")']]).done;
    assert.ok('analysis' in out, JSON.stringify(out));
    const f = analyzedFigures(out.analysis, 'v', false)!;
    const want = vals.filter((v) => v !== 2);
    assert.equal(f.rows, want.length);
    assert.deepEqual(new Set(f.top.map((t) => t.value)), new Set(['a', 'b']));
    assert.equal(f.top.reduce((s, t) => s + t.count, 0), want.length);
  });
  it('says why in one line when a stage or the source fails', async () => {
    const bad = await runAnalyze(csv, [['head', '-n', 'x']]).done;
    assert.ok('error' in bad);
    assert.match(bad.error, /^head: .*'x'/);
    assert.doesNotMatch(bad.error, /\n/);
    const missing = await runAnalyze(join(dir, 'nope.csv'), []).done;
    assert.ok('error' in missing);
    assert.doesNotMatch(missing.error, /ENOENT|\n/);
    assert.match(missing.error, /nope\.csv/);
  });
  it('reports progress with the bytes of the source read, and cancel ends every process', async () => {
    const seen: AnalyzeProgress[] = [];
    const run = runAnalyze(csv, [['filter', 'range(1e9) as $i | .']], (p) => seen.push(p));
    await waitFor(() => seen.some((p) => p.bytes !== undefined && p.size !== undefined && p.bytes > 0), { what: 'a progress with bytes', show: () => JSON.stringify(seen.slice(-3)) });
    const last = seen[seen.length - 1];
    assert.equal(last.size, statSync(csv).size);
    assert.ok(last.bytes! <= last.size!);
    assert.ok(run.pids.some(alive));
    run.cancel();
    assert.deepEqual(await run.done, { cancelled: true });
    await waitFor(() => !run.pids.some(alive), { what: 'every process ended' });
  });
});
