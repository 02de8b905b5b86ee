// Completion in the stage editor (src/shell/complete.ts): what Tab makes of
// the word at the cursor, from field paths, builtins, options and files.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { complete, fieldPaths, type CompletionSources } from '../../src/shell/complete.ts';
import { pathsStartingWith } from '../../src/shell/file-names.ts';
import { builtinNames } from '../../src/filter/builtin-names.ts';
import { syntaxErrorOf } from '../../src/filter/syntax-check.ts';
import { natives as nativeTable } from '../../src/filter/builtins/index.ts';
import { preludeDefs } from '../../src/filter/prelude.ts';
import { rng, tempDir } from '../helpers.ts';

const rows = [
  { id: 1, name: 'a', address: { city: 'Paris', zip: '75001' }, items: [{ sku: 'x', qty: 2 }], 'odd key': 1 },
  { id: 2, name: 'b', address: { city: 'Lyon', country: 'FR' }, extra: true },
];

const files: Record<string, string[]> = {
  '': ['customers.csv', 'cust two.csv', 'data/', 'orders.csv'],
  'cu': ['customers.csv', 'cust two.csv'],
  'customers': ['customers.csv'],
  'o': ['orders.csv'],
  'd': ['data/'],
};

const src: CompletionSources = {
  fields: fieldPaths(rows),
  builtins: builtinNames(),
  options: new Map([
    ['head', ['-n', '--lines']],
    ['join', ['--on', '--left-key', '--right-key', '--inner']],
    ['filter', ['-r', '-c', '--arg', '--argjson']],
  ]),
  files: (typed) => files[typed] ?? [],
};

/** Complete at the end of `text`: the new text and the candidates. */
function tab(text: string, cursor = text.length): { text: string; candidates: readonly string[] } | undefined {
  const c = complete({ text, cursor }, src);
  return c && { text: c.line.text, candidates: c.candidates };
}

describe('fieldPaths', () => {
  it('lists nested paths and objects in arrays, in first-seen order, odd keys quoted', () => {
    assert.deepEqual(
      fieldPaths(rows).map((p) => p.join('')),
      ['.id', '.name', '.address', '.address.city', '.address.zip', '.items', '.items[].sku', '.items[].qty', '."odd key"', '.address.country', '.extra'],
    );
  });
  it('reads Maps (lossless records) as objects, in key order', () => {
    const row = new Map<string, unknown>([['b', 1], ['2023', new Map([['x', 1]])]]);
    assert.deepEqual(fieldPaths([row]).map((p) => p.join('')), ['.b', '."2023"', '."2023".x']);
  });
  it('is bounded: many distinct keys over many rows give at most 2000 paths', () => {
    const r = rng(7);
    const many = Array.from({ length: 500 }, () => Object.fromEntries(Array.from({ length: 20 }, () => [`k${Math.floor(r() * 1e6)}`, 1])));
    const paths = fieldPaths(many);
    assert.ok(paths.length <= 2000, `${paths.length}`);
    assert.ok(paths.length >= 1000, `${paths.length}`);
  });
});

describe('complete: field paths', () => {
  it('a unique prefix completes to the field', () => {
    assert.deepEqual(tab('select(.na'), { text: 'select(.name', candidates: [] });
  });
  it('completes one segment at a time, and lists the candidates when ambiguous', () => {
    assert.deepEqual(tab('.add'), { text: '.address', candidates: [] });
    assert.deepEqual(tab('.address.'), { text: '.address.', candidates: ['.address.city', '.address.zip', '.address.country'] });
    assert.deepEqual(tab('.address.c'), { text: '.address.c', candidates: ['.address.city', '.address.country'] });
    assert.deepEqual(tab('.address.ci'), { text: '.address.city', candidates: [] });
    assert.deepEqual(tab('.items[].s'), { text: '.items[].sku', candidates: [] });
    assert.deepEqual(tab('.od'), { text: '."odd key"', candidates: [] });
  });
  it('after an operator, inside a call, and in the middle of the line', () => {
    assert.equal(tab('.id > 1 and .ex')?.text, '.id > 1 and .extra');
    assert.equal(tab('{n: .na}', 7)?.text, '{n: .name}');
  });
  it('nothing to complete: a field already whole, no match, a number, inside a string, empty', () => {
    assert.equal(tab('.extra'), undefined);
    assert.equal(tab('.zzz'), undefined);
    assert.equal(tab('.id > 1'), undefined);
    assert.equal(tab('select(.name == ".na'), undefined);
    assert.equal(tab(''), undefined);
    assert.equal(tab('head 5 '), undefined);
  });
});

describe('complete: names', () => {
  it('builtin names of the filter language', () => {
    assert.equal(tab('.name | ascii_d')?.text, '.name | ascii_downcase');
    const to = tab('map(to');
    assert.equal(to?.text, 'map(to');
    for (const n of ['to_entries', 'tostring', 'tonumber', 'tojson']) assert.ok(to?.candidates.includes(n), n);
    assert.equal(tab('.x | $EN')?.text, '.x | $ENV');
  });
  it('the first word is also a stage command (with a space after it)', () => {
    assert.deepEqual(tab('hea'), { text: 'head ', candidates: [] });
    assert.deepEqual(tab('jn hea'), { text: 'jn head ', candidates: [] });
    assert.deepEqual(tab('jo'), { text: 'join', candidates: [] }); // also the builtin join: no space
    const t = tab('t');
    assert.ok(t?.candidates.includes('table') && t.candidates.includes('tail') && t.candidates.includes('tostring'), String(t?.candidates));
  });
  it("builtins include every definition of the prelude, as its parser reads them", () => {
    const names = builtinNames();
    const parsed = [...preludeDefs.keys()].map((k) => preludeDefs.get(k)!);
    for (const d of parsed) if (!d.name.startsWith('_')) assert.ok(names.includes(d.name), d.name);
    const natives = new Set([...nativeTable.keys()].map((k) => k.slice(0, k.lastIndexOf('/'))));
    const defs = new Set(parsed.map((d) => d.name));
    for (const n of names) assert.ok(natives.has(n) || defs.has(n), n);
  });
  it('builtins are real builtins, sorted, once each, and parse as calls', () => {
    const names = builtinNames();
    assert.ok(names.length > 150);
    assert.deepEqual([...names].sort(), names);
    assert.equal(new Set(names).size, names.length);
    for (const n of ['select', 'map', 'length', 'keys', 'test', 'ascii_downcase', 'tostring']) assert.ok(names.includes(n), n);
    assert.equal(syntaxErrorOf(names.filter((n) => !n.startsWith('$')).join(' | ')), undefined);
  });
});

describe('complete: options and files', () => {
  it("a stage command's options", () => {
    assert.deepEqual(tab('head --l'), { text: 'head --lines ', candidates: [] });
    assert.deepEqual(tab('join x.csv --'), { text: 'join x.csv --', candidates: ['--on', '--left-key', '--right-key', '--inner'] });
    assert.deepEqual(tab("filter -"), { text: 'filter -', candidates: ['-r', '-c', '--arg', '--argjson'] });
    assert.equal(tab('tail -'), undefined);
  });
  it('file names after join and merge, quoted for sh', () => {
    assert.deepEqual(tab('join o'), { text: 'join orders.csv ', candidates: [] });
    assert.deepEqual(tab('join cu'), { text: 'join cust', candidates: ['customers.csv', 'cust two.csv'] });
    assert.deepEqual(tab('merge d'), { text: 'merge data/', candidates: [] });
    assert.deepEqual(tab("join 'cu"), { text: "join 'cust", candidates: ['customers.csv', 'cust two.csv'] });
    assert.deepEqual(tab("join 'customers"), { text: "join 'customers.csv' ", candidates: [] });
    files['cust '] = ['cust two.csv'];
    assert.deepEqual(tab('join cust\\ '), { text: 'join cust\\ two.csv ', candidates: [] });
    assert.equal(tab('head o'), undefined);
  });
  it('lists file candidates by their name in their directory', () => {
    files['data/'] = ['data/a.csv', 'data/b.csv', 'data/sub/'];
    assert.deepEqual(tab('join data/'), { text: 'join data/', candidates: ['a.csv', 'b.csv', 'sub/'] });
    assert.deepEqual(tab(':load data/'), { text: ':load data/', candidates: ['a.csv', 'b.csv', 'sub/'] });
  });
  it('file names after :load, :export, :w, :save, :source; not after other commands', () => {
    assert.equal(tab(':load o')?.text, ':load orders.csv ');
    assert.equal(tab(':export! cu')?.text, ':export! cust');
    assert.equal(tab(':source o')?.text, ':source orders.csv ');
    assert.equal(tab(':limit o'), undefined);
    assert.equal(tab(':lo'), undefined);
  });
});

describe('pathsStartingWith', () => {
  it('lists a directory as typed, directories with /, dot files only when asked', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'sub'));
    for (const f of ['a.csv', 'ab.json', '.hidden', 'sub/c.csv']) writeFileSync(join(dir, f), '');
    assert.deepEqual(pathsStartingWith(dir + '/a'), [dir + '/a.csv', dir + '/ab.json']);
    assert.deepEqual(pathsStartingWith(dir + '/'), [dir + '/a.csv', dir + '/ab.json', dir + '/sub/']);
    assert.deepEqual(pathsStartingWith(dir + '/.h'), [dir + '/.hidden']);
    assert.deepEqual(pathsStartingWith(dir + '/sub/'), [dir + '/sub/c.csv']);
    assert.deepEqual(pathsStartingWith(dir + '/nothing/x'), []);
  });
});
