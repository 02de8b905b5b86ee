// jn join --strict: JN's jn-join fails fast on a record it would otherwise
// let through unjoined (not an object, or a key field missing), on either
// side; without it such records pass (left) or are left out (right).
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { jn, rng, splitMark, tempDir } from '../helpers.ts';

const dir = tempDir();
const opts = { cwd: dir, env: { ...process.env, JN_HOME: join(dir, 'home') } };
const random = rng(14);
const customers = Array.from({ length: 20 }, (_, i) => ({ id: i + 1, name: `c${i + 1}`, score: Math.floor(random() * 100) }));
writeFileSync(join(dir, 'customers.jsonl'), customers.map((c) => JSON.stringify(c)).join('\n') + '\n');
writeFileSync(join(dir, 'customers.csv'), 'id,name\n1,one\n,blank\n2,two\n');
writeFileSync(join(dir, 'nokey.jsonl'), '{"id":1,"name":"one"}\n{"name":"lost"}\n');
writeFileSync(join(dir, 'array.jsonl'), '{"id":1,"name":"one"}\n[1,2]\n');
const orders = Array.from({ length: 50 }, (_, i) => ({ order: i, id: 1 + Math.floor(random() * 25) }));
const ordersText = orders.map((o) => JSON.stringify(o)).join('\n') + '\n';

describe('jn join --strict', () => {
  it('changes nothing when every record has its key: same output as without it', async () => {
    const plain = await jn(['join', 'customers.jsonl', '--on', 'id'], { ...opts, input: ordersText });
    const strict = await jn(['join', 'customers.jsonl', '--on', 'id', '--strict'], { ...opts, input: ordersText });
    assert.equal(strict.code, 0, strict.stderr);
    assert.equal(strict.stdout, plain.stdout);
    assert.equal(strict.stdout.trim().split('\n').length, 50);
  });

  it('a left record without the key field: passes unchanged by default, status 3 naming the line with --strict', async () => {
    const input = '{"order":1,"id":2}\n{"order":2}\n{"order":3,"id":3}\n';
    const plain = await jn(['join', 'customers.jsonl', '--on', 'id'], { ...opts, input });
    assert.equal(plain.code, 0);
    assert.equal(plain.stdout.split('\n')[1], '{"order":2}');
    const r = await jn(['join', 'customers.jsonl', '--on', 'id', '--strict'], { ...opts, input });
    assert.equal(r.code, 3);
    assert.equal(r.stderr, 'jn: join: stdin: line 2: missing join key "id" (--strict)\n');
    // the records before it were written, then the failure mark: nothing
    // after the bad record
    const { records } = splitMark(r.stdout);
    assert.deepEqual(records.trim().split('\n'), [`{"order":1,"id":2,"name":"c2","score":${customers[1].score}}`]);
  });

  it('a left record that is not an object fails with --strict (passes by default)', async () => {
    const input = '{"id":1}\n[1]\n';
    const plain = await jn(['join', 'customers.jsonl', '--on', 'id'], { ...opts, input });
    assert.equal(plain.code, 0);
    const r = await jn(['join', 'customers.jsonl', '--on', 'id', '--strict'], { ...opts, input });
    assert.equal(r.code, 3);
    assert.equal(r.stderr, 'jn: join: stdin: line 2: expected a JSON object, got array (--strict)\n');
  });

  it('a composite key: any missing part fails', async () => {
    const r = await jn(['join', 'customers.jsonl', '--left-key', 'id,name', '--right-key', 'id,name', '--strict'], { ...opts, input: '{"id":1,"name":"c1"}\n{"id":1}\n' });
    assert.equal(r.code, 3);
    assert.equal(r.stderr, 'jn: join: stdin: line 2: missing join key "name" (--strict)\n');
  });

  it('a right record without the key or not an object fails before the left side is read, naming the right source and record', async () => {
    const plain = await jn(['join', 'nokey.jsonl', '--on', 'id'], { ...opts, input: '{"id":1}\n' });
    assert.equal(plain.code, 0);
    assert.equal(plain.stdout, '{"id":1,"name":"one"}\n');
    const r = await jn(['join', 'nokey.jsonl', '--on', 'id', '--strict'], { ...opts, input: '{"id":1}\n' });
    assert.equal(r.code, 3);
    assert.equal(r.stderr, 'jn: join: nokey.jsonl: record 2: missing join key "id" (--strict)\n');
    assert.equal(splitMark(r.stdout).records, '');
    const arr = await jn(['join', 'array.jsonl', '--on', 'id', '--strict'], { ...opts, input: '{"id":1}\n' });
    assert.equal(arr.code, 3);
    assert.equal(arr.stderr, 'jn: join: array.jsonl: record 2: expected a JSON object, got array (--strict)\n');
  });

  it('a null key is a value, not a missing key: it passes --strict and matches nothing', async () => {
    const r = await jn(['join', 'customers.jsonl', '--on', 'id', '--strict'], { ...opts, input: '{"id":null}\n' });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '{"id":null}\n');
  });

  it('a right side in another format: an empty CSV value is a present key (the empty string), so --strict passes', async () => {
    const r = await jn(['join', 'customers.csv', '--on', 'id', '--strict'], { ...opts, input: '{"id":2}\n{"id":""}\n' });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '{"id":2,"name":"two"}\n{"id":"","name":"blank"}\n');
  });
});
