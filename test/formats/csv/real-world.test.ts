// Real-world CSV/TSV files end to end: `node dist/jn.js cat FILE` (and
// `jn put`, `jn inspect`) as real processes on files generated (seeded) in a
// temp dir. Each case is one of the hardening issue's: old-Mac line ends,
// TSV with quotes in its fields, stray quotes in CSV, Excel's sep= line, a
// ragged row's hint, delimiter detection and what jn inspect says of it.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { jn, ndjson, rng, splitMark, tempDir } from '../../helpers.js';

const dir = tempDir('jn-csv-real-');
const file = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describe('old-Mac and mixed line ends', () => {
  it('a CR-only CSV gives all its records (it gave 0 records and exit 0)', async () => {
    const rand = rng(1);
    let text = 'id,name,price\r';
    for (let i = 1; i <= 2000; i++) text += `${i},"n ${i}",${(rand() * 100).toFixed(2)}\r`;
    const res = await jn(['cat', file('mac.csv', text)]);
    assert.equal(res.code, 0, res.stderr);
    const rows = ndjson(res.stdout) as { id: number; name: string }[];
    assert.equal(rows.length, 2000);
    assert.deepEqual([rows[0].id, rows[1999].id, rows[1999].name], [1, 2000, 'n 2000']);
  });

  it('CRLF, LF and lone CR mixed in one file: every row is read, errors count lines right', async () => {
    const res = await jn(['cat', file('mixed.csv', 'a,b\r\n1,2\r3,4\n5,6\r\n')]);
    assert.equal(res.code, 0, res.stderr);
    assert.equal(res.stdout, '{"a":1,"b":2}\n{"a":3,"b":4}\n{"a":5,"b":6}\n');
    const bad = await jn(['cat', file('mixed-bad.csv', 'a,b\r\n1,2\r3\n')]);
    assert.equal(bad.code, 3);
    assert.match(bad.stderr, /^jn: csv read: .*mixed-bad\.csv: line 3: expected 2 fields/);
  });

  it('a CR-only TSV', async () => {
    const res = await jn(['cat', file('mac.tsv', 'a\tb\r1\tx\r2\ty\r')]);
    assert.equal(res.code, 0, res.stderr);
    assert.equal(res.stdout, '{"a":1,"b":"x"}\n{"a":2,"b":"y"}\n');
  });
});

/** A TSV like the issue's: 40 columns, text fields that contain or start
 * with '"' here and there (row 13,512 column 30 among them). */
function quotyTsv(rows: number): { text: string; row13512: string } {
  const rand = rng(13512);
  const texts = ['plain', '"quoted" start', 'say "hi"', '5" disk', '"', 'a "b" c', 'end"'];
  let text = Array.from({ length: 40 }, (_, i) => `c${i + 1}`).join('\t') + '\n';
  let row13512 = '';
  for (let r = 1; r <= rows; r++) {
    const f = Array.from({ length: 40 }, (_, i) => (i % 5 === 4 ? texts[Math.floor(rand() * texts.length)] : String(r * 40 + i)));
    if (r === 13512) f[29] = row13512 = '"Hello," she said';
    text += f.join('\t') + '\n';
  }
  return { text, row13512 };
}

describe('TSV files with quotes in their fields', () => {
  it('are read as text, like Miller (they failed at line 13512, column 30)', async () => {
    const { text, row13512 } = quotyTsv(15_000);
    const path = file('quoty.tsv', text);
    const res = await jn(['cat', path]);
    assert.equal(res.code, 0, res.stderr);
    const rows = ndjson(res.stdout) as Record<string, unknown>[];
    assert.equal(rows.length, 15_000);
    assert.equal(rows[13511].c30, row13512);
    // every field comes back as written
    const lines = text.split('\n');
    for (const r of [0, 1, 777, 13511, 14999]) {
      const want = lines[r + 1].split('\t');
      assert.deepEqual(Object.values(rows[r]).map(String), want, `row ${r + 1}`);
    }
  });

  it('?quote=true reads RFC 4180 quotes, and says how to turn them off', async () => {
    const path = file('q.tsv', 'a\tb\n"x\ty"\t1\n"Hello," she said\t2\n');
    const res = await jn(['cat', `${path}?quote=true`]);
    assert.equal(res.code, 3);
    assert.equal(splitMark(res.stdout).records, '{"a":"x\\ty","b":1}\n');
    assert.equal(res.stderr, `jn: tsv read: ${path}?quote=true: line 3, column 9: unexpected character after closing quote (?quote=false reads quotes as text)\n`);
  });

  it('escapes \\t \\n \\r \\\\ are read, and jn put writes them: a round trip through .tsv', async () => {
    const rand = rng(7);
    const parts = ['a', '\t', '\n', '\r\n', '\\', '\\t', '"', '""', 'é', ','];
    const records: Record<string, string | number>[] = [];
    for (let i = 0; i < 300; i++) {
      let v = '';
      for (let k = Math.floor(rand() * 5); k > 0; k--) v += parts[Math.floor(rand() * parts.length)];
      records.push({ id: i, v, w: rand() < 0.2 ? '' : `w${i}` });
    }
    const input = records.map((r) => JSON.stringify(r)).join('\n') + '\n';
    const out = join(dir, 'round.tsv');
    const put = await jn(['put', out], { input });
    assert.equal(put.code, 0, put.stderr);
    const written = readFileSync(out, 'utf8');
    assert.equal(written.split('\n').length, 302, 'one line per record: no raw tab or newline inside a field');
    const res = await jn(['cat', out]);
    assert.equal(res.code, 0, res.stderr);
    assert.equal(res.stdout, input);
    const direct = await jn(['cat', file('esc.tsv', 'k\tv\nx\\ty\tC:\\\\temp\\n1\n')]);
    assert.equal(direct.stdout, '{"k":"x\\ty","v":"C:\\\\temp\\n1"}\n');
  });

  it('a one-column TSV keeps its empty values through jn put and jn cat', async () => {
    const input = '{"name":"a"}\n{"name":""}\n{"name":"c"}\n';
    const out = join(dir, 'one.tsv');
    assert.equal((await jn(['put', out], { input })).code, 0);
    assert.equal((await jn(['cat', out])).stdout, input);
  });
});

describe('CSV with stray quotes', () => {
  const text = 'id,desc,n\n1,plain,2\n2,"x"y,3\n3,5" disk,4\n4,"ok, quoted",5\n';

  it('fail by default, naming ?relax-quotes=true', async () => {
    const path = file('stray.csv', text);
    const res = await jn(['cat', path]);
    assert.equal(res.code, 3);
    assert.equal(splitMark(res.stdout).records, '{"id":1,"desc":"plain","n":2}\n');
    assert.equal(res.stderr, `jn: csv read: ${path}: line 3, column 6: unexpected character after closing quote (add ?relax-quotes=true to keep stray quotes as text)\n`);
  });

  it('?relax-quotes=true keeps them as text (read by csv-parse), quoted fields as usual', async () => {
    const path = file('stray2.csv', text);
    const res = await jn(['cat', `${path}?relax-quotes=true`]);
    assert.equal(res.code, 0, res.stderr);
    assert.deepEqual(ndjson(res.stdout), [
      { id: 1, desc: 'plain', n: 2 },
      { id: 2, desc: '"x"y', n: 3 },
      { id: 3, desc: '5" disk', n: 4 },
      { id: 4, desc: 'ok, quoted', n: 5 },
    ]);
  });

  it('?relax-quotes=true: ragged rows and unterminated quotes name their lines; many rows stream through', async () => {
    let res = await jn(['cat', `${file('r1.csv', 'a,b\n1,"x"y\n"p\nq",2\n3\n')}?relax-quotes=true`]);
    assert.equal(res.code, 3);
    assert.equal(splitMark(res.stdout).records, '{"a":1,"b":"\\"x\\"y"}\n{"a":"p\\nq","b":2}\n');
    assert.match(res.stderr, /: line 5: expected 2 fields \(from the header\), got 1; add \?allow-ragged=true/);
    res = await jn(['cat', `${file('r2.csv', 'a,b\n1,2\n3,"open\n')}?relax-quotes=true`]);
    assert.equal(res.code, 3);
    assert.match(res.stderr, /: line 3: unterminated quoted field\n$/);
    let big = 'a,b\n';
    for (let i = 0; i < 30_000; i++) big += `${i},"q"${i}\n`; // several 256 KiB reads
    res = await jn(['cat', `${file('r3.csv', big)}?relax-quotes=true`]);
    assert.equal(res.code, 0, res.stderr);
    const rows = ndjson(res.stdout) as { a: number; b: string }[];
    assert.equal(rows.length, 30_000);
    assert.deepEqual(rows[29_999], { a: 29_999, b: '"q"29999' });
  });
});

describe("Excel's sep= line, ragged rows", () => {
  it('sep=; names the delimiter and is not data (BOM, CRLF)', async () => {
    const res = await jn(['cat', file('excel.csv', '\uFEFFsep=;\r\nname;price\r\nTee;9,90\r\nCap;12\r\n')]);
    assert.equal(res.code, 0, res.stderr);
    assert.equal(res.stdout, '{"name":"Tee","price":"9,90"}\n{"name":"Cap","price":12}\n');
  });

  it('a ragged row says how to accept it', async () => {
    const path = file('ragged.csv', 'a,b,c\n1,2,3\n4,5,6,7\n');
    const res = await jn(['cat', path]);
    assert.equal(res.code, 3);
    assert.equal(res.stderr, `jn: csv read: ${path}: line 3: expected 3 fields (from the header), got 4; add ?allow-ragged=true to read ragged rows\n`);
    const ok = await jn(['cat', `${path}?allow-ragged=true`]);
    assert.equal(ok.code, 0);
    assert.equal(ok.stdout, '{"a":1,"b":2,"c":3}\n{"a":4,"b":5,"c":6,"4":7}\n');
  });
});

describe('delimiter detection', () => {
  it('a .csv with ; tab or | in its header row is read with it', async () => {
    for (const d of [';', '\t', '|']) {
      const res = await jn(['cat', file(`d${d.charCodeAt(0)}.csv`, `a${d}b${d}c\n1${d}2,5${d}"x${d}y"\n`)]);
      assert.equal(res.code, 0, res.stderr);
      assert.equal(res.stdout, `{"a":1,"b":"2,5","c":"x${d === '\t' ? '\\t' : d}y"}\n`, JSON.stringify(d));
    }
  });

  it('an explicit ?delimiter= always wins; ~csv on another extension detects; a .tsv is tab', async () => {
    const semi = file('semi.csv', 'a;b\n1;2\n');
    assert.equal((await jn(['cat', `${semi}?delimiter=,`])).stdout, '{"a;b":"1;2"}\n');
    assert.equal((await jn(['cat', `${file('export.txt', 'a;b\n1;2\n')}~csv`])).stdout, '{"a":1,"b":2}\n');
    assert.equal((await jn(['cat', file('semi.tsv', 'a;b\tc\n1;2\t3\n')])).stdout, '{"a;b":"1;2","c":3}\n');
  });

  it('jn inspect says what was detected (text and --json)', async () => {
    const semi = file('inspect.csv', 'a;b\n1;2\n');
    let res = await jn(['inspect', semi]);
    assert.equal(res.code, 0, res.stderr);
    assert.equal(res.stdout.split('\n').at(-2), '  dialect: delimiter ";" (detected from the first rows), RFC 4180 quotes');
    res = await jn(['inspect', '--json', semi, `${semi}?delimiter=pipe`, file('inspect-sep.csv', 'sep=|\na|b\n'), file('inspect.tsv', 'a\tb\n')]);
    assert.equal(res.code, 0, res.stderr);
    const dialects = ndjson(res.stdout).map((i) => (i as { dialect: unknown }).dialect);
    assert.deepEqual(dialects, [
      { delimiter: ';', source: 'detected', sepLine: false, quote: true, escapes: false },
      { delimiter: '|', source: 'option', sepLine: false, quote: true, escapes: false },
      { delimiter: '|', source: 'sep line', sepLine: true, quote: true, escapes: false },
      { delimiter: '\t', source: 'default', sepLine: false, quote: false, escapes: true },
    ]);
  });
});
