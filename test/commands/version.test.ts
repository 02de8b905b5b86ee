// jn version: JN's spelling of jn --version.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { jn } from '../helpers.ts';

describe('jn version', () => {
  it('prints what jn --version prints', async () => {
    const [a, b] = await Promise.all([jn(['version']), jn(['--version'])]);
    assert.equal(a.code, 0);
    assert.match(a.stdout, /^\d+\.\d+\.\d+\n$/);
    assert.equal(a.stdout, b.stdout);
  });
});
