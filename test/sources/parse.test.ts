import assert from 'node:assert/strict';
import { homedir } from 'node:os';
import { describe, it } from 'node:test';
import { paramsToArgs, parseAddress } from '../../src/sources/address.ts';
import { JnError } from '../../src/kit/exit.ts';

describe('parseAddress', () => {
  it('plain file', () => {
    const a = parseAddress('data/x.csv');
    assert.deepEqual([a.protocol, a.path, a.format, a.params, a.isStdio], ['file', 'data/x.csv', undefined, [], false]);
  });
  it('format override and params', () => {
    const a = parseAddress('x.txt~csv?delimiter=%3B&header=false');
    assert.equal(a.path, 'x.txt');
    assert.equal(a.format, 'csv');
    assert.deepEqual(a.params, [['delimiter', ';'], ['header', 'false']]);
    assert.deepEqual(paramsToArgs(a.params), ['--delimiter=;', '--header=false']);
  });
  it('a literal ; in a param and a glob ? are kept', () => {
    assert.deepEqual(parseAddress('x.csv?delimiter=;').params, [['delimiter', ';']]);
    const g = parseAddress('data?.csv');
    assert.equal(g.path, 'data?.csv');
    assert.deepEqual(g.params, []);
  });
  it('stdin and stdout', () => {
    assert.equal(parseAddress('-').isStdio, true);
    const t = parseAddress('-~table?tablefmt=grid');
    assert.deepEqual([t.isStdio, t.format, t.params], [true, 'table', [['tablefmt', 'grid']]]);
  });
  it('protocols', () => {
    assert.equal(parseAddress('file:///tmp/a%20b.json').path, '/tmp/a b.json');
    const h = parseAddress('https://example.org/x.json?page=2');
    assert.equal(h.protocol, 'https');
    assert.equal(h.path, 'https://example.org/x.json?page=2');
    assert.deepEqual(h.params, []);
  });
  it('a URL keeps its query string; params after a ~format are jn\'s', () => {
    const a = parseAddress('http://h:8080/api?fmt=x&page=2~csv?delimiter=;');
    assert.deepEqual([a.protocol, a.path, a.format, a.params], ['http', 'http://h:8080/api?fmt=x&page=2', 'csv', [['delimiter', ';']]]);
    const b = parseAddress('https://h/~user/data~tsv');
    assert.deepEqual([b.path, b.format], ['https://h/~user/data', 'tsv']);
    assert.equal(parseAddress('https://h/~user/data.csv').path, 'https://h/~user/data.csv');
    assert.throws(() => parseAddress('http://'), (e: unknown) => e instanceof JnError && e.exitCode === 2);
  });
  it('profiles', () => {
    const a = parseAddress('@github/repos~json?user=octo%20cat&per_page=5');
    assert.deepEqual([a.protocol, a.path, a.format, a.params], ['profile', 'github/repos', 'json', [['user', 'octo cat'], ['per_page', '5']]]);
    assert.equal(parseAddress('@db/orders').path, 'db/orders');
    assert.equal(parseAddress('@ns/sub/name?x=1').path, 'ns/sub/name', "JN's nested paths");
    for (const bad of ['@', '@ns', '@ns/', '@ns/name/', '@ns//x', '@ns/name~']) {
      assert.throws(() => parseAddress(bad), (e: unknown) => e instanceof JnError && e.exitCode === 2, bad);
    }
  });
  it('home directory', () => {
    assert.equal(parseAddress('~/x.csv').path, homedir() + '/x.csv');
  });
  it('a ~ inside a path that is not a format suffix stays', () => {
    assert.equal(parseAddress('a~b/c.csv').path, 'a~b/c.csv');
  });
  it('errors are usage errors', () => {
    for (const bad of ['', '~csv', '--bogus', 'x.csv?a=1&=3']) {
      assert.throws(() => parseAddress(bad), (e: unknown) => e instanceof JnError && e.exitCode === 2, bad);
    }
  });
});
