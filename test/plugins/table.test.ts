import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { plugin } from '../helpers.js';

const input =
  [
    { name: 'apple', qty: 3, note: null, meta: { a: 1 }, city: '東京' },
    { name: 'banana 🍌', qty: 12.5, note: 'ripe', meta: [1, 2], city: 'Paris' },
    { name: 'cherry', qty: -7, city: '서울', extra: true },
  ]
    .map((r) => JSON.stringify(r))
    .join('\n') + '\n';

const expected: Record<string, string> = {
  grid:
    '+-----------+-------+--------+---------+--------+---------+\n' +
    '| name      |   qty | note   | meta    | city   | extra   |\n' +
    '+===========+=======+========+=========+========+=========+\n' +
    '| apple     |   3   |        | {"a":1} | 東京   |         |\n' +
    '+-----------+-------+--------+---------+--------+---------+\n' +
    '| banana 🍌 |  12.5 | ripe   | [1,2]   | Paris  |         |\n' +
    '+-----------+-------+--------+---------+--------+---------+\n' +
    '| cherry    |  -7   |        |         | 서울   | true    |\n' +
    '+-----------+-------+--------+---------+--------+---------+\n',
  github:
    '| name      |   qty | note   | meta    | city   | extra   |\n' +
    '|-----------|-------|--------|---------|--------|---------|\n' +
    '| apple     |   3   |        | {"a":1} | 東京   |         |\n' +
    '| banana 🍌 |  12.5 | ripe   | [1,2]   | Paris  |         |\n' +
    '| cherry    |  -7   |        |         | 서울   | true    |\n',
  simple:
    'name         qty  note    meta     city    extra\n' +
    '---------  -----  ------  -------  ------  -------\n' +
    'apple        3            {"a":1}  東京\n' +
    'banana 🍌   12.5  ripe    [1,2]    Paris\n' +
    'cherry      -7                     서울    true\n',
  plain:
    'name         qty  note    meta     city    extra\n' +
    'apple        3            {"a":1}  東京\n' +
    'banana 🍌   12.5  ripe    [1,2]    Paris\n' +
    'cherry      -7                     서울    true\n',
};

describe('table plugin', () => {
  it('prints its metadata', async () => {
    const res = await plugin('table', ['--jn-meta']);
    assert.equal(res.code, 0);
    const meta = JSON.parse(res.stdout);
    assert.deepEqual(
      [meta.name, meta.version, meta.matches, meta.role, meta.modes, meta.buffers],
      ['table', '0.2.0', ['\\.table$', '\\.tbl$'], 'format', ['read', 'write'], { write: 'column widths depend on every cell, so all records are held until the end' }],
    );
    assert.deepEqual(
      meta.options.map((o: { name: string }) => o.name),
      ['tablefmt', 'maxcolwidths', 'floatfmt', 'showindex', 'numalign', 'stralign', 'max-width', 'encoding'],
    );
    assert.match(meta.description, /tabulate/);
  });

  for (const fmt of ['grid', 'github', 'simple', 'plain']) {
    it(`--tablefmt=${fmt}`, async () => {
      const res = await plugin('table', ['--mode=write', `--tablefmt=${fmt}`], input);
      assert.equal(res.stderr, '');
      assert.equal(res.code, 0);
      assert.equal(res.stdout, expected[fmt]);
    });
  }

  it('defaults to grid, as the original', async () => {
    const res = await plugin('table', ['--mode=write'], input);
    assert.equal(res.stdout, expected.grid);
  });

  it('--max-width truncates wide cells with …', async () => {
    const res = await plugin('table', ['--mode=write', '--tablefmt=github', '--max-width=4'], input);
    assert.equal(res.code, 0);
    assert.equal(
      res.stdout,
      '| name   |   qty | note   | meta   | city   | ext…   |\n' +
      '|--------|-------|--------|--------|--------|--------|\n' +
      '| app…   |   3   |        | {"a…   | 東京   |        |\n' +
      '| ban…   |  12.5 | ripe   | [1,…   | Par…   |        |\n' +
      '| che…   |  -7   |        |        | 서울   | true   |\n',
    );
  });

  it('shows control characters as escapes; a line break makes a multi-line cell where the style has them', async () => {
    const res = await plugin('table', ['--mode=write', '--tablefmt=plain'], '{"s":"a\\nb\\u001b[2J"}\n');
    assert.equal(res.stdout, 's\na\nb\\x1b[2J\n');
    const gh = await plugin('table', ['--mode=write', '--tablefmt=github'], '{"s":"a\\nb"}\n');
    assert.equal(gh.stdout, '| s    |\n|------|\n| a\\nb |\n');
  });

  it('lays out all records at once: a wide value at the end widens the whole column', async () => {
    const rows = ['a', 'b', 'c', 'd', 'longer', 'e'].map((v, k) => JSON.stringify({ id: k + 1, v })).join('\n');
    const res = await plugin('table', ['--mode=write', '--tablefmt=simple'], rows);
    assert.equal(res.code, 0);
    assert.equal(res.stdout, '  id  v\n----  ------\n   1  a\n   2  b\n   3  c\n   4  d\n   5  longer\n   6  e\n');
  });

  it('prints nothing for empty input', async () => {
    for (const text of ['', '\n\n']) {
      const res = await plugin('table', ['--mode=write'], text);
      assert.deepEqual([res.code, res.stdout, res.stderr], [0, '', '']);
    }
  });

  it('fails on an invalid line with line and column, after showing the rows before it', async () => {
    const res = await plugin('table', ['--mode=write', '--tablefmt=simple'], '{"a":1}\n{"a":}\n');
    assert.equal(res.code, 1);
    assert.equal(res.stderr, `line 2, column 6: invalid JSON: Unexpected token '}', "{"a":}" is not valid JSON\n`);
    assert.equal(res.stdout, '  a\n---\n  1\n');
  });

  it('rejects bad options with exit 2', async () => {
    for (const args of [['--tablefmt=fancy'], ['--max-width=0'], ['--maxcolwidths=0'], ['--numalign=x']]) {
      const res = await plugin('table', ['--mode=write', ...args], input);
      assert.equal(res.code, 2, args.join(' '));
      assert.equal(res.stdout, '');
    }
    const res = await plugin('table', ['--mode=raw'], input);
    assert.equal(res.code, 2);
  });
});
