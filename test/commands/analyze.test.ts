import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { jn, rng } from '../helpers.ts';
import { HyperLogLog, SpaceSaving } from '../../src/stats/sketches.ts';

describe('jn analyze', () => {
  const rand = rng(7);
  const cats = Array.from({ length: 20 }, (_, i) => `cat${i}`);
  const records: Record<string, unknown>[] = [];
  for (let i = 0; i < 5000; i++) {
    const r: Record<string, unknown> = { id: i, x: Math.round((rand() * 200 - 50) * 1000) / 1000 };
    // skewed categories: cat0 most frequent
    r.cat = cats[Math.min(19, Math.floor(-Math.log(rand() + 1e-12) * 4))];
    const roll = rand();
    if (roll < 0.1) r.s = null;
    else if (roll < 0.2) {
      /* missing */
    } else r.s = 'é'.repeat(1 + Math.floor(rand() * 30));
    records.push(r);
  }
  const input = records.map((r) => JSON.stringify(r)).join('\n') + '\n';

  it('matches figures computed independently', async () => {
    const out = await jn(['analyze', '--top', '3'], { input });
    assert.equal(out.code, 0, out.stderr);
    const res = JSON.parse(out.stdout);
    assert.equal(res.records, 5000);
    const f = Object.fromEntries(res.fields.map((x: { field: string }) => [x.field, x]));

    const xs = records.map((r) => r.x as number);
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1));
    assert.equal(f.x.min, Math.min(...xs));
    assert.equal(f.x.max, Math.max(...xs));
    assert.ok(Math.abs(f.x.mean - mean) < 1e-9);
    assert.ok(Math.abs(f.x.stddev - sd) < 1e-9);
    const distinctX = new Set(xs).size;
    assert.ok(Math.abs(f.x.distinct_approx - distinctX) / distinctX < 0.05, `distinct ${f.x.distinct_approx} vs ${distinctX}`);

    const sVals = records.filter((r) => typeof r.s === 'string').map((r) => (r.s as string).length);
    assert.equal(f.s.nulls, records.filter((r) => r.s === null).length);
    assert.equal(f.s.missing, records.filter((r) => !('s' in r)).length);
    assert.equal(f.s.min_length, Math.min(...sVals));
    assert.equal(f.s.max_length, Math.max(...sVals));
    assert.deepEqual(f.s.types, { string: sVals.length, null: f.s.nulls });

    const counts = new Map<string, number>();
    for (const r of records) counts.set(r.cat as string, (counts.get(r.cat as string) ?? 0) + 1);
    const top = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 3);
    assert.deepEqual(f.cat.top, top.map(([value, count]) => ({ value, count })));
    assert.equal(f.cat.distinct_approx, counts.size);
    assert.equal(f.id.distinct_approx > 4800 && f.id.distinct_approx < 5200, true);
  });

  it('--table prints a report', async () => {
    const out = await jn(['analyze', '--table'], { input: '{"a":1}\n{"a":3}\n' });
    assert.match(out.stdout, /^2 records\nfield +types +missing +null +min +max +mean/);
    assert.match(out.stdout, /\na +number 2 +0 +0 +1 +3 +2 /);
  });
});

describe('sketches', () => {
  it('HyperLogLog stays within 3% from 10 to 1e5 distinct values', () => {
    for (const n of [10, 1000, 100_000]) {
      const h = new HyperLogLog();
      for (let i = 0; i < n; i++) h.add(`v${i}`);
      for (let i = 0; i < n; i++) h.add(`v${i}`); // repeats do not count
      const e = h.estimate();
      assert.ok(Math.abs(e - n) / n <= 0.03, `${n}: ${e}`);
    }
  });
  it('Space-Saving keeps every value more frequent than n/capacity', () => {
    const s = new SpaceSaving(10);
    const rand = rng(3);
    for (let i = 0; i < 20_000; i++) s.add(rand() < 0.3 ? 'hot' : rand() < 0.3 ? 'warm' : `cold${Math.floor(rand() * 5000)}`);
    const top = s.top(2).map((t) => t.value);
    assert.deepEqual(top, ['hot', 'warm']);
  });
});
