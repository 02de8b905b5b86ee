// Ink components through ink-testing-library: keys in, frames out.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { render } from 'ink-testing-library';
import { App } from '../../src/shell/ui/App.tsx';
import { Table } from '../../src/shell/ui/Table.tsx';
import { StageList } from '../../src/shell/ui/StageList.tsx';
import { History } from '../../src/shell/history.ts';
import type { SessionState } from '../../src/shell/session.ts';
import { tempDir, waitFor } from '../helpers.ts';

const dir = tempDir();
process.env.JN_HOME = join(dir, 'home');
const csv = join(dir, 'd.csv');
writeFileSync(csv, 'id,name\n' + Array.from({ length: 30 }, (_, i) => `${i + 1},name ${i + 1}`).join('\n') + '\n');

/** The frame once `pred` holds for it. */
const until = (frame: () => string | undefined, pred: (f: string) => boolean, what: string): Promise<string> =>
  waitFor(() => {
    const f = frame() ?? '';
    return pred(f) && f;
  }, { what, show: frame });

describe('Table', () => {
  const rows = [{ n: 1, s: '日本' }, { n: 22, s: 'ab', extra: true }];
  it('draws header, rule and rows with wide characters aligned and numbers right-aligned', () => {
    const { lastFrame } = render(<Table rows={rows} width={40} height={5} cursor={1} top={0} firstColumn={0} focused />);
    const lines = lastFrame()!.split('\n');
    assert.equal(lines[0], ' n #  s a   extra ?');
    assert.equal(lines[1], ' ───  ────  ───────');
    assert.equal(lines[2], '   1  日本');
    assert.equal(lines[3], '› 22  ab    true');
  });
  it('scrolls horizontally and marks hidden columns', () => {
    const { lastFrame } = render(<Table rows={rows} width={16} height={5} cursor={0} top={0} firstColumn={1} />);
    assert.match(lastFrame()!.split('\n')[0], /^‹s a +extra/);
  });
  it('says when there are no rows', () => {
    assert.match(render(<Table rows={[]} width={20} height={3} cursor={0} top={0} firstColumn={0} />).lastFrame()!, /\(no rows\)/);
  });
});

describe('StageList', () => {
  it('shows each stage with its time or its error, and disabled stages', () => {
    const stages = [
      { id: 1, text: 'head 5', enabled: true },
      { id: 2, text: '.x > 1', enabled: false },
      { id: 3, text: 'tail -n x', enabled: true },
    ];
    const { lastFrame } = render(
      <StageList
        source="d.csv"
        stages={stages}
        selected={2}
        focused
        width={60}
        running={false}
        statuses={[
          { index: -1, label: 'csv read', ok: true, ms: 12 },
          { index: 0, id: 1, label: 'head', ok: true, ms: 40 },
          { index: 1, id: 3, label: 'tail', ok: false, message: 'bad count' },
        ]}
      />,
    );
    const f = lastFrame()!;
    assert.match(f, /source d\.csv 12 ms/);
    assert.match(f, /1\. head 5 40 ms/);
    assert.match(f, /2\. \(off\) \.x > 1/);
    assert.match(f, /› 3\. tail -n x ✗ bad count/);
  });
});

describe('StageList with many stages', () => {
  it('shows a window around the selection and says which stages it shows', () => {
    const stages = Array.from({ length: 20 }, (_, i) => ({ id: i + 1, text: `head ${i + 1}`, enabled: true }));
    const { lastFrame } = render(<StageList source="d.csv" stages={stages} selected={15} focused width={60} running={false} statuses={[]} maxLines={5} />);
    const f = lastFrame()!;
    assert.equal(f.split('\n').length, 1 + 1 + 5 + 1 + 1); // border, source, 5 stages, the window line, border
    assert.match(f, /›16\. head 16/);
    assert.match(f, /\(stages 14–18 of 20: ↑\/↓ scroll\)/);
    assert.doesNotMatch(f, /\b13\. head 13|\b19\. head 19/);
  });
});

describe('App', () => {
  const initial: SessionState = { source: csv, stages: [] };
  it('types a stage, runs it, and shows the rows; undo brings the source back', async () => {
    let exited: SessionState | undefined;
    const app = render(<App initial={initial} limit={500} version="test" history={new History(null)} onExit={(s) => (exited = s)} debounceMs={20} />);
    await until(app.lastFrame, (f) => /30 rows · \d+ ms/.test(f), 'the source preview, finished');
    app.stdin.write('tail 3');
    await until(app.lastFrame, (x) => x.includes('stage> tail 3'), 'the typed stage');
    app.stdin.write('\r');
    const f = await until(app.lastFrame, (x) => /1\. tail 3/.test(x) && /3 rows/.test(x), 'the stage');
    assert.match(f, /28 +name 28/);
    assert.doesNotMatch(f, /\b27 +name 27/);
    // to the stage list, undo: a key right after the one that moved the
    // focus (before a re-render) goes to the pane that has the focus now
    app.stdin.write('\t');
    app.stdin.write('u');
    await until(app.lastFrame, (x) => x.includes('30 rows') && !/1\. tail 3/.test(x), 'undo');
    // redo, then quit
    app.stdin.write('r');
    // finished: Ctrl-C during a run cancels it (keys.test.tsx)
    await until(app.lastFrame, (x) => /1\. tail 3/.test(x) && /3 rows · \d+ ms/.test(x), 'redo');
    app.stdin.write('\u0003');
    const final = await waitFor(() => exited, { what: 'the exit' });
    assert.deepEqual(final.stages.map((s) => s.text), ['tail 3']);
    app.unmount();
  });

  it('a failing stage shows its error and keeps the last good rows, dimmed', async () => {
    const app = render(<App initial={initial} limit={500} version="test" history={new History(null)} onExit={() => {}} debounceMs={20} />);
    // Finished (the time shows): rows still arriving are not yet the last
    // good output a failed run falls back to.
    await until(app.lastFrame, (f) => /30 rows · \d+ ms/.test(f), 'the source preview, finished');
    app.stdin.write('head -n x');
    await until(app.lastFrame, (x) => x.includes('stage> head -n x'), 'the typed stage');
    app.stdin.write('\r');
    const f = await until(app.lastFrame, (x) => /✗/.test(x), 'the error');
    assert.match(f, /1\. head -n x ✗ .*argument 'x' is invalid/);
    assert.match(f, /showing the last good output/);
    assert.match(f, /30 +name 30|1 +name 1/);
    app.unmount();
  });

  it('a disabled stage before others leaves each status on its own stage', async () => {
    const state: SessionState = { source: csv, stages: [{ id: 1, text: 'head -n x', enabled: false }, { id: 2, text: 'tail 3', enabled: true }] };
    const app = render(<App initial={state} limit={500} version="test" history={new History(null)} onExit={() => {}} debounceMs={20} />);
    const f = await until(app.lastFrame, (x) => /3 rows · \d+ ms/.test(x), 'the preview of the enabled stage');
    assert.match(f, /2\. tail 3 \d+ ms/);
    assert.match(f, /1\. \(off\) head -n x\s*(│|$)/m);
    app.unmount();
  });

  it('a runtime error shows on its stage even when the preview stops at its row limit', async () => {
    const state: SessionState = { source: csv, stages: [{ id: 1, text: "filter 'if .id == 3 then .name + 1 else . end'", enabled: true }] };
    const app = render(<App initial={state} limit={10} version="test" history={new History(null)} onExit={() => {}} debounceMs={20} />);
    const f = await until(app.lastFrame, (x) => /✗/.test(x), 'the error on the stage');
    assert.match(f, /1\. filter .* ✗ string \("name 3"\) and number \(1\) cannot b/);
    assert.match(f, /error: the rows before it are shown/);
    assert.match(f, /^\s*2 +name 2/m);
    assert.doesNotMatch(f, /^\s*3 +name 3/m);
    app.unmount();
  });

  it('undo of a delete selects the stage that comes back, and the preview shows its output', async () => {
    const state: SessionState = { source: csv, stages: [{ id: 1, text: 'tail 3', enabled: true }] };
    const app = render(<App initial={state} limit={500} version="test" history={new History(null)} onExit={() => {}} debounceMs={20} />);
    await until(app.lastFrame, (x) => /3 rows · \d+ ms/.test(x), 'the stage\'s preview');
    app.stdin.write('\t');
    app.stdin.write('d');
    await until(app.lastFrame, (x) => /30 rows · \d+ ms/.test(x) && !/tail 3/.test(x), 'the delete');
    app.stdin.write('u');
    const f = await until(app.lastFrame, (x) => /› 1\. tail 3/.test(x) && /3 rows · \d+ ms/.test(x), 'the stage back, selected, with its output');
    assert.match(f, /28 +name 28/);
    app.unmount();
  });

  it('a in the stage list adds a new stage even when an edit was pending', async () => {
    let exited: SessionState | undefined;
    const state: SessionState = { source: csv, stages: [{ id: 1, text: 'tail 3', enabled: true }] };
    const app = render(<App initial={state} limit={500} version="test" history={new History(null)} onExit={(s) => (exited = s)} debounceMs={20} />);
    await until(app.lastFrame, (x) => /3 rows · \d+ ms/.test(x), 'the stage\'s preview');
    app.stdin.write('\t');
    app.stdin.write('e');
    await until(app.lastFrame, (x) => x.includes('edit 1> tail 3'), 'the pending edit');
    app.stdin.write('\t'); // back to the stage list, the edit left pending
    await until(app.lastFrame, (x) => x.includes('edit 1> tail 3') && /› 1\. tail 3/.test(x), 'the stage list');
    app.stdin.write('a');
    await until(app.lastFrame, (x) => /stage> *$/m.test(x) && !x.includes('edit 1>'), 'a new stage');
    app.stdin.write('head 2');
    await until(app.lastFrame, (x) => x.includes('stage> head 2'), 'the typed stage');
    app.stdin.write('\r');
    // finished: Ctrl-C during a run cancels it (keys.test.tsx)
    await until(app.lastFrame, (x) => /2\. head 2/.test(x) && /2 rows · \d+ ms/.test(x), 'the added stage');
    app.stdin.write('\u0003');
    const final = await waitFor(() => exited, { what: 'the exit' });
    assert.deepEqual(final.stages.map((s) => s.text), ['tail 3', 'head 2']);
    app.unmount();
  });

  it('after the result shrinks, the rows fill the table again (cursor on the last row, then head 5)', async () => {
    const app = render(<App initial={initial} limit={500} version="test" history={new History(null)} onExit={() => {}} debounceMs={20} />);
    await until(app.lastFrame, (f) => /30 rows · \d+ ms/.test(f), 'the source preview, finished');
    app.stdin.write('\t');
    app.stdin.write('\t');
    // G (bound only in the table) until the table has taken it
    let sent = 0;
    await until(
      app.lastFrame,
      (f) => {
        if (/› *30 +name 30/.test(f)) return true;
        if (sent++ % 10 === 0) app.stdin.write('G');
        return false;
      },
      'the cursor on the last row',
    );
    app.stdin.write('\t');
    app.stdin.write('head 5');
    await until(app.lastFrame, (x) => x.includes('stage> head 5'), 'the typed stage');
    app.stdin.write('\r');
    const f = await until(app.lastFrame, (x) => /1\. head 5/.test(x) && /5 rows · \d+ ms/.test(x), 'the stage');
    for (let i = 1; i <= 5; i++) assert.match(f, new RegExp(`^.?\\s*${i} +name ${i}\\b`, 'm'), `row ${i} is drawn`);
    app.unmount();
  });

  it('an entry that cannot be parsed is refused with a message', async () => {
    const app = render(<App initial={initial} limit={500} version="test" history={new History(null)} onExit={() => {}} debounceMs={20} />);
    await until(app.lastFrame, (f) => /30 rows · \d+ ms/.test(f), 'the source preview, finished');
    app.stdin.write("head '5");
    await until(app.lastFrame, (x) => x.includes("stage> head '5"), 'the typed stage');
    app.stdin.write('\r');
    await until(app.lastFrame, (x) => /unterminated/i.test(x), 'the syntax error');
    app.unmount();
  });
});
