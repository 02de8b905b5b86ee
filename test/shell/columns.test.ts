// Column insight (src/shell/columns.ts): a column's figures over plain and
// lossless rows, jn analyze's figures, and the stage texts, each of which
// is run through the built `jn filter` (as the shell runs it: stageArgv).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzedFigures, columnFigures, columnPath, countStage, dropStage, filterStage, keepStage, shortNumber, sortStage, type Analysis } from '../../src/shell/columns.ts';
import { stageArgv } from '../../src/shell/stage.ts';
import { parseLosslessLine } from '../../src/kit/lossless.ts';
import { jn, ndjson, rng } from '../helpers.ts';

describe('columnFigures', () => {
  const rows = [
    { city: 'Paris', n: 2 },
    { city: 'Oslo', n: 10.5 },
    { city: 'Paris', n: null },
    { n: 'x' },
    { city: '', n: -1 },
    { city: 'Paris' },
    'not a record',
  ];
  it('counts types, missing, nulls and empty strings, and the top values, most first', () => {
    const f = columnFigures(rows, 'city');
    assert.equal(f.rows, 7);
    assert.equal(f.missing, 2);
    assert.equal(f.nulls, 0);
    assert.equal(f.empty, 1);
    assert.deepEqual(f.types, [['string', 5]]);
    assert.equal(f.numbers, undefined);
    assert.equal(f.distinct, 3);
    assert.deepEqual(f.top, [{ value: 'Paris', count: 3 }, { value: 'Oslo', count: 1 }, { value: '', count: 1 }]);
  });
  it('gives min, max and mean of the numbers', () => {
    const f = columnFigures(rows, 'n');
    assert.deepEqual(f.types, [['number', 3], ['null', 1], ['string', 1]]);
    assert.equal(f.nulls, 1);
    assert.equal(f.missing, 2);
    assert.deepEqual(f.numbers, { min: '-1', max: '10.5', mean: 11.5 / 3 });
  });
  it('reads lossless rows: Maps, and numbers that keep their text (2.0 counts with 2)', () => {
    const lossless = ['{"p":2.0,"q":{"a":1}}', '{"p":2}', '{"p":1e400,"q":{"a":1}}', '{"p":0.10}'].map((l, i) => parseLosslessLine(l, i + 1));
    const f = columnFigures(lossless, 'p');
    assert.deepEqual(f.types, [['number', 4]]);
    assert.equal(f.numbers!.min, '0.10');
    assert.equal(f.numbers!.max, '1e400');
    assert.equal(f.top[0].count, 2);
    assert.equal(filterStage('p', f.top[0].value), 'select(.p == 2.0)');
    const q = columnFigures(lossless, 'q');
    assert.deepEqual(q.types, [['object', 2]]);
    assert.equal(q.top[0].count, 2);
    assert.equal(filterStage('q', q.top[0].value), 'select(.q == {"a":1})');
  });
  it('is the whole value when no row is an object (the table\'s "value" column)', () => {
    const f = columnFigures([1, 2, 2, 'a'], 'value');
    assert.equal(f.missing, 0);
    assert.deepEqual(f.top[0], { value: 2, count: 2 });
  });
  it('keeps the top values to the number asked, ties in the order first seen', () => {
    const f = columnFigures(['c', 'a', 'b', 'a', 'b'].map((x) => ({ x })), 'x', 2);
    assert.deepEqual(f.top.map((t) => t.value), ['a', 'b']);
  });
});

describe('analyzedFigures', () => {
  const analysis: Analysis = {
    records: 1000,
    fields: [
      { field: 'city', types: { string: 990, null: 10 }, missing: 0, nulls: 10, distinct_approx: 3, top: [{ value: 'Paris', count: 600 }] },
      { field: '."a b"', types: { number: 5 }, missing: 995, nulls: 0, min: 1, max: 9, mean: 4, top: [{ value: 9, count: 3 }] },
    ],
  };
  it('finds a column by the path jn analyze names it with', () => {
    assert.equal(analyzedFigures(analysis, 'city', false)!.top[0].count, 600);
    const ab = analyzedFigures(analysis, 'a b', false)!;
    assert.equal(ab.missing, 995);
    assert.deepEqual(ab.numbers, { min: '1', max: '9', mean: 4 });
    assert.equal(analyzedFigures(analysis, 'gone', false)!.missing, 1000);
  });
});

describe('stage texts', () => {
  it('quote keys that are not identifiers, and values as JSON', () => {
    assert.equal(columnPath('city'), '.city');
    assert.equal(columnPath('a b'), '.["a b"]');
    assert.equal(filterStage('a b', 1), 'select(.["a b"] == 1)');
    assert.equal(filterStage('city', 'Paris', true), 'select(.city != "Paris")');
    assert.equal(dropStage('city'), 'del(.city)');
    assert.equal(keepStage(['id', 'a b']), '{id, "a b"}');
    assert.equal(sortStage("it's"), `filter -s 'sort_by(.["it'\\''s"]) | .[] # reads all input to sort'`);
    assert.equal(shortNumber(11.5 / 3), '3.83333');
    assert.equal(shortNumber(50.2), '50.2');
  });

  // Every stage text, run as the shell runs it, on generated records.
  const rand = rng(13);
  const cities = ['Paris', 'Oslo', "Saint-Jean d'Acre", 'Zürich'];
  const records = Array.from({ length: 60 }, (_, i) => ({ id: i + 1, city: cities[Math.floor(rand() * cities.length)], 'a b': Math.floor(rand() * 5), count: i % 3 }));
  const input = records.map((r) => JSON.stringify(r)).join('\n') + '\n';
  const runStage = async (text: string): Promise<unknown[]> => {
    const r = await jn(stageArgv(text), { input });
    assert.equal(r.code, 0, `${text}: ${r.stderr}`);
    return ndjson(r.stdout);
  };
  const key = (r: Record<string, unknown>, k: string) => JSON.stringify(r[k]);

  it('filter and exclude a value (with a quote in it, and a quoted key)', async () => {
    const city = "Saint-Jean d'Acre";
    assert.deepEqual(await runStage(filterStage('city', city)), records.filter((r) => r.city === city));
    assert.deepEqual(await runStage(filterStage('city', city, true)), records.filter((r) => r.city !== city));
    assert.deepEqual(await runStage(filterStage('a b', 3)), records.filter((r) => r['a b'] === 3));
  });
  it('sorts ascending and descending, giving records', async () => {
    const up = (await runStage(sortStage('city'))) as Record<string, unknown>[];
    assert.equal(up.length, records.length);
    assert.deepEqual(up.map((r) => r.city), records.map((r) => r.city).sort());
    const down = (await runStage(sortStage('a b', true))) as Record<string, unknown>[];
    assert.deepEqual(down.map((r) => r['a b']), records.map((r) => r['a b']).sort().reverse());
  });
  it('drops a column and keeps some, in order', async () => {
    assert.deepEqual(await runStage(dropStage('a b')), records.map(({ 'a b': _, ...rest }) => rest));
    assert.deepEqual(await runStage(keepStage(['city', 'id'])), records.map((r) => ({ city: r.city, id: r.id })));
  });
  it('counts by value, most first (also a column named count, and a quoted key)', async () => {
    const tally = (k: string) => {
      const m = new Map<string, number>();
      for (const r of records) m.set(key(r, k), (m.get(key(r, k)) ?? 0) + 1);
      return m;
    };
    for (const [col, countKey] of [['city', 'count'], ['count', 'n'], ['a b', 'count']] as const) {
      const out = (await runStage(countStage(col))) as Record<string, unknown>[];
      const want = tally(col);
      assert.equal(out.length, want.size, col);
      for (const r of out) assert.equal(r[countKey], want.get(key(r, col)), `${col} ${JSON.stringify(r)}`);
      const counts = out.map((r) => r[countKey] as number);
      assert.deepEqual(counts, [...counts].sort((a, b) => b - a));
      assert.deepEqual(Object.keys(out[0]), [col, countKey]);
    }
  });
  it('work on the whole value of records that are not objects', async () => {
    const r = await jn(stageArgv(countStage('value', true)), { input: '1\n2\n2\n' });
    assert.deepEqual(ndjson(r.stdout), [{ value: 2, count: 2 }, { value: 1, count: 1 }]);
    const s = await jn(stageArgv(filterStage('value', 2, false, true)), { input: '1\n2\n2\n' });
    assert.deepEqual(ndjson(s.stdout), [2, 2]);
  });
});
