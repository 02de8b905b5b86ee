// The shell's keys through ink-testing-library: every key of a fast burst
// counts, `?` help, `q`, Ctrl-C (cancel, then quit), the delete hint, and a
// failed stage's whole error (`E`).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { render } from 'ink-testing-library';
import type { Key } from 'ink';
import { App } from '../../src/shell/ui/App.tsx';
import { StageList } from '../../src/shell/ui/StageList.tsx';
import { firstKey, isChunk } from '../../src/shell/ui/keychunk.ts';
import { History } from '../../src/shell/history.ts';
import type { SessionState } from '../../src/shell/session.ts';
import { rng, tempDir, waitFor } from '../helpers.ts';

const dir = tempDir();
process.env.JN_HOME = join(dir, 'home');
const random = rng(13);
const names = Array.from({ length: 40 }, (_, i) => `name${i + 1}x${Math.floor(random() * 1000)}`);
const csv = join(dir, 'd.csv');
writeFileSync(csv, 'id,name\n' + names.map((n, i) => `${i + 1},${n}`).join('\n') + '\n');

const until = (frame: () => string | undefined, pred: (f: string) => boolean, what: string): Promise<string> =>
  waitFor(() => {
    const f = frame() ?? '';
    return pred(f) && f;
  }, { what, show: frame });

function app(initial: SessionState, onExit: (s: SessionState) => void = () => {}) {
  return render(<App initial={initial} limit={500} version="test" history={new History(null)} onExit={onExit} debounceMs={20} />);
}

/** The keys firstKey cuts `chunk` into (as the table or stage list gets them). */
function keysOf(chunk: string, asText = false): { input: string; key: Partial<Key> }[] {
  const out: { input: string; key: Partial<Key> }[] = [];
  for (let rest = chunk; rest; ) {
    const k = firstKey(rest, asText);
    const set = Object.fromEntries(Object.entries(k.key).filter(([, v]) => v === true));
    out.push({ input: k.input, key: set });
    rest = rest.slice(k.length);
  }
  return out;
}

describe('keychunk', () => {
  const none = { ctrl: false, meta: false } as Key;
  it('a string of several characters is a chunk; one character, an emoji, Ctrl and Meta keys are not', () => {
    assert.equal(isChunk('jjj', none), true);
    assert.equal(isChunk('j', none), false);
    assert.equal(isChunk('😀', none), false);
    assert.equal(isChunk('😀j', none), true);
    assert.equal(isChunk('c', { ...none, ctrl: true }), false);
    assert.equal(isChunk('j', { ...none, meta: true }), false);
  });
  it('cuts a chunk into the keys Ink reports one at a time', () => {
    assert.deepEqual(keysOf('jJ \r\t\x7f\b\x03😀'), [
      { input: 'j', key: {} },
      { input: 'J', key: { shift: true } },
      { input: ' ', key: {} },
      { input: '\r', key: { return: true } },
      { input: '', key: { tab: true } },
      { input: '', key: { delete: true } },
      { input: '', key: { backspace: true } },
      { input: 'c', key: { ctrl: true } },
      { input: '😀', key: {} },
    ]);
  });
  it('keeps text in runs for the editor, a lone line end being Enter', () => {
    assert.deepEqual(keysOf('ab c\r\nd\tx\r', true), [
      { input: 'ab c\r\nd', key: {} },
      { input: '', key: { tab: true } },
      { input: 'x\r', key: {} },
    ]);
    assert.deepEqual(keysOf('\r', true).concat(keysOf('\x7fa', true)), [
      { input: '\r', key: { return: true } },
      { input: '', key: { delete: true } },
      { input: 'a', key: {} },
    ]);
  });
});

describe('every key counts', () => {
  it('19 × k in one read moves the stage list 19 stages up', async () => {
    const stages = Array.from({ length: 25 }, (_, i) => ({ id: i + 1, text: `head ${100 + i}`, enabled: true }));
    const a = app({ source: csv, stages });
    await until(a.lastFrame, (f) => /40 rows · \d+ ms/.test(f), 'the preview');
    a.stdin.write('\t');
    await until(a.lastFrame, (f) => /›25\. head 124/.test(f), 'the stage list focused, the last stage selected');
    a.stdin.write('k'.repeat(19));
    await until(a.lastFrame, (f) => /› 6\. head 105/.test(f), 'stage 6 selected');
    a.stdin.write('j'.repeat(3) + 'k');
    await until(a.lastFrame, (f) => /› 8\. head 107/.test(f), 'stage 8 selected');
    a.unmount();
  });

  it('20 × j in one read moves the table cursor 20 rows', async () => {
    const a = app({ source: csv, stages: [] });
    await until(a.lastFrame, (f) => /40 rows · \d+ ms/.test(f), 'the preview');
    // the focus moves at once (a ref): no need to wait for a frame
    a.stdin.write('\t\t');
    a.stdin.write('j'.repeat(20));
    await until(a.lastFrame, (f) => new RegExp(`›\\s*21 +${names[20]}`).test(f), 'row 21 under the cursor');
    a.unmount();
  });

  it('a Tab inside a chunk moves the focus and the keys after it go to the next pane', async () => {
    const stages = [1, 2, 3].map((i) => ({ id: i, text: `head ${10 + i}`, enabled: true }));
    const a = app({ source: csv, stages });
    await until(a.lastFrame, (f) => /11 rows · \d+ ms/.test(f), 'the preview');
    a.stdin.write('\tkk\tj');
    await until(a.lastFrame, (f) => /› 1\. head 11/.test(f) && /›\s*2 +name2x/.test(f), 'stage 1 selected, then row 2 in the table');
    a.unmount();
  });
});

describe('help, q and Ctrl-C', () => {
  it('? opens the help over the panes, it scrolls, Esc closes it and the panes are as they were', async () => {
    const a = app({ source: csv, stages: [{ id: 1, text: 'head 30', enabled: true }] });
    await until(a.lastFrame, (f) => /30 rows · \d+ ms/.test(f), 'the preview');
    a.stdin.write('\t');
    await until(a.lastFrame, (f) => /› 1\. head 30/.test(f), 'the stage list');
    a.stdin.write('?');
    const f = await until(a.lastFrame, (x) => x.includes('jn shell keys'), 'the help');
    assert.match(f, /stage list/);
    assert.match(f, /Esc, \? or q: close/);
    assert.doesNotMatch(f, /head 30/, 'the panes are hidden');
    a.stdin.write('j');
    await until(a.lastFrame, (x) => /lines 2–/.test(x), 'scrolled one line');
    a.stdin.write('\x1b');
    await until(a.lastFrame, (x) => !x.includes('jn shell keys') && /› 1\. head 30/.test(x), 'the panes back, stage 1 still selected');
    // in one read: the key after `?` goes to the help
    a.stdin.write('?j');
    await until(a.lastFrame, (x) => x.includes('jn shell keys') && /lines 2–/.test(x), 'the help, scrolled');
    a.unmount();
  });

  it(':help opens the same help; q closes it', async () => {
    const a = app({ source: csv, stages: [] });
    await until(a.lastFrame, (f) => /40 rows · \d+ ms/.test(f), 'the preview');
    a.stdin.write(':help');
    await until(a.lastFrame, (f) => f.includes('stage> :help'), 'typed');
    a.stdin.write('\r');
    await until(a.lastFrame, (x) => x.includes('jn shell keys'), 'the help');
    a.stdin.write('q');
    await until(a.lastFrame, (x) => !x.includes('jn shell keys') && x.includes('stage>'), 'closed, not quit');
    a.unmount();
  });

  it('q is text in the editor, and quits from the stage list', async () => {
    let exited: SessionState | undefined;
    const a = app({ source: csv, stages: [] }, (s) => (exited = s));
    await until(a.lastFrame, (f) => /40 rows · \d+ ms/.test(f), 'the preview');
    a.stdin.write('q');
    await until(a.lastFrame, (f) => f.includes('stage> q'), 'q typed');
    assert.equal(exited, undefined);
    a.stdin.write('\x1b'); // clears the line
    await until(a.lastFrame, (f) => /stage> *$/m.test(f), 'cleared');
    a.stdin.write('\t');
    a.stdin.write('q');
    const final = await waitFor(() => exited, { what: 'the exit' });
    assert.equal(final.source, csv);
    a.unmount();
  });

  it('Ctrl-C cancels a running preview, and quits when none runs', async () => {
    const fifo = join(dir, 'never.csv');
    execFileSync('mkfifo', [fifo]);
    let exited: SessionState | undefined;
    // join opens its right side, a FIFO nobody writes: the run never ends
    const a = app({ source: csv, stages: [{ id: 1, text: `join ${fifo} --on id`, enabled: true }] }, (s) => (exited = s));
    await until(a.lastFrame, (f) => /running…/.test(f), 'the run');
    a.stdin.write('\x03');
    const f = await until(a.lastFrame, (x) => /cancelled/.test(x) && !/running…/.test(x), 'the run cancelled');
    assert.equal(exited, undefined, 'not quit');
    assert.doesNotMatch(f, /✗/);
    a.stdin.write('\x03');
    await waitFor(() => exited, { what: 'the exit' });
    a.unmount();
  });
});

describe('the stage list', () => {
  it('a long stage text is cut so that its error shows, and a cut error says E shows it', () => {
    const text = `filter '${'.a + '.repeat(30)}1'`;
    const message = 'w'.repeat(20) + ' ' + 'v'.repeat(60);
    const stages = [{ id: 1, text, enabled: true }];
    const f = render(<StageList source="d.csv" stages={stages} selected={0} focused width={80} running={false} statuses={[{ index: 0, id: 1, label: 'filter', ok: false, message }]} />).lastFrame()!;
    const line = f.split('\n')[2];
    assert.match(line, /› 1\. filter '\.a \+ .*… ✗ w{20} v+… \(E\) │$/);
    const short = render(<StageList source="d.csv" stages={stages} selected={0} focused width={80} running={false} statuses={[{ index: 0, id: 1, label: 'filter', ok: false, message: 'bad' }]} />).lastFrame()!;
    assert.match(short.split('\n')[2], /… ✗ bad +│$/);
  });

  it('says how to undo a delete', async () => {
    const a = app({ source: csv, stages: [{ id: 1, text: 'head 5', enabled: true }, { id: 2, text: 'head 3', enabled: true }] });
    await until(a.lastFrame, (f) => /3 rows · \d+ ms/.test(f), 'the preview');
    a.stdin.write('\tk');
    await until(a.lastFrame, (f) => /› 1\. head 5/.test(f), 'stage 1 selected');
    a.stdin.write('d');
    await until(a.lastFrame, (f) => f.includes('deleted stage 1 — u to undo') && !/head 5/.test(f), 'the hint');
    a.stdin.write('u');
    await until(a.lastFrame, (f) => /› 1\. head 5/.test(f) && !f.includes('deleted stage'), 'undone, the hint gone');
    a.unmount();
  });

  it('E shows a failed stage\'s whole error, wrapped, until a key closes it', async () => {
    const long = 'z'.repeat(30);
    const expr = `if .id == 2 then error("${long} ${long} ${long} ${long} end") else . end`;
    const a = app({ source: csv, stages: [{ id: 1, text: `filter '${expr}'`, enabled: true }] });
    await until(a.lastFrame, (f) => /✗/.test(f), 'the error on the stage');
    a.stdin.write('\t');
    await until(a.lastFrame, (f) => /› 1\. filter/.test(f), 'the stage list');
    a.stdin.write('E');
    const f = await until(a.lastFrame, (x) => x.includes('stage 1: filter') && x.includes('any key: close'), 'the error box');
    // the whole message, over several lines, its end included
    assert.match(f, /zzz end/);
    assert.ok(f.split('\n').filter((l) => l.includes(long)).length >= 2, 'wrapped');
    a.stdin.write('x');
    await until(a.lastFrame, (x) => !x.includes('any key: close') && /› 1\. filter/.test(x), 'closed');
    a.unmount();
  });

  it('E on a source that cannot be opened shows its error', async () => {
    const a = app({ source: join(dir, 'missing.csv'), stages: [] });
    await until(a.lastFrame, (f) => /no such file/.test(f), 'the error');
    a.stdin.write('\tE');
    const f = await until(a.lastFrame, (x) => x.includes('the preview failed') && x.includes('any key: close'), 'the error box');
    assert.match(f, /missing\.csv: no such file or directory/);
    a.unmount();
  });
});
