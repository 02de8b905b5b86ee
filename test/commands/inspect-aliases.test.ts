// JN's spellings of jn inspect: schema, profiles, profile @ns/name.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { jn, tempDir } from '../helpers.ts';

const env = { ...process.env, JN_HOME: join(tempDir('jn-inspect-al-'), 'home') };

describe('jn inspect schema | profiles | profile', () => {
  it('say what jn inspect (stdin), jn profile list and jn profile info say', async () => {
    const input = '{"a":1,"b":"x"}\n{"a":null}\n';
    const pairs: [string[], string[], string?][] = [
      [['inspect', 'schema'], ['inspect'], input],
      [['inspect', 'profiles'], ['profile', 'list']],
      [['inspect', 'profiles', '--json'], ['profile', 'list', '--json']],
      [['inspect', 'profile', '@jsonplaceholder/users'], ['profile', 'info', '@jsonplaceholder/users']],
    ];
    for (const [alias, original, stdin] of pairs) {
      const [a, o] = await Promise.all([jn(alias, { env, input: stdin ?? '' }), jn(original, { env, input: stdin ?? '' })]);
      assert.equal(a.code, 0, a.stderr);
      assert.ok(a.stdout.length > 0, alias.join(' '));
      assert.equal(a.stdout, o.stdout, alias.join(' '));
    }
    const missing = await jn(['inspect', 'profile', '@nope/x'], { env });
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /no profile @nope\/x/);
  });
});
