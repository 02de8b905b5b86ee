// The CSV/TSV writer's union of keys: to a file, records with different keys
// give every key as a column (missing values empty), in bounded memory; to a
// pipe, a new key is still an error (the rows before it are gone).
import assert from 'node:assert/strict';
import { appendFileSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { jn, jnBin, ndjson, run, tempDir } from '../../helpers.ts';

const dir = tempDir('jn-union-');

/** Peak RSS (KiB) of `jn put OUT < IN` and everything it started (GNU time). */
async function putPeak(input: string, out: string): Promise<{ code: number; kib: number; stderr: string }> {
  const r = await run('sh', ['-c', `/usr/bin/time -f 'peak %M' "$0" "$1" put "$2" < "$3"`, process.execPath, jnBin, out, input], { timeoutMs: 120_000 });
  const m = /peak (\d+)/.exec(r.stderr);
  assert.ok(m, r.stderr);
  return { code: r.code ?? -1, kib: Number(m[1]), stderr: r.stderr.replace(/peak \d+\n/, '') };
}

const amount = (i: number) => (i % 997) / 10;

function writeRecords(file: string, n: number, last: string): void {
  writeFileSync(file, '');
  for (let from = 1; from <= n; from += 50_000) {
    let chunk = '';
    for (let i = from; i < from + 50_000 && i <= n; i++) chunk += `{"id":${i},"name":"row ${i}","amount":${amount(i)}}\n`;
    appendFileSync(file, chunk);
  }
  appendFileSync(file, last + '\n');
}

describe('csv writer: the union of keys', () => {
  it('to a file: every key a column in order of first appearance, missing values empty; quoted and multi-line fields kept', async () => {
    const input = ['{"a":1,"b":"x,y"}', '{"a":2,"c":"new"}', '{"d":"multi\\nline \\"q\\"","a":3}', '{"b":"","a":4}'].join('\n') + '\n';
    for (const [name, expected] of [
      ['u.csv', 'a,b,c,d\n1,"x,y",,\n2,,new,\n3,,,"multi\nline ""q"""\n4,,,\n'],
      ['u.tsv', 'a\tb\tc\td\n1\tx,y\t\t\n2\t\tnew\t\n3\t\t\tmulti\\nline "q"\n4\t\t\t\n'],
    ]) {
      const r = await jn(['put', join(dir, name)], { input });
      assert.equal(r.code, 0, r.stderr);
      assert.equal(readFileSync(join(dir, name), 'utf8'), expected, name);
      const back = await jn(['cat', join(dir, name)]);
      assert.deepEqual(ndjson(back.stdout).map((x) => Object.keys(x as object)), [
        ['a', 'b', 'c', 'd'],
        ['a', 'b', 'c', 'd'],
        ['a', 'b', 'c', 'd'],
        ['a', 'b', 'c', 'd'],
      ]);
    }
    assert.deepEqual(readdirSync(dir).filter((f) => f.includes('jn-union')), [], 'no scratch file left');
  });

  it('?header=false pads the rows too', async () => {
    const r = await jn(['put', `${join(dir, 'nh.csv')}?header=false`], { input: '{"a":1}\n{"b":2}\n' });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(readFileSync(join(dir, 'nh.csv'), 'utf8'), '1,\n,2\n');
  });

  it('to a pipe: a new key is an error naming the line and the fix', async () => {
    const r = await jn(['put', '-~csv'], { input: '{"a":1}\n{"b":2}\n' });
    assert.equal(r.code, 3);
    assert.match(r.stderr, /line 2: field "b" is not in the header \(a\); CSV needs one set of columns: written to a file \(jn put x\.csv\) the header grows to every key/);
  });

  it('1,000,000 records with a new key in the last: output right, memory as for 100,000', async () => {
    const small = join(dir, 'small.jsonl');
    const big = join(dir, 'big.jsonl');
    writeRecords(small, 100_000, '{"id":0,"late":"yes"}');
    writeRecords(big, 1_000_000, '{"id":0,"late":"yes"}');
    const s = await putPeak(small, join(dir, 'small.csv'));
    const b = await putPeak(big, join(dir, 'big.csv'));
    assert.equal(b.code, 0, b.stderr);
    const text = readFileSync(join(dir, 'big.csv'), 'utf8');
    const lines = text.split('\n');
    assert.equal(lines[0], 'id,name,amount,late');
    assert.equal(lines[1], `1,row 1,${amount(1)},`);
    assert.equal(lines[1_000_000], `1000000,row 1000000,${amount(1_000_000)},`);
    assert.equal(lines[1_000_001], '0,,,yes');
    assert.equal(lines.length, 1_000_003); // header, rows, the last record, the final newline
    // Flat: ten times the records, not ten times the memory. A writer that
    // held the rows would need over 50 MB more (1M strings of ~30 bytes);
    // what grows here is V8's heap sizing (2M records: within 2 MB of 1M).
    assert.ok(b.kib < s.kib + 40 * 1024, `peak ${b.kib} KiB for 1M records, ${s.kib} KiB for 100k`);
  });
});
