import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { jn, ndjson, splitMark, tempDir } from '../helpers.ts';

const dir = tempDir();
const env = { ...process.env, JN_HOME: join(dir, 'home') };
const opts = { cwd: dir, env };
writeFileSync(join(dir, 'a.csv'), 'id,name,score\n1,Ann,9.5\n2,"Bob, Jr.",007\n');
writeFileSync(join(dir, 'b.csv'), 'id,name,score\n3,Cy,10\n');
writeFileSync(join(dir, 'semi.txt'), 'x;y\n1;2\n');

describe('jn cat', () => {
  it('reads CSV as typed NDJSON', async () => {
    const r = await jn(['cat', 'a.csv'], opts);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(ndjson(r.stdout), [
      { id: 1, name: 'Ann', score: 9.5 },
      { id: 2, name: 'Bob, Jr.', score: '007' },
    ]);
  });

  it('reads several addresses and globs in order', async () => {
    const r = await jn(['cat', 'b.csv', '*.csv'], opts);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(ndjson(r.stdout).map((x) => (x as { id: number }).id), [3, 1, 2, 3]);
  });

  it('format override and params reach the plugin', async () => {
    const r = await jn(['cat', 'semi.txt~csv?delimiter=;'], opts);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(ndjson(r.stdout), [{ x: 1, y: 2 }]);
  });

  it('decompresses .gz before the format plugin (file made by the system gzip)', async () => {
    execFileSync('sh', ['-c', 'gzip -c a.csv > a.csv.gz'], { cwd: dir });
    const r = await jn(['cat', 'a.csv.gz'], opts);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(ndjson(r.stdout).length, 2);
  });

  it('reads stdin as NDJSON, or in a named format', async () => {
    const r = await jn(['cat', '-'], { ...opts, input: '{"a": 1}\n\n{"b":[1, 2]}\n' });
    assert.equal(r.stdout, '{"a":1}\n{"b":[1,2]}\n');
    const c = await jn(['cat', '-~csv'], { ...opts, input: 'k\nv\n' });
    assert.equal(c.stdout, '{"k":"v"}\n');
  });

  it('csv typing can be turned off by .jnrc, environment or param', async () => {
    const proj = join(dir, 'proj');
    mkdirSync(proj, { recursive: true });
    writeFileSync(join(proj, 'n.csv'), 'n\n42\n');
    writeFileSync(join(proj, '.jnrc'), '[csv]\ninfer = false\n');
    assert.equal((await jn(['cat', 'n.csv'], { cwd: proj, env })).stdout, '{"n":"42"}\n');
    writeFileSync(join(proj, '.jnrc'), '');
    assert.equal((await jn(['cat', 'n.csv'], { cwd: proj, env })).stdout, '{"n":42}\n');
    assert.equal((await jn(['cat', 'n.csv'], { cwd: proj, env: { ...env, JN_CSV_INFER: 'false' } })).stdout, '{"n":"42"}\n');
    assert.equal((await jn(['cat', 'n.csv?infer=false'], { cwd: proj, env })).stdout, '{"n":"42"}\n');
  });
});

describe('jn cat: bad input gives one line naming stage, source and line, and a documented status', () => {
  const cases: [string, string, string, number, RegExp][] = [
    ['missing file', 'nope.csv', '', 4, /^jn: cat: nope\.csv: no such file or directory$/],
    ['unknown format', 'data.xyz', 'x', 2, /^jn: cat: data\.xyz: unknown format: no plugin reads "data\.xyz"/],
    ['directory', 'adir', '', 4, /^jn: cat: adir: is a directory$/],
    ['unterminated quote', 'q.csv', 'a,b\n1,"x\n2,y\n', 3, /^jn: csv read: q\.csv: line 2, column 3: unterminated quoted field$/],
    ['ragged row', 'r.csv', 'a,b\n1,2\n3,4,5\n', 3, /^jn: csv read: r\.csv: line 3: expected 2 fields \(from the header\), got 3; add \?allow-ragged=true to read ragged rows$/],
    ['invalid JSON line', 'bad.jsonl', '{"a":1}\n{"a":\n', 3, /^jn: jsonl read: bad\.jsonl: line 2, column \d+: invalid JSON/],
    ['binary garbage', 'bin.csv', 'a,b\n\u0000\u0001\u00ff\n', 3, /^jn: csv read: bin\.csv: line 2: binary data/],
    ['not gzip', 'fake.csv.gz', 'a,b\n1,2\n', 3, /^jn: gz read: fake\.csv\.gz: not gzip data/],
    ['unknown option', '--bogus', '', 2, /^jn: cat: unknown option --bogus/],
  ];
  mkdirSync(join(dir, 'adir'), { recursive: true });
  for (const [what, file, content, code, message] of cases) {
    it(what, async () => {
      if (content) writeFileSync(join(dir, file), content);
      const r = await jn(['cat', file], opts);
      assert.equal(r.code, code, r.stderr);
      const lines = r.stderr.split('\n').filter(Boolean);
      assert.equal(lines.length, 1, `one line expected, got: ${r.stderr}`);
      assert.match(lines[0], message);
    });
  }

  it('rows before the error are still written', async () => {
    writeFileSync(join(dir, 'late.csv'), 'a\n1\n2\n"3\n');
    const r = await jn(['cat', 'late.csv'], opts);
    assert.equal(r.code, 3);
    const { records, mark } = splitMark(r.stdout);
    assert.equal(records, '{"a":1}\n{"a":2}\n');
    assert.deepEqual(mark, { stage: 'csv read', source: 'late.csv', reason: 'line 4, column 1: unterminated quoted field', status: 3 });
  });
});

describe('jn put', () => {
  it('writes each format from NDJSON, creating the file', async () => {
    const input = '{"a":1,"b":"x, y"}\n{"a":2,"b":null}\n';
    for (const [file, expected] of [
      ['o.csv', 'a,b\n1,"x, y"\n2,\n'],
      ['o.jsonl', input],
    ] as const) {
      const r = await jn(['put', file], { ...opts, input });
      assert.equal(r.code, 0, r.stderr);
      assert.equal(readFileSync(join(dir, file), 'utf8'), expected);
    }
    const j = await jn(['put', 'o.json'], { ...opts, input });
    assert.equal(j.code, 0, j.stderr);
    assert.deepEqual(JSON.parse(readFileSync(join(dir, 'o.json'), 'utf8')), ndjson(input));
  });

  it('compresses .gz after the format (readable by the system gunzip)', async () => {
    const r = await jn(['put', 'o.csv.gz'], { ...opts, input: '{"a":1}\n' });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(execFileSync('gunzip', ['-c', join(dir, 'o.csv.gz')], { encoding: 'utf8' }), 'a\n1\n');
  });

  it('writes to stdout in a named format', async () => {
    const r = await jn(['put', '-~csv'], { ...opts, input: '{"a":1}\n' });
    assert.equal(r.stdout, 'a\n1\n');
    const t = await jn(['put', '-~table?tablefmt=github'], { ...opts, input: '{"a":1}\n' });
    assert.equal(t.code, 0, t.stderr);
    assert.match(t.stdout, /^\| +a \|\n/);
  });

  it('a failed put leaves the destination as it was and no temp file', async () => {
    const dest = join(dir, 'keep.csv');
    writeFileSync(dest, 'old,content\n');
    const before = statSync(dest).mtimeMs;
    const lines = Array.from({ length: 50_000 }, (_, i) => JSON.stringify({ i, s: 'x'.repeat(20) }));
    lines.push('{"i": oops}');
    const r = await jn(['put', 'keep.csv'], { ...opts, input: lines.join('\n') + '\n' });
    assert.equal(r.code, 3);
    assert.match(r.stderr.trim(), /^jn: csv write: keep\.csv: line 50001(, column \d+)?: invalid JSON/);
    assert.equal(readFileSync(dest, 'utf8'), 'old,content\n');
    assert.equal(statSync(dest).mtimeMs, before);
    assert.deepEqual(readdirSync(dir).filter((f) => f.includes('.tmp')), []);
  });

  it('binary garbage on stdin fails without creating the destination', async () => {
    const r = await jn(['put', 'garbage.csv'], { ...opts, input: Buffer.from([0x00, 0xff, 0x13, 0x37, 0x0a]) });
    assert.equal(r.code, 3);
    assert.match(r.stderr.trim(), /^jn: csv write: garbage\.csv: line 1/);
    assert.equal(existsSync(join(dir, 'garbage.csv')), false);
  });

  it('keeps the permissions of a file it replaces', async () => {
    const dest = join(dir, 'perm.csv');
    writeFileSync(dest, 'x\n', { mode: 0o600 });
    const r = await jn(['put', 'perm.csv'], { ...opts, input: '{"a":1}\n' });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(statSync(dest).mode & 0o777, 0o600);
  });

  it('an unwritable destination is an I/O error (4)', async () => {
    const r = await jn(['put', 'no/such/dir/o.csv'], { ...opts, input: '{"a":1}\n' });
    assert.equal(r.code, 4);
    assert.match(r.stderr, /^jn: put: no\/such\/dir\/o\.csv: no such file or directory\n$/);
  });
});

describe('CSV round trip through jn cat and jn put', () => {
  it('keeps every field', async () => {
    const rows = ['id,text,n'];
    const texts = ['plain', 'comma, inside', 'quote " inside', 'new\nline', 'crlf\r\nline', 'üñí©ødé', '日本語', '😀 emoji', '', ' spaced '];
    for (let i = 0; i < 200; i++) {
      const t = texts[i % texts.length];
      rows.push(`${i},"${t.replace(/"/g, '""')}",${i % 7 === 0 ? '' : i * 1.5}`);
    }
    writeFileSync(join(dir, 'rt.csv'), rows.join('\r\n') + '\r\n');
    const first = await jn(['cat', 'rt.csv'], opts);
    const put = await jn(['put', 'rt2.csv'], { ...opts, input: first.stdout });
    assert.equal(put.code, 0, put.stderr);
    const second = await jn(['cat', 'rt2.csv'], opts);
    const a = ndjson(first.stdout);
    const b = ndjson(second.stdout);
    assert.equal(a.length, 200);
    assert.deepEqual(b, a);
    assert.equal((a[3] as { text: string }).text, 'new\nline');
  });
});

describe('address params', () => {
  it('a param the plugin does not know is a usage error naming the known ones', async () => {
    const r = await jn(['cat', 'a.csv?delimter=;'], opts);
    assert.equal(r.code, 2);
    assert.equal(r.stderr, 'jn: csv read: a.csv?delimter=;: unknown option --delimter (csv knows: --delimiter, --header, --allow-ragged, --strings, --infer, --quote, --relax-quotes, --encoding)\n');
  });
});
