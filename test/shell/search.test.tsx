// Search in the table (issue 13, "Reading the data"): `/text`, `n`/`N`
// within the loaded rows, the match marked, and `s` turning the search into
// a select(...) stage that keeps the same rows (checked with jn filter).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { render } from 'ink-testing-library';
import { App } from '../../src/shell/ui/App.tsx';
import { History } from '../../src/shell/history.ts';
import { parseLossless } from '../../src/kit/lossless.ts';
import { matchingRows, nextMatch, searchStage } from '../../src/shell/search.ts';
import { renderRow, tableColumns, columnsOf } from '../../src/shell/layout.ts';
import { jn, rng, tempDir, waitFor } from '../helpers.ts';
import { TableHarness, until } from './table-harness.tsx';

const rand = rng(5);
const cities = ['Paris', 'Oslo', 'Lima', 'Parma', 'Quito'];
const lines = Array.from({ length: 40 }, (_, i) => {
  const city = cities[Math.floor(rand() * cities.length)];
  const nested = i % 7 === 3 ? `{"home":{"city":"PARIS-${i}"}}` : '{"home":null}';
  return `{"id":${i + 1},"city":${JSON.stringify(city)},"amount":${(rand() * 100).toFixed(2)},"meta":${nested}}`;
});
const rows = lines.map((l) => parseLossless(l));

describe('search', () => {
  it('finds rows with the text in any value, nested too, ignoring ASCII case', () => {
    const found = matchingRows(rows, 'paris');
    const expected = lines.flatMap((l, i) => (/paris/i.test(l) ? [i] : []));
    assert.ok(expected.length >= 3);
    assert.deepEqual(found, expected);
    assert.equal(nextMatch(found, found[0], 1), found[1]);
    assert.equal(nextMatch(found, found[0], -1), found[found.length - 1], 'wraps around');
    assert.deepEqual(matchingRows(rows, ''), []);
  });

  it('marks the match in the cell', () => {
    const cols = tableColumns(rows, columnsOf(rows));
    const i = matchingRows(rows, 'ari')[0];
    const segs = renderRow(rows[i], cols, 'ari');
    assert.ok(segs.some((s) => s.style === 'match' && /^ari$/i.test(s.text)), JSON.stringify(segs));
  });

  it('the stage keeps the same rows as the search', async () => {
    const stage = searchStage('Paris');
    assert.equal(stage, 'select(any(.. | scalars; tostring | ascii_downcase | contains("paris")))');
    const r = await jn(['filter', stage], { input: lines.join('\n') + '\n' });
    assert.equal(r.code, 0, r.stderr);
    const ids = r.stdout.trim().split('\n').map((l) => JSON.parse(l).id);
    assert.deepEqual(ids, matchingRows(rows, 'Paris').map((i) => i + 1));
  });

  it('/ types a search, Enter goes to the first match, n / N step, s adds the stage, Esc clears', async () => {
    const added: string[] = [];
    const found = matchingRows(rows, 'paris');
    const app = render(<TableHarness rows={rows} width={80} height={12} onAddStage={(t) => added.push(t)} />);
    await until(app.lastFrame, (f) => /›\s*1\s/.test(f), 'the table');
    const cursorOn = (id: number) => (f: string) => new RegExp(`^›\\s*${id}\\s`, 'm').test(f);
    app.stdin.write('/');
    await until(app.lastFrame, (f) => /^\/█/m.test(f), 'the prompt');
    for (const ch of 'PARIS') app.stdin.write(ch);
    await until(app.lastFrame, (f) => f.includes('/PARIS█'), 'the typed search');
    app.stdin.write('\r');
    let f = await until(app.lastFrame, cursorOn(found[0] + 1), 'the first match');
    assert.match(f, new RegExp(`/PARIS · ${found.length} matching rows · n/N next/previous · s add as a stage`));
    app.stdin.write('n');
    await until(app.lastFrame, cursorOn(found[1] + 1), 'the next match');
    app.stdin.write('N');
    await until(app.lastFrame, cursorOn(found[0] + 1), 'the previous match');
    app.stdin.write('N');
    await until(app.lastFrame, cursorOn(found[found.length - 1] + 1), 'wrapped to the last match');
    app.stdin.write('s');
    await waitFor(() => added.length === 1, { what: 'the stage added' });
    assert.deepEqual(added, [searchStage('paris')]);
    app.stdin.write('\x1b');
    f = await until(app.lastFrame, (x) => !x.includes('matching rows'), 'the search cleared');
    app.stdin.write('/');
    await until(app.lastFrame, (x) => /^\/█/m.test(x), 'the prompt again');
    app.stdin.write('zzz-none');
    app.stdin.write('\r');
    await until(app.lastFrame, (x) => x.includes('/zzz-none · no match'), 'no match');
    app.unmount();
  });

  it('in the record view, n goes to the next matching record, on the line of the match', async () => {
    const found = matchingRows(rows, 'paris');
    const app = render(<TableHarness rows={rows} width={80} height={12} />);
    await until(app.lastFrame, (f) => /›\s*1\s/.test(f), 'the table');
    for (const k of ['/', 'p', 'a', 'r', 'i', 's', '\r']) app.stdin.write(k);
    await until(app.lastFrame, (f) => new RegExp(`^›\\s*${found[0] + 1}\\s`, 'm').test(f), 'the first match');
    app.stdin.write('\r');
    await until(app.lastFrame, (f) => f.includes(`record ${found[0] + 1}`), 'its record');
    app.stdin.write('n');
    const f = await until(app.lastFrame, (x) => x.includes(`record ${found[1] + 1} `), 'the next matching record');
    const cursorLine = f.split('\n').find((l) => l.startsWith('›'))!;
    assert.match(cursorLine, /paris/i);
    app.unmount();
  });

  it('s in the App adds the stage to the pipeline, selected, and the table shows its rows', async () => {
    const dir = tempDir();
    process.env.JN_HOME = join(dir, 'home');
    const file = join(dir, 's.ndjson');
    writeFileSync(file, lines.join('\n') + '\n');
    const found = matchingRows(rows, 'paris');
    const app = render(<App initial={{ source: file, stages: [] }} limit={500} version="test" history={new History(null)} onExit={() => {}} debounceMs={20} />);
    await until(app.lastFrame, (f) => /40 rows · \d+ ms/.test(f), 'the preview');
    app.stdin.write('\t');
    app.stdin.write('\t');
    for (const k of ['/', 'p', 'a', 'r', 'i', 's', '\r']) app.stdin.write(k);
    await until(app.lastFrame, (f) => f.includes(`${found.length} matching rows`), 'the search');
    app.stdin.write('s');
    const f = await until(app.lastFrame, (x) => x.includes('› 1. select(any(.. | scalars; tostring | ascii_downcase | contains("paris")))') && new RegExp(`\\b${found.length} rows · \\d+ ms`).test(x), 'the stage and its rows');
    assert.match(f, new RegExp(`${found.length} matching rows`), 'every row left matches');
    app.unmount();
  });
});
