// The record view (issue 13, "Reading the data"): long strings in full,
// wrapped to the width; nested arrays and records expanded and foldable
// (Enter/Space on a line, - / + for all); it scrolls; Esc closes it and the
// table keeps the focus.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { render } from 'ink-testing-library';
import { recordLines } from '../../src/shell/record.ts';
import { parseLossless } from '../../src/kit/lossless.ts';
import { rng } from '../helpers.ts';
import { TableHarness, until } from './table-harness.tsx';

const rand = rng(11);
const words = Array.from({ length: 120 }, (_, i) => `w${i}${'xyz'[Math.floor(rand() * 3)]}`);
const long = words.join(' ');
const rows = [
  parseLossless(`{"id":1,"text":${JSON.stringify(long)},"addr":{"city":"Paris","zip":"75001","geo":{"lat":48.85,"lon":2.35}},"tags":["a","b"],"price":10.50}`),
  parseLossless('{"id":2,"text":"short","addr":{"city":"Oslo"},"tags":[],"price":3}'),
];

/** Lines of record 1 in the 60-column view (59 after the cursor mark): all
 * unfolded, and with "addr" and "tags" folded. */
const total = recordLines(rows[0], new Set(), 59).length;
const folded = recordLines(rows[0], new Set(['/"addr"', '/"tags"']), 59).length;

describe('record lines', () => {
  it('wrap a long string in full and fold what is collapsed', () => {
    const lines = recordLines(rows[0], new Set(), 40);
    const text = lines.map((l) => l.text).join('\n');
    assert.ok(lines.every((l) => l.text.length <= 40), 'every line fits the width');
    // the long string, cut into lines, is all there
    const first = lines.findIndex((l) => l.text.startsWith('    "text": '));
    const next = lines.findIndex((l) => l.text.includes('"addr"'));
    assert.ok(next - first > 10, 'the string takes many lines');
    const pieces = lines.slice(first, next).map((l, i) => l.text.slice(i ? 6 : 4));
    assert.equal(pieces.join(''), `"text": ${JSON.stringify(long)},`);
    assert.match(text, /"price": 10\.50$/m);
    const addr = lines.find((l) => l.text.includes('"addr"'))!;
    assert.equal(addr.text, '▾   "addr": {');
    const folded = recordLines(rows[0], new Set([addr.path!]), 40).map((l) => l.text);
    assert.ok(folded.includes('▸   "addr": {3},'), folded.join('\n'));
    assert.ok(!folded.some((l) => l.includes('"city"')));
  });
});

describe('the record view', () => {
  it('opens on Enter, scrolls, folds a line, and Esc closes it keeping the table focused', async () => {
    const app = render(<TableHarness rows={rows} width={60} height={14} />);
    await until(app.lastFrame, (f) => /›\s*1\s/.test(f), 'the table');
    app.stdin.write('\r');
    let f = await until(app.lastFrame, (x) => x.includes('record 1'), 'the record view');
    assert.match(f, /^›▾ \{/m);
    assert.match(f, /"text": "w0/);
    // the end of the long string is further down: G goes there
    app.stdin.write('G');
    f = await until(app.lastFrame, (x) => /^\s*\}\s*$/m.test(x), 'the last line');
    assert.ok(f.includes(`lines ${total - 11}–${total} of ${total}`), `the last 12 of ${total} lines`);
    assert.match(f, /"price": 10\.50/);
    // fold "addr": back to the top, down to its line, Space
    app.stdin.write('g');
    await until(app.lastFrame, (x) => /lines 1–/.test(x), 'the top');
    const all = recordLines(rows[0], new Set(), 59);
    const addrLine = all.findIndex((l) => l.text.includes('"addr"'));
    for (let i = 1; i <= addrLine; i++) {
      app.stdin.write('j');
      await until(app.lastFrame, (x) => x.includes(`›${all[i].text.trimEnd()}`), `the cursor on line ${i + 1}`);
    }
    app.stdin.write(' ');
    f = await until(app.lastFrame, (x) => x.includes('›▸   "addr": {3},'), 'addr folded');
    assert.doesNotMatch(f, /"city"/);
    // - folds everything but the record, + unfolds all
    app.stdin.write('-');
    await until(app.lastFrame, (x) => x.includes(`of ${folded} `), 'all folded');
    app.stdin.write('G');
    await until(app.lastFrame, (x) => x.includes('▸   "tags": [2],'), 'the tags folded');
    app.stdin.write('+');
    await until(app.lastFrame, (x) => x.includes(`of ${total} `), 'all unfolded');
    // → is the next record
    app.stdin.write('l');
    await until(app.lastFrame, (x) => x.includes('record 2') && x.includes('"city": "Oslo"'), 'record 2');
    // Esc closes it; the table keeps the keys (j moves its cursor)
    app.stdin.write('\x1b');
    await until(app.lastFrame, (x) => !x.includes('record 2') && /›\s*2\s/.test(x), 'the table, cursor on row 2');
    app.stdin.write('k');
    await until(app.lastFrame, (x) => /›\s*1\s/.test(x), 'the cursor back on row 1');
    app.unmount();
  });

  it('keys typed before a render count: Enter then G at once opens it at its last line', async () => {
    const app = render(<TableHarness rows={rows} width={60} height={14} />);
    await until(app.lastFrame, (f) => /›\s*1\s/.test(f), 'the table');
    app.stdin.write('\r');
    app.stdin.write('G');
    await until(app.lastFrame, (x) => x.includes(`record 1 · lines ${total - 11}–${total} of ${total}`) && /^›\s*\}/m.test(x), 'the last line');
    app.unmount();
  });
});
