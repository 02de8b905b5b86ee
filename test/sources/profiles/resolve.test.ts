// Profiles through their API (src/profiles/index.ts): which file a reference
// means at which level, _meta inheritance, ${VAR} and {param} expansion, SQL
// bind params, secrets. The bundled level is the real one (profiles/ at the
// repository root, namespace jsonplaceholder); project and user levels are
// temp directories (cwd and JN_HOME of this test process).
import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { listProfiles, maskSecrets, parseProfileRef, profileInfo, resolveProfile } from '../../../src/sources/profiles/index.ts';
import { root, tempDir } from '../../helpers.ts';

const dir = tempDir();
const home = join(dir, 'home');
const project = join(dir, 'project');
const outside = join(dir, 'outside');
const proj = (...p: string[]) => join(project, '.jn', 'profiles', ...p);
const user = (...p: string[]) => join(home, 'profiles', ...p);
mkdirSync(join(project, 'sub'), { recursive: true });
mkdirSync(outside, { recursive: true });
process.env.JN_HOME = home;
// The project's .jn changes from test to test: trusted by path, whatever it holds.
process.env.JN_TRUSTED_PATHS = project;
process.chdir(project);

function put(file: string, value: unknown): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value, null, 2));
}

/** The JnError a call throws: its message and exit status. */
function failure(fn: () => unknown): { message: string; exitCode: number } {
  try {
    fn();
  } catch (err) {
    const e = err as Error & { exitCode: number };
    return { message: e.message, exitCode: e.exitCode };
  }
  assert.fail('expected an error');
}

describe('profile references', () => {
  it('parseProfileRef takes @namespace/name and nothing else', () => {
    assert.deepEqual(parseProfileRef('@github/repos'), { namespace: 'github', name: 'repos' });
    assert.deepEqual(parseProfileRef('@my-ns/v1.2_x'), { namespace: 'my-ns', name: 'v1.2_x' });
    assert.deepEqual(parseProfileRef('@a/b/c'), { namespace: 'a/b', name: 'c' }, "JN's nested paths");
    for (const bad of ['github/repos', '@github', '@github/', '@/repos', '@a//c', '@github/_meta', '@../x', '@a/../x', 'x@a/b', '@a/b?x=1']) {
      assert.equal(parseProfileRef(bad), undefined, bad);
    }
  });

  it('an unknown profile or a malformed reference is a usage error', () => {
    assert.deepEqual(failure(() => resolveProfile('@nope/nothing', [])), { message: 'no profile @nope/nothing (see jn profile list)', exitCode: 2 });
    assert.deepEqual(failure(() => resolveProfile('nope', [])), { message: '"nope" is not a profile reference (expected @namespace/name)', exitCode: 2 });
  });
});

describe('resolution order', () => {
  it('project beats user beats bundled, and the project is found from a subdirectory', () => {
    const bundled = resolveProfile('@jsonplaceholder/posts', []);
    assert.equal(bundled.level, 'bundled');
    assert.equal(bundled.file, join(root, 'profiles', 'http', 'jsonplaceholder', 'posts.json'));
    assert.equal(bundled.config.url, 'https://jsonplaceholder.typicode.com/posts');

    put(user('http', 'jsonplaceholder', 'posts.json'), { path: '/user-posts' });
    assert.equal(resolveProfile('@jsonplaceholder/posts', []).level, 'user');
    put(proj('http', 'jsonplaceholder', 'posts.json'), { path: '/project-posts' });
    process.chdir(join(project, 'sub'));
    try {
      const r = resolveProfile('@jsonplaceholder/posts', []);
      assert.equal(r.level, 'project');
      assert.equal(r.file, proj('http', 'jsonplaceholder', 'posts.json'));
      assert.equal(r.config.url, 'https://jsonplaceholder.typicode.com/project-posts');
      process.chdir(outside);
      assert.equal(resolveProfile('@jsonplaceholder/posts', []).config.url, 'https://jsonplaceholder.typicode.com/user-posts');
    } finally {
      process.chdir(project);
      rmSync(user('http', 'jsonplaceholder', 'posts.json'));
      rmSync(proj('http', 'jsonplaceholder', 'posts.json'));
    }
  });

  it('the first level holding the name wins whatever the type; two types at one level are an error naming both files', () => {
    put(user('sqlite', 'twice', 'orders.json'), { path: 'u.db', table: 'orders' });
    put(proj('http', 'twice', 'orders.json'), { url: 'http://127.0.0.1/orders' });
    const r = resolveProfile('@twice/orders', []);
    assert.equal(r.type, 'http');
    assert.equal(r.level, 'project');
    put(proj('sqlite', 'twice', 'orders.json'), { path: 'p.db', table: 'orders' });
    assert.deepEqual(failure(() => resolveProfile('@twice/orders', [])), {
      message:
        '@twice/orders is ambiguous: the project level defines it as http (.jn/profiles/http/twice/orders.json) and sqlite (.jn/profiles/sqlite/twice/orders.json); rename or remove one',
      exitCode: 2,
    });
    rmSync(proj('http', 'twice', 'orders.json'));
    assert.equal(resolveProfile('@twice/orders', []).type, 'sqlite');
  });

  it('listProfiles lists what each reference resolves to, shadowed files left out, by type on request', () => {
    put(proj('http', 'jsonplaceholder', 'users.json'), { description: 'mine', path: '/u' });
    put(user('http', 'listed', 'a.json'), {});
    put(user('http', 'listed', '_meta.json'), { description: 'from the namespace' });
    put(user('http', 'listed', 'notes.txt'), 'not a profile');
    try {
      const all = listProfiles();
      const refs = all.map((p) => `${p.ref} ${p.type} ${p.level}`);
      assert.equal(refs.filter((r) => r.startsWith('@jsonplaceholder/users ')).join('|'), '@jsonplaceholder/users http project');
      assert.ok(refs.includes('@jsonplaceholder/comments http bundled'));
      assert.ok(refs.indexOf('@jsonplaceholder/users http project') < refs.indexOf('@listed/a http user'));
      assert.ok(refs.indexOf('@listed/a http user') < refs.indexOf('@jsonplaceholder/comments http bundled'));
      assert.equal(all.find((p) => p.ref === '@listed/a')?.description, 'from the namespace');
      assert.equal(all.find((p) => p.ref === '@jsonplaceholder/users')?.description, 'mine');
      assert.ok(!refs.some((r) => r.includes('_meta') || r.includes('notes')));
      assert.deepEqual(
        listProfiles('sqlite').map((p) => `${p.ref} ${p.level}`),
        ['@twice/orders project'],
        'the user level sqlite @twice/orders is shadowed',
      );
      assert.ok(listProfiles('http').every((p) => p.type === 'http'));
    } finally {
      rmSync(proj('http', 'jsonplaceholder', 'users.json'));
    }
  });
});

describe('_meta inheritance', () => {
  it('merges bottom-up: bundled _meta < user _meta < project _meta < the profile; objects key by key, arrays and scalars replace, null removes', () => {
    put(user('http', 'jsonplaceholder', '_meta.json'), { headers: { 'X-User': 'u', Accept: 'text/plain' }, timeout: 10, tags: ['a', 'b'], pagination: { next: 'link', max_pages: 3 } });
    put(proj('http', 'jsonplaceholder', '_meta.json'), { headers: { 'X-Project': 'p' }, timeout: 5, tags: ['c'], pagination: { max_pages: 9 } });
    put(proj('http', 'jsonplaceholder', 'mine.json'), { path: '/mine', headers: { 'X-User': null }, format: null });
    try {
      const r = resolveProfile('@jsonplaceholder/mine', []);
      assert.deepEqual(r.config, {
        description: 'JSONPlaceholder, a free fake REST API for trying things out',
        headers: { Accept: 'text/plain', 'X-Project': 'p' },
        timeout: 5,
        tags: ['c'],
        pagination: { next: 'link', max_pages: 9 },
        url: 'https://jsonplaceholder.typicode.com/mine',
      });
      // A project _meta applies to a bundled profile of its namespace too.
      const users = resolveProfile('@jsonplaceholder/users', []);
      assert.equal(users.level, 'bundled');
      assert.deepEqual(users.config.headers, { Accept: 'text/plain', 'X-User': 'u', 'X-Project': 'p' });
      assert.equal(users.config.format, 'json');
      assert.deepEqual(profileInfo('@jsonplaceholder/users').inherits, [
        join(root, 'profiles', 'http', 'jsonplaceholder', '_meta.json'),
        user('http', 'jsonplaceholder', '_meta.json'),
        proj('http', 'jsonplaceholder', '_meta.json'),
      ]);
    } finally {
      rmSync(user('http', 'jsonplaceholder', '_meta.json'));
      rmSync(proj('http', 'jsonplaceholder', '_meta.json'));
      rmSync(proj('http', 'jsonplaceholder', 'mine.json'));
    }
  });

  it('a file that is not a JSON object is an error with its line and column, quoting nothing from it', () => {
    put(proj('http', 'broken', 'a.json'), '{\n  "token": hunter2-literal\n}');
    const f = failure(() => resolveProfile('@broken/a', []));
    assert.deepEqual(f, { message: '.jn/profiles/http/broken/a.json: line 2, column 12: invalid JSON', exitCode: 2 });
    put(proj('http', 'broken', 'b.json'), '[1]');
    assert.equal(failure(() => resolveProfile('@broken/b', [])).message, '.jn/profiles/http/broken/b.json: expected a JSON object');
    const listed = listProfiles().find((p) => p.ref === '@broken/a');
    assert.equal(listed?.error, '.jn/profiles/http/broken/a.json: line 2, column 12: invalid JSON');
  });
});

describe('${VAR} substitution', () => {
  put(proj('http', 'github', '_meta.json'), {
    base_url: 'https://api.github.com',
    headers: { Authorization: 'Bearer ${GITHUB_TOKEN}', 'User-Agent': 'jn/${JN_AGENT:-dev}', 'X-Literal': 'costs $${PRICE}' },
  });
  put(proj('http', 'github', 'repos.json'), {
    description: 'Repositories of a user',
    path: '/users/{user}/repos',
    params: { user: { description: 'GitHub login', required: true }, per_page: { type: 'integer', default: 30 } },
  });
  put(proj('http', 'github', 'public.json'), { path: '/public', headers: { Authorization: 'none' } });

  it('fills ${VAR} from the environment, ${VAR:-default} when unset or empty, and $${ is a literal ${', () => {
    const r = resolveProfile('@github/repos', [['user', 'octocat']], { GITHUB_TOKEN: 'ghp_abc123', JN_AGENT: '' });
    assert.deepEqual(r.config.headers, { Authorization: 'Bearer ghp_abc123', 'User-Agent': 'jn/dev', 'X-Literal': 'costs ${PRICE}' });
    const r2 = resolveProfile('@github/repos', [['user', 'octocat']], { GITHUB_TOKEN: 'ghp_abc123', JN_AGENT: '2.0' });
    assert.equal((r2.config.headers as Record<string, string>)['User-Agent'], 'jn/2.0');
  });

  it('a missing or empty variable is an error naming it and the file that uses it', () => {
    for (const env of [{}, { GITHUB_TOKEN: '' }]) {
      assert.deepEqual(
        failure(() => resolveProfile('@github/repos', [['user', 'octocat']], env)),
        { message: '@github/repos: environment variable GITHUB_TOKEN is not set (used in .jn/profiles/http/github/_meta.json)', exitCode: 2 },
      );
    }
  });

  it('a value overridden by the profile is never expanded, so its variable need not be set', () => {
    const r = resolveProfile('@github/public', [], {});
    assert.equal((r.config.headers as Record<string, string>).Authorization, 'none');
  });

  it('a malformed reference is an error', () => {
    put(proj('http', 'vars', 'bad.json'), { url: 'https://x/${NOT A NAME}' });
    put(proj('http', 'vars', 'open.json'), { url: 'https://x/${HOME' });
    assert.match(failure(() => resolveProfile('@vars/bad', [])).message, /^@vars\/bad: bad variable reference \$\{NOT A NAME\} in \.jn\/profiles\/http\/vars\/bad\.json/);
    assert.match(failure(() => resolveProfile('@vars/open', [])).message, /^@vars\/open: unterminated \$\{ in \.jn\/profiles\/http\/vars\/open\.json/);
  });
});

describe('params', () => {
  const env = { GITHUB_TOKEN: 'ghp_abc123' };

  it('http, as JN: a param the profile does not declare goes to the query string as given (after the declared ones)', () => {
    const r = resolveProfile('@github/repos', [['user', 'x'], ['colour', 'red'], ['token', 's3cret']], env);
    assert.match(String(r.config.url), /\?per_page=30&colour=red&token=s3cret$/);
    assert.ok(r.secrets.includes('s3cret'), 'a secret-looking name is masked');
    assert.match(String(resolveProfile('@jsonplaceholder/users', [['x', '1']]).config.url), /\?x=1$/);
  });

  it('any other type: an unknown param is an error listing the declared ones', () => {
    put(proj('sqlite', 'shop', 'one.json'), { path: 'p.db', query: 'SELECT 1', params: { min: { type: 'number' } } });
    assert.deepEqual(failure(() => resolveProfile('@shop/one', [['colour', 'red']], env)), {
      message: '@shop/one: unknown param colour (declared: min)',
      exitCode: 2,
    });
  });

  it('a missing required param is an error; defaults apply; unused params go to the query string', () => {
    assert.deepEqual(failure(() => resolveProfile('@github/repos', [], env)), {
      message: '@github/repos: missing required param user (GitHub login): @github/repos?user=...',
      exitCode: 2,
    });
    assert.equal(resolveProfile('@github/repos', [['user', 'octocat']], env).config.url, 'https://api.github.com/users/octocat/repos?per_page=30');
    assert.equal(resolveProfile('@github/repos', [['user', 'octocat'], ['per_page', '5']], env).config.url, 'https://api.github.com/users/octocat/repos?per_page=5');
  });

  it('{name} is URL-encoded in the URL path and query, inserted as it is in headers, and fixed query params come first', () => {
    put(proj('http', 'enc', 'search.json'), {
      url: 'https://example.test/api/{kind}?v=1',
      query: { q: '{term}', tag: ['x y', 'z'], skip: null },
      headers: { 'X-Term': '{term}', 'X-Not-Param': '{other}' },
      params: { kind: { required: true }, term: { required: true }, 'page.size': { default: 10 }, opt: {} },
    });
    const r = resolveProfile('@enc/search', [['kind', 'a b/c?&'], ['term', 'rock & roll=1'], ['page.size', '50']]);
    assert.equal(r.config.url, 'https://example.test/api/a%20b%2Fc%3F%26?v=1&q=rock%20%26%20roll%3D1&tag=x%20y&tag=z&page.size=50');
    assert.deepEqual(r.config.headers, { 'X-Term': 'rock & roll=1', 'X-Not-Param': '{other}' });
    assert.equal(r.config.query, undefined, 'query is folded into url');
  });

  it('a typed param rejects text that does not fit', () => {
    assert.deepEqual(failure(() => resolveProfile('@github/repos', [['user', 'x'], ['per_page', 'lots']], env)), {
      message: '@github/repos: param per_page: expected an integer, got "lots"',
      exitCode: 2,
    });
    assert.equal(failure(() => resolveProfile('@github/repos', [['user', 'x'], ['user', 'y']], env)).message, '@github/repos: param user given twice');
  });

  it('param values are never expanded: a value holding ${VAR} stays as typed', () => {
    const r = resolveProfile('@github/repos', [['user', '${GITHUB_TOKEN}']], env);
    assert.equal(r.config.url, 'https://api.github.com/users/%24%7BGITHUB_TOKEN%7D/repos?per_page=30');
  });
});

describe('sqlite / duckdb profiles', () => {
  it('params become bind parameters (typed, defaults, null when absent), never text in the query', () => {
    put(proj('sqlite', 'shop', 'big_orders.json'), {
      path: 'data/shop.db',
      query: "SELECT id, customer FROM orders WHERE total >= :min AND (:customer IS NULL OR customer = :customer) AND note <> '{min}' ORDER BY id",
      params: { min: { type: 'number', default: 100 }, customer: {}, limit: { type: 'integer', default: 5 } },
    });
    const r = resolveProfile('@shop/big_orders', [['min', '150.5']]);
    assert.equal(r.type, 'sqlite');
    assert.deepEqual(r.config.bind, { min: 150.5, customer: null, limit: 5 });
    assert.equal(r.config.query, "SELECT id, customer FROM orders WHERE total >= :min AND (:customer IS NULL OR customer = :customer) AND note <> '{min}' ORDER BY id");
    assert.equal(r.config.path, join(project, 'data', 'shop.db'), 'relative to the project root');

    // The config runs as is: a hostile value is data, not SQL.
    mkdirSync(join(project, 'data'), { recursive: true });
    const db = new Database(r.config.path as string);
    db.exec("CREATE TABLE orders (id INTEGER, customer TEXT, total REAL, note TEXT); INSERT INTO orders VALUES (1, 'ann', 200, ''), (2, 'bob', 120, ''), (3, 'ann', 90, '')");
    const run = (params: [string, string][]) => {
      const { config } = resolveProfile('@shop/big_orders', params);
      return db.prepare(config.query as string).all(config.bind as Record<string, unknown>);
    };
    assert.deepEqual(run([]), [{ id: 1, customer: 'ann' }, { id: 2, customer: 'bob' }]);
    assert.deepEqual(run([['min', '150.5']]), [{ id: 1, customer: 'ann' }]);
    assert.deepEqual(run([['customer', 'bob']]), [{ id: 2, customer: 'bob' }]);
    assert.deepEqual(run([['customer', "x' OR '1'='1"]]), []);
    db.close();
  });

  it('a relative path is relative to $JN_HOME for user profiles; absolute and ~ paths are kept; ${VAR} works in path', () => {
    put(user('duckdb', 'wh', 'sales.json'), { path: 'db/wh.duckdb', table: 'sales' });
    put(user('duckdb', 'wh', 'abs.json'), { path: '/srv/wh.duckdb', table: 'sales' });
    put(user('duckdb', 'wh', 'env.json'), { path: '${WH_DIR}/wh.duckdb', table: 'sales' });
    assert.equal(resolveProfile('@wh/sales', []).config.path, join(home, 'db', 'wh.duckdb'));
    assert.deepEqual(resolveProfile('@wh/sales', []).config.bind, {});
    assert.equal(resolveProfile('@wh/abs', []).config.path, '/srv/wh.duckdb');
    assert.equal(resolveProfile('@wh/env', [], { WH_DIR: 'rel' }).config.path, join(home, 'rel', 'wh.duckdb'));
  });

  it('a path inherited from a _meta is relative to that _meta level', () => {
    put(user('sqlite', 'inh', '_meta.json'), { path: 'inh.db' });
    put(proj('sqlite', 'inh', 't.json'), { table: 't' });
    assert.equal(resolveProfile('@inh/t', []).config.path, join(home, 'inh.db'));
  });

  it('without query or table it is an error', () => {
    put(proj('sqlite', 'shop', 'empty.json'), { path: 'x.db' });
    assert.equal(failure(() => resolveProfile('@shop/empty', [])).message, '@shop/empty: a sqlite profile needs "query" or "table"');
  });
});

describe('secrets', () => {
  put(proj('http', 'vault', '_meta.json'), {
    base_url: 'https://vault.test',
    headers: { Authorization: 'Bearer ${VAULT_TOKEN}', Cookie: 'session=literal-cookie-value', 'X-Plain': '${PLAIN_VAR}' },
    query: { api_key: 'k/y+z' },
  });
  put(proj('http', 'vault', 'items.json'), {
    path: '/items/{id}',
    params: { id: { required: true }, password: { description: 'the vault password' }, token: { default: '${OTHER_TOKEN:-fallback-token}' } },
  });
  const env = { VAULT_TOKEN: 'tok en/42', PLAIN_VAR: 'env-plain-value' };

  it('lists every value from the environment, every value under a secret-looking key or of a secret-looking param, URL-encoded forms too, longest first', () => {
    const r = resolveProfile('@vault/items', [['id', '7'], ['password', 'pa ss']], env);
    assert.equal(r.config.url, 'https://vault.test/items/7?api_key=k%2Fy%2Bz&password=pa%20ss&token=fallback-token');
    assert.deepEqual(
      [...r.secrets].sort(),
      ['env-plain-value', 'fallback-token', 'k%2Fy%2Bz', 'k/y+z', 'pa ss', 'pa%20ss', 'session%3Dliteral-cookie-value', 'session=literal-cookie-value', 'tok en/42', 'tok%20en%2F42'].sort(),
    );
    assert.deepEqual(r.secrets, [...r.secrets].sort((a, b) => b.length - a.length));
    const message = `GET ${r.config.url} with ${JSON.stringify(r.config.headers)}`;
    const masked = maskSecrets(message, r.secrets);
    assert.equal(masked, 'GET https://vault.test/items/7?api_key=****&password=****&token=**** with {"Authorization":"Bearer ****","Cookie":"****","X-Plain":"****"}');
  });

  it('maskSecrets replaces every occurrence, longest secret first, and ignores empty ones', () => {
    assert.equal(maskSecrets('abc abcdef xabcdefx', ['abc', 'abcdef', '']), '**** **** x****x');
    assert.equal(maskSecrets('nothing here', []), 'nothing here');
  });

  it('profileInfo masks only the secret part of a string, shows unset variables, and needs no params', () => {
    const info = profileInfo('@vault/items', env);
    assert.deepEqual(info.config.headers, { Authorization: 'Bearer ****', Cookie: '****', 'X-Plain': '****' });
    assert.deepEqual(info.config.query, { api_key: '****' });
    assert.deepEqual(info.params.token, { required: false, type: 'string', default: '****' });
    assert.equal((profileInfo('@vault/items', {}).config.headers as Record<string, string>).Authorization, 'Bearer ${VAULT_TOKEN} (not set)');
    const text = JSON.stringify(profileInfo('@vault/items', env));
    for (const s of ['tok en/42', 'literal-cookie-value', 'k/y+z', 'env-plain-value', 'fallback-token']) assert.ok(!text.includes(s), s);
  });

  it('an error about a secret param does not quote its value', () => {
    put(proj('http', 'vault', 'typed.json'), { path: '/t', params: { api_key: { type: 'integer', required: true } } });
    assert.equal(failure(() => resolveProfile('@vault/typed', [['api_key', 'sekrit']], env)).message, '@vault/typed: param api_key: expected an integer, got ****');
  });
});

describe("JN's params list form", () => {
  it('["a", "b"] declares optional string params; anything else in the list is an error', () => {
    put(proj('sqlite', 'listed', 'q.json'), { path: 'p.db', query: 'SELECT :gene, :page', params: ['gene', 'page'] });
    assert.deepEqual(resolveProfile('@listed/q', [['gene', 'BRAF']]).config.bind, { gene: 'BRAF', page: null });
    assert.match(failure(() => resolveProfile('@listed/q', [['nope', '1']])).message, /unknown param nope \(declared: gene, page\)/);
    put(proj('sqlite', 'listed', 'bad.json'), { path: 'p.db', query: 'SELECT 1', params: ['ok', 3] });
    assert.match(failure(() => resolveProfile('@listed/bad', [])).message, /"params" as a list holds param names \(strings\), got 3/);
  });
});

describe("JN's nested profile paths", () => {
  it('@ns/sub/name is profiles/<type>/ns/sub/name.json, inheriting ns/_meta.json then ns/sub/_meta.json; jn profile list shows it', () => {
    put(proj('http', 'acme', '_meta.json'), { base_url: 'https://api.acme.test', headers: { 'X-Team': 'outer' } });
    put(proj('http', 'acme/v2', '_meta.json'), { headers: { 'X-Team': 'inner' } });
    put(proj('http', 'acme/v2', 'items.json'), { path: '/v2/items', description: 'v2 items' });
    const r = resolveProfile('@acme/v2/items', []);
    assert.equal(r.config.url, 'https://api.acme.test/v2/items');
    assert.deepEqual(r.config.headers, { 'X-Team': 'inner' });
    assert.deepEqual(
      listProfiles().filter((p) => p.ref.startsWith('@acme')).map((p) => [p.ref, p.description]),
      [['@acme/v2/items', 'v2 items']],
    );
  });
});
