import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseConfig } from '../../src/sources/config.ts';
import { JnError } from '../../src/kit/exit.ts';

describe('.jnrc parsing', () => {
  it('keys, sections, comments and types', () => {
    const c = parseConfig('# comment\ncsv.infer = false\n[table]\ntablefmt = "grid"  # trailing\n', 'rc');
    assert.equal(c.get('csv.infer'), false);
    assert.equal(c.get('table.tablefmt'), 'grid');
  });
  it('unknown keys and bad values are errors naming file and line', () => {
    assert.throws(() => parseConfig('\ncsv.bogus = 1', '/x/.jnrc'), (e: unknown) => e instanceof JnError && e.message === '/x/.jnrc: line 2: unknown key "csv.bogus" (see .jnrc.example)');
    assert.throws(() => parseConfig('csv.infer = maybe', 'rc'), /csv.infer must be true or false/);
    assert.throws(() => parseConfig('just words', 'rc'), /line 1: expected key = value/);
  });
});
