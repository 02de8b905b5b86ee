// Reading text tables back into records (src/formats/table/read.ts): every
// style the reader knows gives back the records it was written from, and
// hand-written tables (unaligned pipes, several tables, text around them)
// read as people mean them.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TableReader } from '../../src/formats/table/read.ts';
import { TableRows, tabulate, type TabulateOptions } from '../../src/formats/table/tabulate.ts';
import { parseLossless } from '../../src/kit/lossless.ts';
import { rng } from '../helpers.ts';

function read(text: string): string[] {
  const out: string[] = [];
  const reader = new TableReader((json) => out.push(json.trimEnd()));
  for (const line of text.split('\n')) reader.line(line);
  reader.end();
  return out;
}

function write(records: string[], opts: TabulateOptions): string {
  const rows = new TableRows();
  for (const r of records) rows.add(parseLossless(r));
  return tabulate(rows, opts);
}

const READABLE = [
  'grid', 'outline', 'simple_grid', 'rounded_grid', 'heavy_grid', 'mixed_grid', 'double_grid', 'fancy_grid',
  'simple_outline', 'rounded_outline', 'heavy_outline', 'mixed_outline', 'double_outline', 'fancy_outline',
  'psql', 'pretty', 'github', 'pipe', 'orgtbl', 'simple', 'rst', 'presto', 'html', 'unsafehtml',
];

/** Seeded records of plain scalars: numbers as written, words (some with
 * spaces, bars, dashes, CJK), booleans and nulls; every key in every record. */
function records(seed: number, n: number): string[] {
  const rand = rng(seed);
  const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)];
  const words = ['alpha', 'two words', 'a|b', '-', 'x-y', '東京', 'Ünïcode', 'end.', '(paren)', '1.2.3', 'TRUE'];
  const keys = ['name', 'price', 'n', 'ok', 'note'].slice(0, 2 + Math.floor(rand() * 4));
  const value = (k: number): string => {
    const r = rand();
    if (r < 0.1) return 'null';
    if (k === 1 || r < 0.3) return pick(['0', '-7', '9.99', '1234.5', '1e-05', '12345678901234567890', '-0.25']);
    if (r < 0.4) return pick(['true', 'false']);
    return JSON.stringify(pick(words));
  };
  return Array.from({ length: n }, () => `{${keys.map((key, k) => `${JSON.stringify(key)}:${value(k)}`).join(',')}}`);
}

describe('table reader', () => {
  for (const style of READABLE)
    it(`${style}: the records it was written from`, () => {
      for (let seed = 1; seed <= 5; seed++) {
        const recs = records(seed * 31 + style.length, 1 + (seed % 4));
        assert.deepEqual(read(write(recs, { style })), recs, `seed ${seed}`);
      }
    });

  it('with --showindex the index column comes back under the name 1', () => {
    assert.deepEqual(read(write(['{"a":"x"}', '{"a":"y"}'], { style: 'grid', showindex: true })), ['{"1":0,"a":"x"}', '{"1":1,"a":"y"}']);
  });

  it('grid: the lines of a wrapped row are joined; psql/outline: each line is a record', () => {
    const text = write(['{"d":"This is a rather long description that wraps","n":1}', '{"d":"short","n":2}'], { style: 'grid', maxcolwidths: 12 });
    assert.equal(text.split('\n').length > 8, true);
    assert.deepEqual(read(text), ['{"d":"This is a rather long description that wraps","n":1}', '{"d":"short","n":2}']);
    assert.deepEqual(read('+---+---+\n| a | b |\n|---+---|\n| 1 | x |\n| 2 | y |\n+---+---+\n'), ['{"a":1,"b":"x"}', '{"a":2,"b":"y"}']);
  });

  it('reads the markdown table of the original demo, and unaligned hand-written pipes', () => {
    const md = '| language | year | creator     |\n|----------|------|-------------|\n| Python   | 1991 | Guido       |\n| Rust     | 2010 | Graydon     |\n| Go       | 2009 | Rob Pike    |';
    assert.deepEqual(read(md), [
      '{"language":"Python","year":1991,"creator":"Guido"}',
      '{"language":"Rust","year":2010,"creator":"Graydon"}',
      '{"language":"Go","year":2009,"creator":"Rob Pike"}',
    ]);
    assert.deepEqual(read('|a|b|\n|:-|-:|\n| 1 | two words |\n|3|\n'), ['{"a":1,"b":"two words"}', '{"a":3,"b":null}']);
  });

  it('several tables, text around them; header names as in csv (empty: the column number, repeated: _2)', () => {
    const text = 'Report\n\n+---+---+\n| a | a |\n+===+===+\n| 1 | 2 |\n+---+---+\nsome text\n| x |  |\n|---|--|\n| y | z |\n\nname   n\n-----  -\nbob    1\n\n';
    assert.deepEqual(read(text), ['{"a":1,"a_2":2}', '{"x":"y","2":"z"}', '{"name":"bob","n":1}']);
  });

  it('cells: trimmed, empty is null, JSON literals and Python booleans are values, the rest strings', () => {
    const text = '| a | b | c | d | e | f | g |\n|---|---|---|---|---|---|---|\n|  | null | True | False | 1e+06 | 01 | "q" |\n';
    assert.deepEqual(read(text), ['{"a":null,"b":null,"c":true,"d":false,"e":1e+06,"f":"01","g":"\\"q\\""}']);
  });

  it('rst: an empty first cell (..) is null; simple without a header names columns by number', () => {
    assert.deepEqual(read(write(['{"a":"","b":1}', '{"a":"z","b":2}'], { style: 'rst' })), ['{"a":null,"b":1}', '{"a":"z","b":2}']);
    assert.deepEqual(read('---  --\nab   1\ncd   2\n---  --\n'), ['{"1":"ab","2":1}', '{"1":"cd","2":2}']);
  });

  it('HTML tables: anywhere in a line, the first row of <th> the header, tags dropped, entities decoded', () => {
    assert.deepEqual(read('<p>x</p><table><tr><th>k</th><th>v</th></tr><tr><td><b>one</b> &amp; &#x27;two&#39;</td><td> 1 </td></tr></table>'), ['{"k":"one & \'two\'","v":1}']);
    assert.deepEqual(read('<table>\n<tr><td>1</td><td>2</td></tr>\n</table>\n'), ['{"1":1,"2":2}']);
  });

  it("psql's own output (presto-like): the row count line ends the table", () => {
    assert.deepEqual(read(' id | name\n----+-------\n  1 | alice\n  2 | bob\n(2 rows)\n'), ['{"id":1,"name":"alice"}', '{"id":2,"name":"bob"}']);
  });
});
