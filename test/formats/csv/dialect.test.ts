// Unit tests of the real-world CSV/TSV rules: lone CR line ends (mixed with
// LF and CRLF, split anywhere between chunks), the TSV convention (no
// quotes, backslash escapes, written as read), Excel's sep= line and
// delimiter detection.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sampleComplete, sniffDialect } from '../../../src/formats/csv/dialect.js';
import { parseCsv, unescapeField, type CsvParserOptions } from '../../../src/formats/csv/parse.js';
import { csvToNdjson } from '../../../src/formats/csv/read.js';
import { CsvWriter, ndjsonToCsv } from '../../../src/formats/csv/write.js';
import { DataError } from '../../../src/kit/sdk.js';
import { rng } from '../../helpers.js';

type Row = { fields: string[]; line: number };

/** Every split of text into two chunks gives `rows`. */
function sameForEverySplit(text: string, rows: Row[], opts: CsvParserOptions = {}): void {
  assert.deepEqual(parseCsv(text, opts), rows, 'whole');
  for (let i = 0; i <= text.length; i++) assert.deepEqual(parseCsv([text.slice(0, i), text.slice(i)], opts), rows, `split at ${i}`);
  assert.deepEqual(parseCsv([...text], opts), rows, 'one character at a time');
}

function read(text: string, opts = {}): string {
  let out = '';
  csvToNdjson([text], (t) => (out += t), opts);
  return out;
}

describe('line ends: LF, CRLF and lone CR', () => {
  it('an old-Mac file (CR only) gives its rows and lines', () => {
    sameForEverySplit('a,b\r1,2\r3,4\r', [
      { fields: ['a', 'b'], line: 1 },
      { fields: ['1', '2'], line: 2 },
      { fields: ['3', '4'], line: 3 },
    ]);
  });

  it('mixed CR, CRLF and LF: each is one line end; blank lines of any kind are skipped', () => {
    sameForEverySplit('a,b\r\n1,2\r3,4\n\r\r\n5,6\r7,8', [
      { fields: ['a', 'b'], line: 1 },
      { fields: ['1', '2'], line: 2 },
      { fields: ['3', '4'], line: 3 },
      { fields: ['5', '6'], line: 6 },
      { fields: ['7', '8'], line: 7 },
    ]);
  });

  it('inside quotes CR, LF and CRLF are kept as written and counted as lines', () => {
    sameForEverySplit('a,b\r"x\ry",1\r"p\r\nq\nr",2\r3,"z"\r', [
      { fields: ['a', 'b'], line: 1 },
      { fields: ['x\ry', '1'], line: 2 },
      { fields: ['p\r\nq\nr', '2'], line: 4 },
      { fields: ['3', 'z'], line: 7 },
    ]);
  });

  it('errors name the right line after CR line ends', () => {
    try {
      parseCsv('a,b\r1,2\r"x\ry"z,3\r');
      assert.fail('expected an error');
    } catch (err) {
      assert.ok(err instanceof DataError);
      assert.deepEqual([err.line, err.column], [4, 3]);
    }
  });

  it('read mode: an old-Mac file is read, not one record and not none', () => {
    assert.equal(read('id,name\r1,x\r2,y\r'), '{"id":1,"name":"x"}\n{"id":2,"name":"y"}\n');
  });
});

describe('TSV convention: no quotes, backslash escapes', () => {
  const tsv = { delimiter: '\t', quote: false, escapes: true };

  it('quotes are ordinary characters, anywhere in a field', () => {
    sameForEverySplit('a\tb\n"x"\t5" disk\n"open\t"\n', [
      { fields: ['a', 'b'], line: 1 },
      { fields: ['"x"', '5" disk'], line: 2 },
      { fields: ['"open', '"'], line: 3 },
    ], tsv);
  });

  it('\\t \\n \\r \\\\ are decoded; any other backslash is kept', () => {
    assert.equal(unescapeField('a\\tb\\nc\\rd\\\\e\\x\\'), 'a\tb\nc\rd\\e\\x\\');
    assert.equal(unescapeField('\\\\t'), '\\t');
    sameForEverySplit('k\tv\nx\\ty\tC:\\\\dir\\file\n', [
      { fields: ['k', 'v'], line: 1 },
      { fields: ['x\ty', 'C:\\dir\\file'], line: 2 },
    ], tsv);
  });

  it('without escapes (csv --quote=false) backslashes are text', () => {
    assert.deepEqual(parseCsv('a,b\n"x\\t,y"\n', { quote: false }), [
      { fields: ['a', 'b'], line: 1 },
      { fields: ['"x\\t', 'y"'], line: 2 },
    ]);
  });

  it('the writer writes what the reader reads back (seeded random strings)', () => {
    const rand = rng(99);
    const parts = ['a', '\t', '\n', '\r', '\r\n', '\\', '\\t', '\\\\n', '"', '""', ' ', 'é', '😀', ',', ''];
    for (let k = 0; k < 500; k++) {
      const rec: Record<string, string> = {};
      const ncol = 1 + Math.floor(rand() * 3);
      for (let c = 0; c < ncol; c++) {
        let v = '';
        for (let i = Math.floor(rand() * 5); i > 0; i--) v += parts[Math.floor(rand() * parts.length)];
        rec[`k${c}`] = v;
      }
      const line = JSON.stringify(rec) + '\n';
      let written = '';
      ndjsonToCsv([line], (t) => (written += t), { delimiter: '\t', escapes: true });
      assert.equal(read(written, { delimiter: '\t', quote: false, escapes: true, infer: false }), line, JSON.stringify(written));
    }
  });

  it('one column: an empty value is written as a blank line, which reads back as ""', () => {
    let written = '';
    ndjsonToCsv(['{"a":"x"}\n{"a":""}\n{"a":null}\n{"a":"y"}\n'], (t) => (written += t), { delimiter: '\t', escapes: true });
    assert.equal(written, 'a\nx\n\n\ny\n');
    assert.equal(read(written, { delimiter: '\t', quote: false, escapes: true }), '{"a":"x"}\n{"a":""}\n{"a":""}\n{"a":"y"}\n');
    // with more columns a blank line is still skipped
    assert.equal(read('a\tb\n1\t2\n\n3\t4\n', { delimiter: '\t', quote: false, escapes: true }), '{"a":1,"b":2}\n{"a":3,"b":4}\n');
  });

  it('escape mode: a value holding a non-tab delimiter is an error naming the line', () => {
    const w = new CsvWriter({ delimiter: ',', escapes: true });
    assert.equal(w.field('a\tb'), 'a\\tb');
    assert.throws(() => ndjsonToCsv(['{"a":1}\n{"a":"x,y"}\n'], () => {}, { delimiter: ',', escapes: true }), (err: unknown) => {
      assert.ok(err instanceof DataError);
      assert.equal(err.line, 2);
      assert.match(err.message, /holds the delimiter ","/);
      return true;
    });
  });
});

describe('dialect: sep= line and delimiter detection', () => {
  const cases: [string, string, string][] = [
    ['a;b;c\n1;2,5;x\n3;4;5\n', ';', 'detected'],
    ['id,name\n1,"x;y;z"\n2,"p;q"\n', ',', 'detected'],
    ['a\tb\n1\t2\n', '\t', 'detected'],
    ['a|b\n1|2\n', '|', 'detected'],
    ['a;b\n', ';', 'detected'],
    ['"x;y";"z"\n1;2\n', ';', 'detected'],
    ['a,b;c\n1,2\n', ',', 'detected'],
    // a candidate missing from some row is not the delimiter
    ['Price; EUR\n5\n6\n', ',', 'default'],
    ['name\nx\n', ',', 'default'],
    ['', ',', 'default'],
    ['sep=;\r\na,b\n', ';', 'sep line'],
    ['\uFEFFsep=|\na|b\n', '|', 'sep line'],
  ];
  for (const [text, delimiter, source] of cases) {
    it(`${JSON.stringify(text)} -> ${JSON.stringify(delimiter)} (${source})`, () => {
      const d = sniffDialect(text, {});
      assert.deepEqual([d.delimiter, d.source], [delimiter, source]);
      assert.equal(d.sepLine, source === 'sep line');
    });
  }

  it('an explicit delimiter always wins (a sep= line is still skipped); tsv is tab', () => {
    assert.deepEqual(sniffDialect('a;b\n1;2\n', { delimiter: ',' }), { delimiter: ',', source: 'option', sepLine: false });
    assert.deepEqual(sniffDialect('sep=;\na;b\n', { delimiter: '|' }), { delimiter: '|', source: 'option', sepLine: true });
    assert.deepEqual(sniffDialect('a;b\n1;2\n', { flavor: 'tsv', quote: false }), { delimiter: '\t', source: 'default', sepLine: false });
  });

  it('the sample is complete once the first row (after a sep= line) is whole', () => {
    assert.equal(sampleComplete('', true), false);
    assert.equal(sampleComplete('a,b', true), false);
    assert.equal(sampleComplete('a,b\r', true), true);
    assert.equal(sampleComplete('"a\nb",c', true), false);
    assert.equal(sampleComplete('"a\nb",c', false), true);
    assert.equal(sampleComplete('sep=;\n', true), false);
    assert.equal(sampleComplete('sep=;\na;b\n', true), true);
  });

  it('read mode: the sep= line is not data and lines count it', () => {
    assert.equal(read('sep=;\r\na;b\r\n1;2,5\r\n'), '{"a":1,"b":"2,5"}\n');
    assert.throws(() => read('sep=;\na;b\n1;2;3\n'), (err: unknown) => err instanceof DataError && err.line === 3);
  });

  it('read mode: detection from the first chunk, even when it holds only the header', () => {
    let out = '';
    csvToNdjson(['a;b', '\n', '1;2\n3;4\n'], (t) => (out += t));
    assert.equal(out, '{"a":1,"b":2}\n{"a":3,"b":4}\n');
  });

  it('a ragged row names allow-ragged, and the delimiter when the header was one column', () => {
    assert.throws(() => read('a,b\n1,2,3\n'), { message: 'expected 2 fields (from the header), got 3; add ?allow-ragged=true to read ragged rows' });
    assert.throws(() => read('name\nx\ny,z\n'), {
      message: 'expected 1 field (from the header), got 2; add ?allow-ragged=true to read ragged rows; the delimiter "," was the default, ?delimiter= names another',
    });
  });
});
