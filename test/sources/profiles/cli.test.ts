// `jn profile list` and `jn profile info` through the built CLI, in a temp
// project (cwd holds .jn/profiles) with a temp JN_HOME; no output of any
// command run here may contain a secret value.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { before, describe, it } from 'node:test';
import { jn, root, tempDir, type RunResult } from '../../helpers.ts';
import { trust } from '../../support/trust.ts';

const dir = tempDir();
const home = join(dir, 'home');
const project = join(dir, 'project');
const SECRETS = ['ghp_SECRET_cli_4242', 'literal-key-9999', 'sess-cookie-777'];
const env = { ...process.env, JN_HOME: home, GITHUB_TOKEN: SECRETS[0] };

function put(file: string, value: unknown): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value, null, 2));
}

put(join(project, '.jn', 'profiles', 'http', 'github', '_meta.json'), {
  description: 'GitHub REST API',
  base_url: 'https://api.github.com',
  headers: { Authorization: 'Bearer ${GITHUB_TOKEN}', Cookie: SECRETS[2] },
});
put(join(project, '.jn', 'profiles', 'http', 'github', 'repos.json'), {
  description: 'Repositories of a user',
  path: '/users/{user}/repos',
  query: { api_key: SECRETS[1] },
  params: { user: { description: 'GitHub login', required: true }, per_page: { type: 'integer', default: 30 } },
});
put(join(project, '.jn', 'profiles', 'http', 'jsonplaceholder', 'posts.json'), { description: 'shadows the bundled one', path: '/p' });
put(join(home, 'profiles', 'sqlite', 'shop', 'orders.json'), { description: 'Orders', path: 'shop.db', query: 'SELECT * FROM orders WHERE id = :id', params: { id: { type: 'integer' } } });
put(join(home, 'profiles', 'http', 'broken', 'x.json'), '{"a": ');
put(join(home, 'profiles', 'http', 'same', 'name.json'), { url: 'http://127.0.0.1/' });
put(join(home, 'profiles', 'sqlite', 'same', 'name.json'), { table: 't' });

before(() => trust(project, env));

const results: RunResult[] = [];
async function profile(args: string[], extraEnv: Record<string, string | undefined> = {}): Promise<RunResult> {
  const r = await jn(['profile', ...args], { cwd: project, env: { ...env, ...extraEnv } });
  results.push(r);
  return r;
}

describe('jn profile', () => {
  it('list: a table of what each reference resolves to, project first, shadowed files left out', async () => {
    const r = await profile(['list']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '');
    const lines = r.stdout.trimEnd().split('\n');
    assert.match(lines[0], /^REF +TYPE +LEVEL +DESCRIPTION$/);
    const rows = lines.slice(1).map((l) => l.split(/ {2,}/));
    assert.deepEqual(
      rows.map((c) => c.slice(0, 3).join(' ')),
      [
        '@github/repos http project',
        '@jsonplaceholder/posts http project',
        '@broken/x http user',
        '@same/name http user',
        '@same/name sqlite user',
        '@shop/orders sqlite user',
        '@jsonplaceholder/comments http bundled',
        '@jsonplaceholder/users http bundled',
      ],
    );
    assert.equal(rows[0][3], 'Repositories of a user');
    assert.equal(rows[1][3], 'shadows the bundled one');
    assert.match(rows[2][3], /^\(unreadable: .*x\.json: line 1, column 7: invalid JSON\)$/);
  });

  it('list --type and --json: one object per profile of that type', async () => {
    const r = await profile(['list', '--type', 'sqlite', '--json']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(
      r.stdout.trim().split('\n').map((l) => JSON.parse(l)),
      [
        { ref: '@same/name', type: 'sqlite', level: 'user', file: join(home, 'profiles', 'sqlite', 'same', 'name.json') },
        { ref: '@shop/orders', type: 'sqlite', level: 'user', file: join(home, 'profiles', 'sqlite', 'shop', 'orders.json'), description: 'Orders' },
      ],
    );
    const none = await profile(['list', '--type', 'nosuchtype']);
    assert.equal(none.stdout, 'no profiles (see docs/profiles.md)\n');
  });

  it('info: files, params and the merged profile with secrets masked ("Bearer ****")', async () => {
    const r = await profile(['info', '@github/repos']);
    assert.equal(r.code, 0, r.stderr);
    const meta = join(project, '.jn', 'profiles', 'http', 'github', '_meta.json');
    assert.equal(
      r.stdout,
      `@github/repos
type:        http
level:       project
file:        ${join(project, '.jn', 'profiles', 'http', 'github', 'repos.json')}
inherits:    ${meta}
description: Repositories of a user
params:
  NAME      TYPE     WHEN        DESCRIPTION
  user      string   required    GitHub login
  per_page  integer  default 30
config:
  {
    "base_url": "https://api.github.com",
    "headers": {
      "Authorization": "Bearer ****",
      "Cookie": "****"
    },
    "path": "/users/{user}/repos",
    "query": {
      "api_key": "****"
    }
  }
`,
    );
  });

  it('info --json: one object; an unset variable shows as "(not set)" instead of failing', async () => {
    const r = await profile(['info', '@github/repos', '--json'], { GITHUB_TOKEN: undefined });
    assert.equal(r.code, 0, r.stderr);
    const info = JSON.parse(r.stdout);
    assert.equal(info.ref, '@github/repos');
    assert.equal(info.level, 'project');
    assert.deepEqual(info.inherits, [join(project, '.jn', 'profiles', 'http', 'github', '_meta.json')]);
    assert.deepEqual(info.params.per_page, { required: false, type: 'integer', default: 30 });
    assert.deepEqual(info.config.headers, { Authorization: 'Bearer ${GITHUB_TOKEN} (not set)', Cookie: '****' });
    const bundled = JSON.parse((await profile(['info', '@jsonplaceholder/comments', '--json'])).stdout);
    assert.equal(bundled.file, join(root, 'profiles', 'http', 'jsonplaceholder', 'comments.json'));
    assert.equal(bundled.level, 'bundled');
  });

  it('an unknown profile, a malformed reference, an ambiguous name and a missing argument exit 2 with one line', async () => {
    const unknown = await profile(['info', '@nope/x']);
    assert.deepEqual([unknown.code, unknown.stderr, unknown.stdout], [2, 'jn: profile: no profile @nope/x (see jn profile list)\n', '']);
    const bad = await profile(['info', 'github/repos']);
    assert.deepEqual([bad.code, bad.stderr], [2, 'jn: profile: "github/repos" is not a profile reference (expected @namespace/name)\n']);
    const twice = await profile(['info', '@same/name']);
    assert.equal(twice.code, 2);
    assert.equal(
      twice.stderr,
      `jn: profile: @same/name is ambiguous: the user level defines it as http (${join(home, 'profiles', 'http', 'same', 'name.json')}) and sqlite (${join(home, 'profiles', 'sqlite', 'same', 'name.json')}); rename or remove one\n`,
    );
    const broken = await profile(['info', '@broken/x']);
    assert.equal(broken.code, 2);
    assert.match(broken.stderr, /^jn: profile: .*broken\/x\.json: line 1, column 7: invalid JSON\n$/);
    const missing = await profile(['info']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /missing required argument 'ref'/);
  });

  it('no command above printed a secret value', () => {
    assert.ok(results.length >= 9);
    for (const r of results) for (const s of SECRETS) assert.ok(!r.stdout.includes(s) && !r.stderr.includes(s), `${s} printed`);
  });
});
