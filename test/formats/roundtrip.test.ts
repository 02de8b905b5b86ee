// Round trips through every writable format: what `jn put x.FMT` writes,
// `jn cat x.FMT` reads back as the same records (none, one, several), up to
// the conversion each format documents (docs/formats.md), which is asserted
// here value by value:
// - json, jsonl, ndjson, yaml: exactly, byte for byte.
// - csv, tsv, markdown (a table): no nesting and no null: arrays and objects
//   come back as their compact JSON text, null as ""; numbers keep their
//   text, booleans are typed back. (Strings that look like numbers or
//   booleans would come back typed, and markdown trims cells: the seeded
//   strings avoid both.)
// - toml: no null (members and array items dropped); integers keep their
//   text within 64 bits, other numbers come back as the float they are
//   (`2095.10` → 2095.1, `1.0` stays 1.0, 20 digits → 1.2345678901234567e+19).
// - xml: no types: scalars come back as their text, null and {} as "", an
//   array of one item as the item, an empty array not at all.
// Elsewhere: xlsx (test/plugins/xlsx-options.test.ts: numbers are Excel's
// doubles, 2095.10 comes back 2095.1, a 20-digit integer as a string,
// nesting as JSON text) and table (test/formats/table-read.test.ts and
// test/commands/table-options.test.ts: scalars, every readable style).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { jn, rng, root, tempDir } from '../helpers.js';
import { JsonNumber, parseLossless, stringifyLossless, type Lossless } from '../../src/kit/lossless.js';

const WORDS = ['plain', 'say "hi"', 'a, b; c', 'pipe | pipe', 'back\\slash', 'tab\there', 'new\nline', '日本語', 'café', '😀', '', '# hash', '[x]', 'a = b', '<b>&amp;</b>', '2024-01-15', '1979-05-27T07:32:00Z', "it's", '---'];

/** Seeded NDJSON lines, numbers written as JSON text (trailing zeros, 20 digits, exponents). */
function lines(seed: number, count: number): string[] {
  const r = rng(seed);
  const pick = <T>(xs: T[]): T => xs[Math.floor(r() * xs.length)];
  const word = (): string => JSON.stringify(pick(WORDS));
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const tags = Array.from({ length: Math.floor(r() * 4) }, word);
    const fields: [string, string][] = [
      ['id', String(i)],
      ['name', word()],
      ['price', pick(['2095.10', '0.5', '19.99', '100', '1.0', '-3.25'])],
      ['qty', String(-Math.floor(r() * 1e6))],
      ['big', pick(['12345678901234567890', '9007199254740993', '1'])],
      ['ratio', pick(['1e-7', '2.5E+3', '0.000', '3.14159'])],
      ['ok', r() < 0.5 ? 'true' : 'false'],
      ['note', 'null'],
      ['when', JSON.stringify(pick(['2024-01-15', '1979-05-27T07:32:00Z', 'soon']))],
      ['tags', '[' + tags.join(',') + ']'],
      ['meta', `{"x":${pick(['1', '2.50', '-0.5'])},"y":${word()},"z":{"deep":${word()}}}`],
      ['größe', word()],
    ];
    out.push('{' + fields.map(([k, v]) => JSON.stringify(k) + ':' + v).join(',') + '}');
  }
  return out;
}

type Convert = (v: Lossless) => Lossless;

const mapValues = (m: Map<string, Lossless>, f: (v: Lossless) => Lossless | undefined): Map<string, Lossless> => {
  const out = new Map<string, Lossless>();
  for (const [k, v] of m) {
    const x = f(v);
    if (x !== undefined) out.set(k, x);
  }
  return out;
};

/** csv, tsv, markdown: nesting as JSON text, null as "". */
const flat: Convert = (rec) =>
  mapValues(rec as Map<string, Lossless>, (v) => (v === null ? '' : Array.isArray(v) || v instanceof Map ? stringifyLossless(v) : v));

/** The text toml reads a number back as. */
function tomlNumber(v: number | JsonNumber): Lossless {
  const text = typeof v === 'number' ? String(v) : v.text;
  if (/^-?\d+$/.test(text) && BigInt(text) < 2n ** 63n && BigInt(text) >= -(2n ** 63n)) return v;
  const n = Number(text);
  const float = !Number.isInteger(n) ? JSON.stringify(n) : Math.abs(n) >= 1e16 ? n.toExponential() : n.toFixed(1);
  return parseLossless(float);
}

const toml: Convert = (v) => {
  if (typeof v === 'number' || v instanceof JsonNumber) return tomlNumber(v);
  if (Array.isArray(v)) return v.filter((x) => x !== null).map(toml);
  if (v instanceof Map) return mapValues(v, (x) => (x === null ? undefined : toml(x)));
  return v;
};

const xml: Convert = (v) => {
  if (v === null) return '';
  if (typeof v === 'number' || v instanceof JsonNumber) return typeof v === 'number' ? String(v) : v.text;
  if (typeof v === 'boolean') return String(v);
  if (v instanceof Map) return v.size === 0 ? '' : mapValues(v, (x) => (Array.isArray(x) && x.length === 0 ? undefined : Array.isArray(x) && x.length === 1 ? xml(x[0]) : xml(x)));
  if (Array.isArray(v)) return v.map(xml);
  return v;
};

const exact: Convert = (v) => v;

const FORMATS: [string, Convert][] = [
  ['json', exact],
  ['jsonl', exact],
  ['ndjson', exact],
  ['yaml', exact],
  ['csv', flat],
  ['tsv', flat],
  ['md', flat],
  ['toml', toml],
  ['xml', (rec) => (xml(rec) === '' ? new Map() : xml(rec))],
];

describe('round trips: jn put x.FMT, then jn cat x.FMT', () => {
  const dir = tempDir();
  for (const [ext, convert] of FORMATS) {
    it(`${ext}: no record, one record and 60 seeded records come back as the same records (up to ${ext}'s documented conversion)`, async () => {
      for (const [count, seed] of [
        [0, 1],
        [1, 2],
        [60, 3],
      ]) {
        const input = lines(seed, count);
        const file = `rt-${count}.${ext}`;
        const put = await jn(['put', file], { cwd: dir, input: input.map((l) => l + '\n').join('') });
        assert.equal(put.code, 0, put.stderr);
        const back = await jn(['cat', file], { cwd: dir });
        assert.equal(back.code, 0, back.stderr);
        const got = back.stdout.split('\n').filter((l) => l !== '');
        const expected = input.map((l) => stringifyLossless(convert(parseLossless(l))));
        assert.deepEqual(got, expected, `${file}:\n${readFileSync(join(dir, file), 'utf8').slice(0, 2000)}`);
      }
    });
  }
});

describe('round trips: toml, one document and several records', () => {
  const dir = tempDir();
  const put = async (address: string, input: string): Promise<string> => {
    const r = await jn(['put', address], { cwd: dir, input });
    assert.equal(r.code, 0, r.stderr);
    return readFileSync(join(dir, address.replace(/\?.*/, '')), 'utf8');
  };
  const cat = async (address: string): Promise<string> => {
    const r = await jn(['cat', address], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    return r.stdout;
  };

  it('a TOML document read and written back keeps its values and their types (dates stay dates, floats floats)', async () => {
    const doc = readFileSync(join(root, 'test', 'fixtures', 'formats', 'pyproject.toml'), 'utf8');
    const first = await jn(['cat', '-~toml'], { input: doc });
    const text = await put('py.toml', first.stdout);
    assert.match(text, /^first = 2021-06-01$/m);
    assert.match(text, /^last = 2024-01-15T09:30:00Z$/m);
    assert.match(text, /^timeout = 30\.5$/m);
    assert.equal(await cat('py.toml'), first.stdout);
  });

  it('keys keep their order: a table before a plain value is inline, a trailing run of tables are sections', async () => {
    assert.equal(await put('o1.toml', '{"a":{"x":1},"b":2}\n'), 'a = { x = 1 }\nb = 2\n');
    assert.equal(await put('o2.toml', '{"b":2,"a":{"x":1,"l":[{"k":1},{"k":2}]}}\n'), 'b = 2\n\n[a]\nx = 1\n\n[[a.l]]\nk = 1\n\n[[a.l]]\nk = 2\n');
    assert.equal(await cat('o2.toml'), '{"b":2,"a":{"x":1,"l":[{"k":1},{"k":2}]}}\n');
  });

  it('only what jn wrote from several records reads back as records: one record holding [[records]] stays one, so does a hand-written one', async () => {
    const one = '{"records":[{"a":1},{"a":2}]}\n';
    assert.equal(await put('one.toml', one), '[[records]]\na = 1\n\n[[records]]\na = 2\n');
    assert.equal(await cat('one.toml'), one);
    assert.equal(await cat('one.toml?array=records'), '{"a":1}\n{"a":2}\n');
    // the comment line is what tells: with another key beside the array, one record
    await put('edited.toml', '{"a":1}\n{"a":2}\n');
    const edited = readFileSync(join(dir, 'edited.toml'), 'utf8').replace('[[records]]\na = 1', 'title = "x"\n[[records]]\na = 1');
    const r = await jn(['cat', '-~toml'], { input: edited });
    assert.equal(r.stdout, '{"title":"x","records":[{"a":1},{"a":2}]}\n');
  });

  it('?array=KEY (a key that needs quotes too) is written under its comment line and read back without the option', async () => {
    const text = await put('k.toml?array=my%20rows', '{"a":1}\n');
    assert.equal(text, '# jn records: [["my rows"]]\n[["my rows"]]\na = 1\n');
    assert.equal(await cat('k.toml'), '{"a":1}\n');
  });
});
