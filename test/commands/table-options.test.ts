// jn table: every option its --help lists, the .jnrc default, errors, and
// the round trip through a .table file (jn put x.table, jn cat x.table).
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { jn, rng, tempDir } from '../helpers.ts';

const dir = tempDir();
const env = { ...process.env, JN_HOME: join(dir, 'home') };
const opts = { cwd: dir, env };

const sample = '{"product":"Widget","price":9.99,"stock":100}\n{"product":"Gadget","price":19.5,"stock":50}\n';

async function table(args: string[], input = sample): Promise<string> {
  const r = await jn(['table', ...args], { ...opts, input });
  assert.equal(r.stderr, '', args.join(' '));
  assert.equal(r.code, 0, args.join(' '));
  return r.stdout;
}

describe('jn table options', () => {
  it('--help lists the options tested here', async () => {
    const r = await jn(['table', '--help'], opts);
    const listed = [...r.stdout.matchAll(/^\s+(--[a-z-]+)/gm)].map((m) => m[1]).filter((o) => o !== '--help');
    assert.deepEqual(listed.sort(), ['--floatfmt', '--max-width', '--maxcolwidths', '--numalign', '--showindex', '--stralign', '--tablefmt']);
    for (const style of ['grid', 'github', 'psql', 'fancy_grid', 'rounded_grid', 'html', 'latex', 'tsv']) assert.match(r.stdout, new RegExp(`\\b${style}\\b`));
  });

  it('grid by default; --tablefmt chooses the style; table.tablefmt in .jnrc the default', async () => {
    assert.equal(
      await table([]),
      '+-----------+---------+---------+\n| product   |   price |   stock |\n+===========+=========+=========+\n| Widget    |    9.99 |     100 |\n+-----------+---------+---------+\n| Gadget    |   19.5  |      50 |\n+-----------+---------+---------+\n',
    );
    assert.equal(await table(['--tablefmt', 'tsv']), 'product  \t  price\t  stock\nWidget   \t   9.99\t    100\nGadget   \t  19.5 \t     50\n');
    writeFileSync(join(dir, '.jnrc'), '[table]\ntablefmt = "pipe"\n');
    try {
      assert.equal(await table([]), '| product   |   price |   stock |\n|:----------|--------:|--------:|\n| Widget    |    9.99 |     100 |\n| Gadget    |   19.5  |      50 |\n');
      assert.equal((await table(['--tablefmt=plain'])).split('\n')[0], 'product      price    stock');
    } finally {
      writeFileSync(join(dir, '.jnrc'), '');
    }
  });

  it('--maxcolwidths wraps text in its cell; N,M,... per column', async () => {
    const input = '{"name":"Product A","description":"This is a very long product description"}\n';
    assert.equal(
      await table(['--maxcolwidths', '16'], input),
      '+-----------+----------------+\n| name      | description    |\n+===========+================+\n| Product A | This is a very |\n|           | long product   |\n|           | description    |\n+-----------+----------------+\n',
    );
    assert.equal(
      await table(['--maxcolwidths=4,', '--tablefmt=plain'], input),
      'name    description\nProd    This is a very long product description\nuct\nA\n',
    );
  });

  it('--showindex, --numalign, --stralign, --floatfmt', async () => {
    assert.equal(await table(['--showindex', '--tablefmt=simple']), '    product      price    stock\n--  ---------  -------  -------\n 0  Widget        9.99      100\n 1  Gadget       19.5        50\n');
    assert.equal(await table(['--numalign=left', '--stralign=right', '--tablefmt=simple']), '  product  price    stock\n---------  -------  -------\n   Widget  9.99     100\n   Gadget  19.5     50\n');
    assert.equal(await table(['--numalign', 'center', '--stralign', 'center', '--tablefmt=simple']), ' product    price    stock\n---------  -------  -------\n Widget     9.99      100\n Gadget     19.5      50\n');
    assert.equal(await table(['--floatfmt=.1f', '--tablefmt=plain'], '{"x":3.14159}\n{"x":2}\n'), '  x\n3.1\n2.0\n');
    assert.equal(await table(['--floatfmt', 'g', '--tablefmt=plain'], '{"x":3.14159265}\n'), '      x\n3.14159\n');
  });

  it('--max-width cuts text cells and headers with …', async () => {
    assert.equal(await table(['--tablefmt=plain', '--max-width', '4'], '{"w":"abcdefgh"}\n{"w":"xy"}\n'), 'w\nabc…\nxy\n');
  });

  it('reads all its input: a long value at the end widens the column from the first row', async () => {
    const input = Array.from({ length: 2000 }, (_, i) => `{"i":${i},"s":"${i === 1999 ? 'x'.repeat(40) : 'a'}"}`).join('\n') + '\n';
    const lines = (await table(['--tablefmt=github'], input)).split('\n');
    assert.equal(lines.length, 2003);
    assert.equal(lines[2], '|    0 | a                                        |');
  });

  it('bad options and bad input: one line, exit 2 (usage), or 3 (data) after the table of the rows before it', async () => {
    for (const args of [['--tablefmt=fancy'], ['--numalign=middle'], ['--stralign=decimal'], ['--maxcolwidths=0'], ['--maxcolwidths=x'], ['--floatfmt=.2q'], ['--max-width=0']]) {
      const r = await jn(['table', ...args], { ...opts, input: sample });
      assert.equal(r.code, 2, args.join(' '));
      assert.equal(r.stdout, '');
      assert.equal(r.stderr.trimEnd().split('\n').length, 1, r.stderr);
    }
    const r = await jn(['table', '--tablefmt=plain'], { ...opts, input: '{"a":1}\n{"a":}\n' });
    assert.equal(r.code, 3);
    assert.equal(r.stdout, '  a\n  1\n');
    assert.match(r.stderr, /^jn: table: .*line 2, column 6: invalid JSON/);
  });

  it('prints nothing for no records', async () => {
    assert.equal(await table([], ''), '');
  });
});

describe('.table files', () => {
  it('jn put x.table then jn cat x.table gives the same records (seeded plain scalars)', async () => {
    const rand = rng(14);
    const words = ['Widget', 'two words', 'a|b', '-', '東京', 'x_y', 'end.'];
    for (let round = 0; round < 3; round++) {
      const records = Array.from({ length: 1 + Math.floor(rand() * 6) }, (_, i) => {
        const price = ['9.99', '100', '-0.5', '12345678901234567890', '1e-05'][Math.floor(rand() * 5)];
        const ok = rand() < 0.5 ? 'true' : 'null';
        return `{"id":${i},"name":${JSON.stringify(words[Math.floor(rand() * words.length)])},"price":${price},"ok":${ok}}`;
      });
      const text = records.join('\n') + '\n';
      for (const file of ['x.table', 'y.tbl']) {
        const w = await jn(['put', file], { ...opts, input: text });
        assert.equal(w.code, 0, w.stderr);
        assert.match(readFileSync(join(dir, file), 'utf8'), /^\+-/);
        const r = await jn(['cat', file], opts);
        assert.equal(r.stderr, '');
        assert.equal(r.stdout, text, `round ${round} ${file}`);
      }
    }
  });

  it('-~table reads a table from stdin; ?tablefmt= writes another style', async () => {
    const md = '| language | year |\n|----------|------|\n| Python   | 1991 |\n';
    const r = await jn(['cat', '-~table'], { ...opts, input: md });
    assert.equal(r.stdout, '{"language":"Python","year":1991}\n');
    const p = await jn(['put', '-~table?tablefmt=psql'], { ...opts, input: '{"a":1}\n' });
    assert.equal(p.stdout, '+-----+\n|   a |\n|-----|\n|   1 |\n+-----+\n');
  });
});
