// The first preview run started before the UI (src/shell/early.ts): the
// App adopts it instead of starting its own, and a run it would not start
// is cancelled.
import assert from 'node:assert/strict';
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { render } from 'ink-testing-library';
import { App } from '../../src/shell/ui/App.tsx';
import { History } from '../../src/shell/history.ts';
import { startEarly } from '../../src/shell/early.ts';
import { runPreview, type PreviewResult } from '../../src/shell/preview.ts';
import { createPipes } from '../../src/pipeline/pipes.ts';
import type { SessionState } from '../../src/shell/session.ts';
import { alive, childPids, tempDir, waitFor } from '../helpers.ts';

const dir = tempDir();
process.env.JN_HOME = join(dir, 'home');
process.env.TMPDIR = dir;

// big enough that its reader stays blocked on a full pipe while the preview waits
const big = join(dir, 'big.csv');
{
  const fd = openSync(big, 'w');
  writeSync(fd, 'id,name\n');
  for (let i = 0; i < 300_000; i += 10_000) {
    let block = '';
    for (let j = i; j < i + 10_000; j++) block += `${j + 1},name${j + 1}\n`;
    writeSync(fd, block);
  }
  closeSync(fd);
}

const cmdline = (pid: number): string => {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return '';
  }
};
/** The shell's children that read the source (not the row index's scan). */
const readers = (): number[] => childPids(process.pid).filter((pid) => cmdline(pid).includes('/dist/') && !cmdline(pid).includes('seek'));

const until = (frame: () => string | undefined, pred: (f: string) => boolean, what: string): Promise<string> =>
  waitFor(
    () => {
      const f = frame() ?? '';
      return pred(f) && f;
    },
    { what, show: frame, timeoutMs: 20_000 },
  );

describe('jn shell: the first run starts before the UI', () => {
  it('a run that settled before anyone listened reports to its listener at once', async () => {
    const small = join(dir, 'small.csv');
    const fd = openSync(small, 'w');
    writeSync(fd, 'a\n1\n2\n3\n');
    closeSync(fd);
    const early = startEarly({ source: small, stages: [{ id: 1, text: '.a', enabled: true }] }, 500);
    assert.deepEqual(early.argvs, [['filter', '.a']]);
    await early.handle.ended;
    let got: PreviewResult | undefined;
    early.handle.listen!(() => {}, (r) => (got = r));
    assert.ok(got, 'onSettle was not called');
    assert.deepEqual(got.rows.map(String), ['1', '2', '3']);
    assert.equal(got.ended, true);
    early.cache.clear();
  });

  it('a run with rows read but not settled yet tells its listener of them at once', async () => {
    // an input that gives 10 rows and stays open: the run reads them and
    // waits (it settles at 200 rows ahead or at the end)
    const [p] = createPipes(1);
    writeSync(p.write, Array.from({ length: 10 }, (_, i) => `{"n":${i}}\n`).join(''));
    const h = runPreview('-', [], { window: 1000, ahead: 200, from: { stages: [{ label: 'cat', command: 'cat', args: [], kind: 'command' }], stdin: p.read, closeAfterSpawn: [p.read] } });
    await waitFor(() => h.reader!.state.read === 10, { what: '10 rows read' });
    let rows = 0;
    let settled = 0;
    try {
      h.listen!(() => rows++, () => settled++);
      assert.deepEqual([rows, settled], [1, 0]);
    } finally {
      closeSync(p.write);
    }
    await h.ended;
    assert.equal(settled, 1);
  });

  it('the App adopts it: its processes are the preview, no other run starts', async () => {
    const initial: SessionState = { source: big, stages: [] };
    const early = startEarly(initial, 500);
    const pids = early.handle.pids;
    assert.ok(pids.length > 0);
    const app = render(<App initial={initial} limit={500} version="test" history={new History(null)} onExit={() => {}} debounceMs={20} early={early} />);
    await until(app.lastFrame, (f) => /name1\b/.test(f), 'row 1 on the screen');
    // the early run's reader is alive (waiting on a full pipe), and is the only one
    assert.ok(pids.every(alive), 'the early run was ended');
    assert.deepEqual(readers(), pids);
    app.stdin.write(':q\r');
    await waitFor(() => !pids.some(alive), { what: 'the preview to end on :q' });
    app.unmount();
  });

  it('a run the App would not start is cancelled, and the App runs its own', async () => {
    const initial: SessionState = { source: big, stages: [] };
    const early = startEarly({ source: big, stages: [{ id: 1, text: 'head -n 3', enabled: true }] }, 500);
    const pids = early.handle.pids;
    const app = render(<App initial={initial} limit={500} version="test" history={new History(null)} onExit={() => {}} debounceMs={20} early={early} />);
    await until(app.lastFrame, (f) => /name1\b/.test(f) && /name5\b/.test(f), 'rows 1 to 5 (not head -n 3)');
    await waitFor(() => !pids.some(alive), { what: 'the early run to end' });
    app.stdin.write(':q\r');
    app.unmount();
  });
});
