// jn shell as `jn shell data.csv` starts it (the first run started before
// the UI, the pool of pre-started stages on), a stage typed and entered at
// once: no frame shows the new stage with the last run's rows as if they
// were its output (the status line not saying running…). Such a frame made
// pool-shell.test.ts's Ctrl-C land on the stage's run just starting: the
// run was cancelled (no rows, not at its end) and the shell did not quit.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { render } from 'ink-testing-library';
import { App } from '../../src/shell/ui/App.tsx';
import { History } from '../../src/shell/history.ts';
import { startEarly } from '../../src/shell/early.ts';
import { disableStagePool, enableStagePool } from '../../src/pipeline/pool/index.ts';
import type { SessionState } from '../../src/shell/session.ts';
import { rng, tempDir, waitFor } from '../helpers.ts';

const dir = tempDir();
process.env.JN_HOME = join(dir, 'home');
process.env.TMPDIR = dir;
const data = join(dir, 'data.csv');
const random = rng(11);
writeFileSync(data, 'id,amount\n' + Array.from({ length: 3000 }, (_, i) => `${i + 1},${Math.floor(random() * 100)}`).join('\n') + '\n');
after(() => disableStagePool());

const STAGE = 'select(.amount > 50)';
const listed = (f: string) => f.includes(`1. ${STAGE}`);
const running = (f: string) => f.includes('running…');
/** The amounts in the table. */
const amounts = (f: string): number[] => f.split('\n').flatMap((l) => /^\W*\d+ +(\d+)\s*$/.exec(l)?.[1] ?? []).map(Number);
/** The table shows stage 1's rows: every amount is over 50. */
const itsRows = (f: string) => amounts(f).length > 5 && amounts(f).every((a) => a > 50);
const statusLine = (f: string) => f.split('\n').filter((l) => / ms\b/.test(l) && !l.includes('│')).pop() ?? '';

describe('jn shell: early run and pool, a stage entered', () => {
  for (const round of [1, 2, 3]) {
    it(`never shows the last run's rows as the new stage's, not running (${round})`, async () => {
      enableStagePool();
      const initial: SessionState = { source: data, stages: [] };
      const early = startEarly(initial, 500);
      const app = render(<App initial={initial} limit={500} version="test" history={new History(null)} onExit={() => {}} early={early} />);
      try {
        await waitFor(() => /\b3000 rows\b/.test(app.lastFrame() ?? '') && !/running…/.test(app.lastFrame() ?? ''), { what: 'the source\'s rows', show: app.lastFrame, timeoutMs: 20_000 });
        const from = app.frames.length;
        app.stdin.write(STAGE);
        app.stdin.write('\r');
        await waitFor(() => listed(app.lastFrame() ?? '') && itsRows(app.lastFrame() ?? '') && !running(app.lastFrame() ?? ''), { what: 'stage 1\'s rows', show: app.lastFrame, timeoutMs: 20_000 });
        const wrong = app.frames.slice(from).filter((f) => listed(f) && !itsRows(f) && !running(f));
        assert.deepEqual(wrong.map(statusLine), [], `a frame shows stage 1 with the last run's rows, not running:\n${wrong[0] ?? ''}`);
      } finally {
        app.stdin.write(':q\r');
        app.unmount();
        disableStagePool();
      }
    });
  }
});
