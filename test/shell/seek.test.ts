// Seeking in a source file (src/shell/seek): which sources can seek, the
// first record boundary at or after a byte offset (exact for NDJSON and
// unquoted TSV; for CSV the two-guess rule of resync.ts), and the processes
// that read the source from a boundary on through its own plugin chain.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { resyncAt, seekable, stagesFrom, type Seekable } from '../../src/shell/seek/index.ts';
import { resyncWindow, WINDOW } from '../../src/shell/seek/resync.ts';
import { startPipeline } from '../../src/pipeline/spawn.ts';
import { rng, tempDir } from '../helpers.ts';
import { csvFile, firstAtOrAfter, ndjsonFile, type Generated } from './seek-data.ts';

const dir = tempDir('jn-seek-');

function open(source: string): Seekable {
  const s = seekable(source);
  if ('reason' in s) throw new Error(s.reason);
  return s;
}

/** resyncWindow at `offset` on the file's bytes, as resyncAt reads them. */
function windowAt(bytes: Buffer, src: Seekable, offset: number) {
  if (offset <= src.headerBytes) return { byte: src.headerBytes, exact: true };
  const w = bytes.subarray(offset - 1, offset - 1 + WINDOW);
  const r = resyncWindow(w, offset - 1, src, offset - 1 + w.length >= bytes.length);
  return { byte: r.byte ?? bytes.length, exact: r.exact };
}

/** Records of the stages reading `src` from `byte` (all, or the first `max`). */
async function recordsFrom(src: Seekable, byte: number, max = Infinity, skipRows?: number): Promise<Record<string, unknown>[]> {
  const { stages, stdin, closeAfterSpawn } = stagesFrom(src, byte, { skipRows });
  const p = startPipeline(stages, { stdin, stdout: 'pipe', closeAfterSpawn });
  const rows: Record<string, unknown>[] = [];
  let rest = '';
  p.stdout!.setEncoding('utf8');
  p.stdout!.on('data', (s: string) => {
    const lines = (rest + s).split('\n');
    rest = lines.pop()!;
    for (const l of lines) if (rows.length < max) rows.push(JSON.parse(l));
    if (rows.length >= max) p.stdout!.destroy();
  });
  p.stdout!.on('error', () => {});
  const result = await p.done;
  assert.equal(result.failure, undefined, JSON.stringify(result.failure));
  return rows;
}

describe('seekable', () => {
  it('takes plain NDJSON, CSV and TSV files, with the header of CSV/TSV', () => {
    const g = csvFile(dir, 's.csv', 20, rng(1));
    const s = open(g.path);
    assert.equal(s.format, 'csv');
    assert.equal(s.headerBytes, g.headerBytes);
    assert.equal(s.size, g.size);
    assert.equal(s.columns, 3);
    writeFileSync(join(dir, 's.tsv'), 'a\tb\n1\t2\n');
    assert.equal(open(join(dir, 's.tsv')).format, 'tsv');
    assert.equal(open(join(dir, 's.tsv')).rules.quote, false);
    writeFileSync(join(dir, 's.jsonl'), '{"a":1}\n');
    assert.deepEqual([open(join(dir, 's.jsonl')).format, open(join(dir, 's.jsonl')).headerBytes], ['ndjson', 0]);
    writeFileSync(join(dir, 'sep.csv'), '\ufeffsep=;\nx;y\n1;2\n');
    assert.equal(open(join(dir, 'sep.csv')).headerBytes, Buffer.byteLength('\ufeffsep=;\nx;y\n'));
    assert.equal(open(`${join(dir, 'sep.csv')}?header=false`).headerBytes, Buffer.byteLength('\ufeffsep=;\n'));
  });

  it('says in one line why other sources cannot seek', () => {
    writeFileSync(join(dir, 'x.json'), '[]');
    writeFileSync(join(dir, 'x.csv.gz'), '');
    const cases: [string, RegExp][] = [
      ['-', /stdin/],
      ['https://example.com/a.csv', /https:\/\/ sources/],
      [join(dir, 'x.json'), /json files are not read line by line/],
      [join(dir, 'x.csv.gz'), /gz compressed/],
      [join(dir, 'missing.csv'), /missing\.csv: no such file/],
      [join(dir, '*.nomatch.csv'), /glob/],
      [dir, /not a regular file/],
    ];
    for (const [source, why] of cases) {
      const s = seekable(source);
      assert.ok('reason' in s, source);
      assert.match(s.reason, why);
      assert.doesNotMatch(s.reason, /\n/);
    }
  });
});

describe('resyncAt', () => {
  it('NDJSON: the next line start, exact, at every offset', async () => {
    const g = ndjsonFile(dir, 'r.jsonl', 400, rng(2));
    const src = open(g.path);
    const bytes = readFileSync(g.path);
    for (let o = 0; o <= g.size; o++) {
      const want = o === 0 ? 0 : firstAtOrAfter(g.lineStarts, o, g.size);
      assert.deepEqual(windowAt(bytes, src, o), { byte: want, exact: true }, `offset ${o}`);
    }
    const r = rng(3);
    for (let i = 0; i < 50; i++) {
      const o = Math.floor(r() * g.size);
      assert.deepEqual(await resyncAt(src, o), { byte: o === 0 ? 0 : firstAtOrAfter(g.lineStarts, o, g.size), exact: true });
    }
  });

  const csvCases = [
    { eol: '\n', stray: false, most: 0.002 },
    { eol: '\r\n', stray: false, most: 0.002 },
    // a quote inside an unquoted field (5 inch") can close a quoted field
    // guessed at the window's start: those places stay undecided
    { eol: '\n', stray: true, most: 0.3 },
  ];
  for (const { eol, stray, most } of csvCases) {
    it(`CSV with quoted line ends (${JSON.stringify(eol)}${stray ? ', stray quotes' : ''}): exact answers are the next row start; inexact ones at most ${most * 100}%`, async () => {
      const g: Generated = csvFile(dir, `r${eol.length}${stray}.csv`, 6000, rng(4), eol, stray);
      const src = open(g.path);
      assert.equal(src.rules.eol, 10);
      const bytes = readFileSync(g.path);
      const r = rng(5);
      let inexact = 0;
      let inexactRight = 0;
      const n = 4000;
      for (let i = 0; i < n; i++) {
        const o = Math.floor(r() * g.size);
        const got = windowAt(bytes, src, o);
        const want = o <= g.headerBytes ? g.headerBytes : firstAtOrAfter(g.starts, o, g.size);
        if (got.exact) assert.equal(got.byte, want, `offset ${o}`);
        else {
          inexact++;
          if (got.byte === want) inexactRight++;
        }
      }
      assert.ok(inexact <= n * most, `${inexact} inexact answers of ${n}`);
      if (inexact > 0) assert.ok(inexactRight >= inexact * 0.5, `${inexactRight} of ${inexact} inexact answers right`);
      for (let i = 0; i < 30; i++) {
        const o = Math.floor(r() * g.size);
        const got = await resyncAt(src, o);
        assert.deepEqual(got, windowAt(bytes, src, o));
      }
    });
  }

  it('CSV: a quoted field that reads as rows either way is answered inexact', async () => {
    const text = 'a,b,c\n1,"x\n2,3,4\n5,6",7\n' + Array.from({ length: 50 }, (_, i) => `${i},${i},${i}\n`).join('');
    const path = join(dir, 'ambiguous.csv');
    writeFileSync(path, text);
    const src = open(path);
    const inX = text.indexOf('x') + 1;
    const got = await resyncAt(src, inX);
    assert.equal(got.exact, false);
    assert.ok([text.indexOf('2,3,4'), text.indexOf('0,0,0')].includes(got.byte), String(got.byte));
    // the same place, without the look-alike rows, is decided
    const plain = 'a,b,c\n1,"x\nyz",7\n' + Array.from({ length: 50 }, (_, i) => `${i},${i},${i}\n`).join('');
    writeFileSync(path, plain);
    assert.deepEqual(await resyncAt(open(path), plain.indexOf('x') + 1), { byte: plain.indexOf('0,0,0'), exact: true });
  });

  it('TSV (quotes are text): the next line start, exact', async () => {
    const lines = ['a\tb\n', ...Array.from({ length: 300 }, (_, i) => `${i}\t"q ${i}\n`)];
    const path = join(dir, 'q.tsv');
    writeFileSync(path, lines.join(''));
    const src = open(path);
    const starts: number[] = [];
    let at = 0;
    for (const l of lines) {
      starts.push(at);
      at += l.length;
    }
    for (let o = 4; o < at; o += 7) assert.deepEqual(await resyncAt(src, o), { byte: firstAtOrAfter(starts, o, at), exact: true });
  });
});

describe('lone CR line ends (old Mac files)', () => {
  it('are found from the first line: resync and the rows from a boundary', async () => {
    const lines = ['id,t\r', ...Array.from({ length: 200 }, (_, i) => `${i},"a\rb ${i}"\r`)];
    const text = lines.join('');
    const path = join(dir, 'mac.csv');
    writeFileSync(path, text);
    const src = open(path);
    assert.equal(src.rules.eol, 13);
    const at = text.indexOf('b 100');
    const got = await resyncAt(src, at);
    assert.deepEqual(got, { byte: text.indexOf('101,'), exact: true });
    assert.deepEqual((await recordsFrom(src, got.byte, 2)).map((r) => [r.id, r.t]), [[101, 'a\rb 101'], [102, 'a\rb 102']]);
  });
});

describe('stagesFrom', () => {
  it('CSV: the rows from a boundary on, through the csv plugin, header first', async () => {
    const g = csvFile(dir, 'p.csv', 3000, rng(6));
    const src = open(g.path);
    for (const row of [0, 1, 1234, 2999]) {
      const got = await recordsFrom(src, g.starts[row], 5);
      assert.deepEqual(
        got.map((r) => [r.id, r.text]),
        g.texts.slice(row, row + 5).map((t, i) => [row + i, t]),
      );
    }
    assert.deepEqual(await recordsFrom(src, g.size), []);
  });

  it('skipRows: the rows after `skipRows` rows from the boundary (quoted line ends counted right)', async () => {
    const g = csvFile(dir, 'k.csv', 3000, rng(7));
    const src = open(g.path);
    const got = await recordsFrom(src, g.starts[100], 3, 1900);
    assert.deepEqual(
      got.map((r) => r.id),
      [2000, 2001, 2002],
    );
    assert.deepEqual(await recordsFrom(src, g.starts[2990], 3, 50), []);
  });

  it('NDJSON from a boundary, and a ;-delimited CSV keeps the delimiter the start of the file chose', async () => {
    const g = ndjsonFile(dir, 'p.jsonl', 500, rng(8));
    const src = open(g.path);
    assert.deepEqual(
      (await recordsFrom(src, g.starts[250])).map((r) => r.id),
      Array.from({ length: 250 }, (_, i) => 250 + i),
    );
    // the rows after the offset hold more commas than semicolons
    const text = 'a;b\n' + Array.from({ length: 20 }, (_, i) => (i < 10 ? `${i};x\n` : `${i};"1,2,3"\n`)).join('');
    const path = join(dir, 'semi.csv');
    writeFileSync(path, text);
    const rows = await recordsFrom(open(path), text.indexOf('10;'));
    assert.deepEqual(rows[0], { a: 10, b: '1,2,3' });
  });
});
