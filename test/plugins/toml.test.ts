// The toml plugin as a process: metadata, a real pyproject.toml, dates,
// --array both ways, null dropping, errors with line/column, a seeded round
// trip and a downstream close.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ndjson, plugin, pluginBin, rng, root, run } from '../helpers.js';

const fixture = (name: string): string => join(root, 'test', 'fixtures', 'formats', name);

/** Seeded records: everything TOML can hold (no nulls: TOML has none). */
function records(seed: number, count: number): Record<string, unknown>[] {
  const r = rng(seed);
  const pick = <T>(xs: T[]): T => xs[Math.floor(r() * xs.length)];
  const words = ['plain', 'say "hi"', "it's", 'back\\slash', 'tab\there', 'new\nline', '"""', "'''", '日本語', 'café', '😀', '', '\u0001ctl', '\u007fdel', '# hash', '[x]', 'a = b', 'true', '1979-05-27'];
  const out: Record<string, unknown>[] = [];
  for (let i = 0; i < count; i++) {
    out.push({
      id: i,
      name: pick(words) + pick(words),
      price: Math.round(r() * 1e6) / 100,
      neg: -Math.floor(r() * 1e9),
      tiny: r() * 1e-9,
      ok: r() < 0.5,
      tags: Array.from({ length: Math.floor(r() * 4) }, () => pick(words)),
      mixed: [1, 'two', [3, [4]], { five: 5 }],
      nested: { 'key with spaces': { 'ünï.cødé': pick(words), list: [{ a: 1 }, { b: { c: pick(words) } }] }, empty: {}, none: [] },
      [pick(words) || 'k']: pick(words),
    });
  }
  return out;
}

describe('toml plugin: metadata', () => {
  it('answers --jn-meta, with the buffering explained', async () => {
    const res = await plugin('toml', ['--jn-meta']);
    assert.equal(res.code, 0);
    const meta = JSON.parse(res.stdout);
    assert.equal(meta.name, 'toml');
    assert.equal(meta.version, '0.1.0');
    assert.equal(meta.role, 'format');
    assert.deepEqual(meta.modes, ['read', 'write']);
    assert.deepEqual(meta.matches, ['\\.toml$']);
    assert.ok(new RegExp(meta.matches[0]).test('pyproject.toml'));
    assert.deepEqual(Object.keys(meta.buffers), ['read', 'write']);
    assert.deepEqual(
      meta.options.map((o: { name: string }) => o.name),
      ['array', 'encoding'],
    );
  });
});

describe('toml plugin: read', () => {
  it('a real pyproject.toml becomes one record; dates and times become ISO strings; big integers keep their digits', async () => {
    const res = await plugin('toml', ['--mode=read'], readFileSync(fixture('pyproject.toml')));
    assert.equal(res.code, 0, res.stderr);
    assert.equal(res.stdout.split('\n').length, 2);
    assert.match(res.stdout, /"big":9007199254740993\}/); // not rounded to ...992
    const [doc] = ndjson(res.stdout) as Record<string, any>[];
    assert.equal(doc.project.name, 'shop-checkout');
    assert.equal(doc.project.description, 'Checkout service for the "shop" — with Unicode: Grüße');
    assert.deepEqual(doc.project.authors, [{ name: 'Zoë Keller', email: 'zoe@example.com' }, { name: 'Jörg Müller' }]);
    assert.deepEqual(doc.project.license, { text: 'MIT' });
    assert.deepEqual(doc['build-system'], { requires: ['hatchling>=1.21'], 'build-backend': 'hatchling.build' });
    assert.deepEqual(doc.tool.ruff, { 'line-length': 100, 'target-version': 'py310', lint: { select: ['E', 'F', 'I'], ignore: [] } });
    assert.equal(doc.tool.pytest.ini_options.timeout, 30.5);
    const { big: _big, ...release } = doc.tool.release;
    assert.deepEqual(release, {
      first: '2021-06-01',
      last: '2024-01-15T09:30:00Z',
      local: '2024-01-15T09:30:00',
      cutoff: '07:32:00',
    });
    assert.equal(doc.tool.mirror.length, 2);
  });

  it('offset date-times keep their offset; inf and nan become null', async () => {
    const res = await plugin('toml', ['--mode=read'], 'a = 1979-05-27T00:32:00-07:00\nb = inf\nc = -inf\nd = nan\n');
    assert.equal(res.code, 0, res.stderr);
    assert.equal(res.stdout, '{"a":"1979-05-27T00:32:00-07:00","b":null,"c":null,"d":null}\n');
  });

  it('--array=KEY: each table of a top-level array of tables is a record', async () => {
    let res = await plugin('toml', ['--mode=read', '--array=mirror'], '[[mirror]]\nname = "a"\n[[mirror]]\nname = "b"\n[other]\nx = 1\n');
    assert.equal(res.code, 0, res.stderr);
    assert.equal(res.stdout, '{"name":"a"}\n{"name":"b"}\n');
    res = await plugin('toml', ['--mode=read', '--array=nope'], 'a = 1\n');
    assert.equal(res.code, 1);
    assert.equal(res.stderr, 'no top-level key "nope" (--array)\n');
    res = await plugin('toml', ['--mode=read', '--array=a'], '[a]\nx = 1\n');
    assert.equal(res.code, 1);
    assert.equal(res.stderr, 'top-level "a" is a table, not an array (--array)\n');
    res = await plugin('toml', ['--mode=read', '--array'], 'a = 1\n');
    assert.equal(res.code, 2);
  });

  it('empty input gives nothing (as nothing written gives it); a document of comments is an empty table', async () => {
    let res = await plugin('toml', ['--mode=read'], '');
    assert.deepEqual([res.code, res.stdout, res.stderr], [0, '', '']);
    res = await plugin('toml', ['--mode=read'], '# nothing\n');
    assert.deepEqual([res.code, res.stdout, res.stderr], [0, '{}\n', '']);
  });

  const errors: [string, string, string][] = [
    ['a missing value', 'a = 1\nb = \n', 'line 2, column 5: invalid TOML: invalid value\n'],
    ['a redefined key', 'a = 1\n[t]\nx = 1\n[t]\ny = 2\n', 'line 4, column 2: invalid TOML: trying to redefine an already defined table or value\n'],
    ['a string that runs into the line end', 'title = "x\nb = 1\n', 'line 1, column 11: invalid TOML: control characters are not allowed in strings\n'],
  ];
  for (const [name, input, stderr] of errors) {
    it(`${name}: one stderr line with line and column, exit 1`, async () => {
      const res = await plugin('toml', ['--mode=read'], input);
      assert.equal(res.stderr, stderr);
      assert.equal(res.code, 1);
      assert.equal(res.stdout, '');
    });
  }
});

describe('toml plugin: write', () => {
  it('one record is the document; nulls are dropped (in arrays too)', async () => {
    const res = await plugin('toml', ['--mode=write'], '{"title":"x","n":null,"list":[1,null,2],"owner":{"name":"Zoë","gone":null}}\n');
    assert.equal(res.code, 0, res.stderr);
    assert.equal(res.stdout, 'title = "x"\nlist = [ 1, 2 ]\n\n[owner]\nname = "Zoë"\n');
  });

  it('several records become [[records]]; --array=KEY names it and applies to one record too', async () => {
    let res = await plugin('toml', ['--mode=write'], '{"a":1}\n\n{"a":2}\n');
    assert.equal(res.code, 0, res.stderr);
    assert.equal(res.stdout, '# jn records: [[records]]\n[[records]]\na = 1\n\n[[records]]\na = 2\n');
    res = await plugin('toml', ['--mode=write', '--array=item'], '{"a":1}\n');
    assert.equal(res.stdout, '# jn records: [[item]]\n[[item]]\na = 1\n');
  });

  it('writes nothing for no records', async () => {
    const res = await plugin('toml', ['--mode=write'], '');
    assert.deepEqual([res.code, res.stdout, res.stderr], [0, '', '']);
  });

  it('refuses records that are not objects and invalid JSON (line numbers, exit 1)', async () => {
    let res = await plugin('toml', ['--mode=write'], '{"a":1}\n[1,2]\n');
    assert.equal(res.code, 1);
    assert.equal(res.stderr, 'line 2: expected a JSON object, got array (a TOML document is a table)\n');
    res = await plugin('toml', ['--mode=write'], '{"a":1}\n{"a":\n');
    assert.equal(res.code, 1);
    assert.match(res.stderr, /^line 2, column 6: invalid JSON: /);
    assert.equal(res.stdout, '');
  });

  it('round-trips seeded records (several, and one) with the same values', async () => {
    const recs = records(99, 300);
    const input = recs.map((r) => JSON.stringify(r)).join('\n') + '\n';
    const written = await plugin('toml', ['--mode=write'], input);
    assert.equal(written.code, 0, written.stderr);
    const back = await plugin('toml', ['--mode=read', '--array=records'], written.stdout);
    assert.equal(back.code, 0, back.stderr);
    assert.deepEqual(ndjson(back.stdout), recs);

    const one = await plugin('toml', ['--mode=write'], JSON.stringify(recs[5]) + '\n');
    const oneBack = await plugin('toml', ['--mode=read'], one.stdout);
    assert.deepEqual(ndjson(oneBack.stdout), [recs[5]]);
  });

  it('a downstream close ends quietly (read --array of many tables | head -n 1)', async () => {
    let doc = '';
    for (let i = 0; i < 100_000; i++) doc += `[[row]]\nid = ${i}\nname = "n${i}"\n`;
    const res = await run('bash', ['-c', `"${process.execPath}" "${pluginBin('toml')}" --mode=read --array=row | head -n 1; echo "status=\${PIPESTATUS[0]}"`], {
      input: doc,
    });
    assert.equal(res.stderr, '');
    assert.equal(res.stdout, '{"id":0,"name":"n0"}\nstatus=0\n');
  });
});
