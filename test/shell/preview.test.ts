import assert from 'node:assert/strict';
import { closeSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runPreview } from '../../src/shell/preview.ts';
import { toPlain, type Lossless } from '../../src/kit/lossless.ts';
import { childPids, tempDir, waitFor } from '../helpers.ts';

const dir = tempDir();
process.env.JN_HOME = join(dir, 'home');
const small = join(dir, 'small.csv');
writeFileSync(small, 'id,name\n' + Array.from({ length: 50 }, (_, i) => `${i},n${i}`).join('\n') + '\n');

// Chain processes started by this test process (tsx's esbuild service is
// a child too, and is not ours to count).
const children = (): number[] =>
  childPids(process.pid).filter((pid) => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('/dist/');
    } catch {
      return false;
    }
  });

describe('shell preview runner', () => {
  it('runs the source chain and the stages, with per-stage status', async () => {
    const r = await runPreview(small, [['tail', '-n', '5'], ['head', '-n', '2']], 500).done;
    assert.equal(r.error, undefined);
    assert.deepEqual((r.rows as Lossless[]).map(toPlain), [ // rows are parsed losslessly (Maps)
      { id: 45, name: 'n45' },
      { id: 46, name: 'n46' },
    ]);
    assert.equal(r.limited, false);
    assert.deepEqual(
      r.stages.map((s) => [s.index, s.label, s.ok]),
      [
        [-1, 'csv read', true],
        [0, 'tail', true],
        [1, 'head', true],
      ],
    );
  });

  it('stops at the limit however big the source is, leaving no process behind', async () => {
    const big = join(dir, 'big.csv');
    const fd = openSync(big, 'w');
    writeSync(fd, 'id,text\n');
    const block = Array.from({ length: 10_000 }, (_, i) => `${i},"some text, quoted"`).join('\n') + '\n';
    for (let i = 0; i < 250; i++) writeSync(fd, block); // ~60 MB
    closeSync(fd);
    const t0 = performance.now();
    const r = await runPreview(big, [], 500).done;
    const ms = performance.now() - t0;
    assert.equal(r.rows.length, 500);
    assert.equal(r.limited, true);
    assert.equal(r.error, undefined);
    assert.ok(ms < 2000, `took ${ms} ms`);
    await waitFor(() => children().length === 0, { what: 'the chain processes to end', timeoutMs: 2000, show: children });
  });

  it('reports the failing stage and its message', async () => {
    const r = await runPreview(small, [['head', '-n', 'x']], 500).done;
    assert.equal(r.error?.index, 0);
    assert.match(r.error!.message, /head/);
    assert.match(r.stages[1].message ?? '', /expected a non-negative integer/);
  });

  it('reports a source that cannot be read', async () => {
    const r = await runPreview(join(dir, 'missing.csv'), [], 500).done;
    assert.equal(r.error?.index, -1);
    assert.match(r.sourceError ?? '', /no such file or directory/);
  });

  it('cancel ends a running chain', async () => {
    const h = runPreview(small, [['tail', '-n', '1']], 500);
    h.cancel();
    const r = await h.done;
    assert.ok(Array.isArray(r.rows));
    await waitFor(() => children().length === 0, { what: 'the chain processes to end', timeoutMs: 2000, show: children });
  });
});
