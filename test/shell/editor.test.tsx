// The stage editor in the App (ink-testing-library): Tab completion, the
// syntax caret of a filter being typed, a pasted pipeline.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { render } from 'ink-testing-library';
import { App } from '../../src/shell/ui/App.tsx';
import { History } from '../../src/shell/history.ts';
import type { SessionState } from '../../src/shell/session.ts';
import { rng, tempDir, waitFor } from '../helpers.ts';

const dir = tempDir();
process.env.JN_HOME = join(dir, 'home');
const r = rng(13);
const cities = ['Paris', 'Lyon', 'Nice'];
const csv = join(dir, 'd.csv');
writeFileSync(csv, 'id,name,city,country\n' + Array.from({ length: 30 }, (_, i) => `${i + 1},name ${i + 1},${cities[Math.floor(r() * 3)]},FR`).join('\n') + '\n');
const other = join(dir, 'other data.csv');
writeFileSync(other, 'id,v\n' + Array.from({ length: 40 }, (_, i) => `${i + 1},${Math.floor(r() * 100)}`).join('\n') + '\n');
writeFileSync(join(dir, 'customers.csv'), 'id\n1\n');

const until = (frame: () => string | undefined, pred: (f: string) => boolean, what: string): Promise<string> =>
  waitFor(() => {
    const f = frame() ?? '';
    return pred(f) && f;
  }, { what, show: frame });

function app(state: SessionState = { source: csv, stages: [] }) {
  return render(<App initial={state} limit={500} version="test" history={new History(null)} onExit={() => {}} debounceMs={20} />);
}

/** Type `text` and wait until the editor shows it. */
async function type(a: ReturnType<typeof app>, text: string, shown = `stage> ${text}`): Promise<void> {
  a.stdin.write(text);
  await until(a.lastFrame, (f) => f.includes(shown), `the editor showing ${shown}`);
}

describe('stage editor: Tab completion', () => {
  it('completes a field name of the rows shown, then the editor keeps the focus', async () => {
    const a = app();
    await until(a.lastFrame, (f) => /30 rows · \d+ ms/.test(f), 'the source preview');
    await type(a, 'select(.ci');
    a.stdin.write('\t');
    await until(a.lastFrame, (f) => f.includes('stage> select(.city'), 'the completed field');
    await type(a, ' == "Paris")', 'stage> select(.city == "Paris")');
    a.unmount();
  });

  it('lists the candidates when several fit, and completes their common prefix', async () => {
    const a = app();
    await until(a.lastFrame, (f) => /30 rows · \d+ ms/.test(f), 'the source preview');
    await type(a, '.c');
    a.stdin.write('\t');
    const f = await until(a.lastFrame, (x) => /^\.city {2}\.country$/m.test(x), 'the candidates');
    assert.match(f, /stage> \.c/);
    // the next edit clears them
    await type(a, 'o', 'stage> .co');
    await until(a.lastFrame, (x) => !/\.city {2}\.country/.test(x), 'the candidates gone');
    a.unmount();
  });

  it('takes the field names from the input of the stage being typed, not from its draft output', async () => {
    const a = app({ source: csv, stages: [{ id: 1, text: '{nm: .name, num: .id}', enabled: true }] });
    await until(a.lastFrame, (f) => /30 rows · \d+ ms/.test(f) && /nm/.test(f), 'the stage preview');
    await type(a, '.nu');
    // the draft `.nu` runs (its rows are nulls) before the Tab
    await until(a.lastFrame, (f) => /\(with the stage being typed\)/.test(f) && /^ *›null/m.test(f) && /30 rows · \d+ ms/.test(f), 'the draft preview');
    a.stdin.write('\t');
    await until(a.lastFrame, (f) => f.includes('stage> .num'), 'the field of the previous stage');
    a.unmount();
  });

  it('completes a builtin name of the filter language', async () => {
    const a = app();
    await until(a.lastFrame, (f) => /30 rows · \d+ ms/.test(f), 'the source preview');
    await type(a, '.name | ascii_d');
    a.stdin.write('\t');
    await until(a.lastFrame, (f) => f.includes('stage> .name | ascii_downcase'), 'the builtin');
    a.unmount();
  });

  it('completes a stage command and its options', async () => {
    const a = app();
    await until(a.lastFrame, (f) => /30 rows · \d+ ms/.test(f), 'the source preview');
    await type(a, 'hea');
    a.stdin.write('\t');
    await type(a, '--li', 'stage> head --li'); // a space came after head
    a.stdin.write('\t');
    await until(a.lastFrame, (f) => f.includes('stage> head --lines'), 'the option');
    await type(a, '2', 'stage> head --lines 2');
    a.unmount();
  });

  it('completes a file name after join, quoted for sh', async () => {
    const a = app();
    await until(a.lastFrame, (f) => /30 rows · \d+ ms/.test(f), 'the source preview');
    await type(a, `join ${dir}/oth`);
    a.stdin.write('\t');
    await until(a.lastFrame, (f) => f.includes(`join ${dir}/other\\ data.csv`), 'the file name');
    a.unmount();
  });

  it('a Tab typed ahead in one piece of input with other keys completes too, or moves the focus', async () => {
    const a = app({ source: csv, stages: [{ id: 1, text: 'tail 3', enabled: true }] });
    await until(a.lastFrame, (f) => /3 rows · \d+ ms/.test(f), 'the preview');
    a.stdin.write('.na\t');
    await until(a.lastFrame, (f) => f.includes('stage> .name') && !f.includes('\t'), 'the completed field');
    // nothing to complete: the focus moves to the stage list, which takes the d
    a.stdin.write(' + 12\td');
    await until(a.lastFrame, (f) => !/1\. tail 3/.test(f) && /stage> \.name \+ 12/.test(f), 'the stage list took the key');
    a.unmount();
  });

  it('with nothing to complete, Tab moves the focus as before', async () => {
    const a = app({ source: csv, stages: [{ id: 1, text: 'tail 3', enabled: true }] });
    await until(a.lastFrame, (f) => /3 rows · \d+ ms/.test(f), 'the preview');
    await type(a, 'head 2');
    a.stdin.write('\t');
    a.stdin.write('d'); // in the stage list: delete the selected stage
    await until(a.lastFrame, (f) => !/1\. tail 3/.test(f) && f.includes('stage> head 2'), 'the stage list took the key');
    a.unmount();
  });
});

describe('stage editor: syntax caret', () => {
  it('shows ^ under the place of a syntax error while typing, and removes it once fixed', async () => {
    const a = app();
    await until(a.lastFrame, (f) => /30 rows · \d+ ms/.test(f), 'the source preview');
    await type(a, '.id +* 2');
    const f = await until(a.lastFrame, (x) => /\^ syntax error: unexpected token '\*'/.test(x), 'the caret');
    const lines = f.split('\n');
    const at = lines.findIndex((l) => l.startsWith('stage> .id +* 2'));
    assert.equal(lines[at + 1], ' '.repeat('stage> .id +'.length) + "^ syntax error: unexpected token '*'");
    // nothing runs for it: the table still shows the source, not a failed run
    assert.match(f, /^30 rows · \d+ ms( · rows 1–\d+)? *$/m);
    // fix it: Backspace ×3, then a valid end
    a.stdin.write('\x7f');
    a.stdin.write('\x7f');
    a.stdin.write('\x7f');
    await type(a, ' 2', 'stage> .id + 2');
    await until(a.lastFrame, (x) => !/syntax error/.test(x), 'the caret gone');
    a.unmount();
  });
});

describe('stage editor: a pasted pipeline', () => {
  it('becomes the source and the stages, as one undoable change', async () => {
    const a = app({ source: csv, stages: [{ id: 1, text: 'tail 3', enabled: true }] });
    await until(a.lastFrame, (f) => /3 rows · \d+ ms/.test(f), 'the preview');
    // one chunk, as a terminal delivers a paste: lines joined by backslash-newline
    a.stdin.write(`jn cat '${other}' \\\n  | jn filter '.v >= 0' \\\n  | jn head 4\r`);
    const f = await until(a.lastFrame, (x) => /1\. \.v >= 0/.test(x) && /2\. head 4/.test(x) && /4 rows · \d+ ms/.test(x), 'the pasted pipeline');
    assert.match(f, /other data\.csv/);
    assert.doesNotMatch(f, /tail 3/);
    assert.match(f, /stage> *$/m);
    // undo (stage list): back to the session before the paste, in one step
    a.stdin.write('\t');
    a.stdin.write('u');
    await until(a.lastFrame, (x) => /1\. tail 3/.test(x) && !/head 4/.test(x) && !/other data/.test(x), 'the undo');
    a.unmount();
  });

  it('a one-line pipeline typed and entered; an error is one line', async () => {
    const a = app();
    await until(a.lastFrame, (f) => /30 rows · \d+ ms/.test(f), 'the source preview');
    await type(a, `jn cat ${csv} | jn head 2`);
    a.stdin.write('\r');
    await until(a.lastFrame, (x) => /1\. head 2/.test(x) && /2 rows · \d+ ms/.test(x), 'the pipeline');
    await type(a, `jn cat ${csv} | sort`);
    a.stdin.write('\r');
    await until(a.lastFrame, (x) => /pipeline:1: every stage must be a jn command, found "sort"/.test(x), 'the error');
    a.unmount();
  });
});
