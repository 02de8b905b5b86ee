import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { expandGlob, hasGlob } from '../../src/sources/glob.ts';
import { tempDir } from '../helpers.ts';

describe('expandGlob', () => {
  const dir = tempDir();
  for (const f of ['b.csv', 'a.csv', 'c.json', '.hidden.csv', 'sub/x.csv', 'sub/deep/y.csv', 'sub/deep/z.txt', 'a1.csv', 'a2.csv']) {
    mkdirSync(join(dir, f, '..'), { recursive: true });
    writeFileSync(join(dir, f), '');
  }
  it('* in sorted order, hidden files excluded', () => {
    assert.deepEqual(expandGlob(`${dir}/*.csv`), ['a.csv', 'a1.csv', 'a2.csv', 'b.csv'].map((f) => join(dir, f)));
  });
  it('** matches any depth including none', () => {
    assert.deepEqual(expandGlob(`${dir}/**/*.csv`), ['a.csv', 'a1.csv', 'a2.csv', 'b.csv', 'sub/deep/y.csv', 'sub/x.csv'].map((f) => join(dir, f)));
  });
  it('? and [..]', () => {
    assert.deepEqual(expandGlob(`${dir}/a?.csv`), ['a1.csv', 'a2.csv'].map((f) => join(dir, f)));
    assert.deepEqual(expandGlob(`${dir}/[ab].csv`), ['a.csv', 'b.csv'].map((f) => join(dir, f)));
    assert.deepEqual(expandGlob(`${dir}/[!a].csv`), [join(dir, 'b.csv')]);
  });
  it('relative patterns and no match', () => {
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      assert.deepEqual(expandGlob('sub/*/*.txt'), ['sub/deep/z.txt']);
      assert.deepEqual(expandGlob('*.xlsx'), []);
    } finally {
      process.chdir(cwd);
    }
  });
  it('hasGlob', () => {
    assert.equal(hasGlob('a/*.csv'), true);
    assert.equal(hasGlob('a/b.csv'), false);
  });
});
