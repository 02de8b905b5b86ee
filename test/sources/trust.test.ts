// Trusted projects through the real CLI: a cloned directory's .jn/plugins
// and .jn/profiles are ignored (one notice) until `jn trust`, then used;
// any change to them revokes the trust; `jn untrust`, `jn trust --list`,
// JN_TRUSTED_PATHS; and the --jn-meta timeout. JN_HOME and HOME are temp
// directories.
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { jn, splitMark, tempDir, waitFor } from '../helpers.ts';

const dir = tempDir();
const home = join(dir, 'jnhome');
const env = { ...process.env, JN_HOME: home, HOME: join(dir, 'home'), JN_TRUSTED_PATHS: '', JN_TRUST_NOTED: undefined };
mkdirSync(join(dir, 'home'));

/** A cloned repository: .jn/plugins/csv (counts its --jn-meta runs) and an http profile. */
function clone(name: string): { root: string; plugin: string; metaRuns: string } {
  const root = join(dir, name);
  const plugin = join(root, '.jn', 'plugins', 'csv');
  const metaRuns = join(dir, `${name}.meta-runs`);
  mkdirSync(join(root, '.jn', 'plugins'), { recursive: true });
  mkdirSync(join(root, '.jn', 'profiles', 'http', 'repo'), { recursive: true });
  mkdirSync(join(root, 'sub'));
  writeFileSync(
    plugin,
    `#!/bin/sh
if [ "$1" = "--jn-meta" ]; then
  echo run >> '${metaRuns}'
  printf '%s\\n' '{"name":"csv","version":"1","matches":["\\\\.csv$"],"role":"format","modes":["read"]}'
  exit 0
fi
cat > /dev/null
printf '%s\\n' '{"by":"project-csv"}'
`,
  );
  chmodSync(plugin, 0o755);
  writeFileSync(join(root, '.jn', 'profiles', 'http', 'repo', 'items.json'), JSON.stringify({ url: 'http://127.0.0.1:9/items.json' }));
  writeFileSync(join(root, 'data.csv'), 'a\n1\n');
  return { root, plugin, metaRuns };
}

const metaRuns = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean).length : 0);
const notice = (root: string, why: string) => `jn: ignoring project plugins and profiles in ${root}/.jn (${why}; run: jn trust ${root})\n`;

const inProject = (root: string, args: string[], extra: Record<string, string> = {}) => jn(args, { cwd: root, env: { ...env, ...extra } });

describe('trusted projects', () => {
  it('a cloned .jn/plugins/csv is ignored (one notice, --jn-meta never run) until jn trust, then used', async () => {
    const p = clone('cloned');
    // Untrusted: the bundled csv reader reads both files, the notice is
    // printed once per command, the project's profile is not there.
    let r = await jn(['cat', '../data.csv', '../data.csv'], { cwd: join(p.root, 'sub'), env });
    assert.deepEqual([r.code, r.stdout, r.stderr], [0, '{"a":1}\n{"a":1}\n', notice(p.root, 'not trusted')]);
    r = await inProject(p.root, ['cat', '@repo/items']);
    assert.deepEqual([r.code, splitMark(r.stdout).records, r.stderr], [2, '', notice(p.root, 'not trusted') + 'jn: cat: no profile @repo/items (see jn profile list)\n']);
    r = await inProject(p.root, ['profile', 'list']);
    assert.equal(r.stderr, notice(p.root, 'not trusted'));
    assert.doesNotMatch(r.stdout, /@repo\/items/);
    assert.equal(metaRuns(p.metaRuns), 0, '--jn-meta of an untrusted plugin never runs');

    // jn trust with no DIR: the project the working directory is in.
    r = await jn(['trust'], { cwd: join(p.root, 'sub'), env });
    assert.deepEqual([r.code, r.stdout, r.stderr], [0, `trusted ${p.root} (.jn: 1 plugin, 1 profile file)\n`, '']);
    r = await inProject(p.root, ['cat', 'data.csv']);
    assert.deepEqual([r.code, r.stdout, r.stderr], [0, '{"by":"project-csv"}\n', '']);
    assert.equal(metaRuns(p.metaRuns), 1);
    r = await inProject(p.root, ['profile', 'list', '--json']);
    assert.equal(r.stderr, '');
    assert.equal(JSON.parse(r.stdout.split('\n')[0]).ref, '@repo/items');
    // Outside the project nothing of it is used, and nothing is said.
    r = await jn(['cat', join(p.root, 'data.csv')], { cwd: dir, env });
    assert.deepEqual([r.stdout, r.stderr], ['{"a":1}\n', '']);
  });

  it('any change under .jn/plugins or .jn/profiles revokes the trust until jn trust again', async () => {
    const p = clone('changing');
    const csv = async () => {
      const r = await inProject(p.root, ['cat', 'data.csv']);
      assert.equal(r.code, 0, r.stderr);
      return r.stdout === '{"by":"project-csv"}\n' && r.stderr === '' ? 'project' : r.stdout === '{"a":1}\n' && r.stderr === notice(p.root, 'changed since trusted') ? 'revoked' : r.stdout + r.stderr;
    };
    const changes: [string, () => void][] = [
      ['the plugin edited (a git pull)', () => writeFileSync(p.plugin, readFileSync(p.plugin, 'utf8') + '# changed upstream\n')],
      ['a profile edited', () => writeFileSync(join(p.root, '.jn', 'profiles', 'http', 'repo', 'items.json'), '{"url":"http://127.0.0.1:9/other"}')],
      ['a profile added', () => writeFileSync(join(p.root, '.jn', 'profiles', 'http', 'repo', '_meta.json'), '{}')],
      ['a file added to plugins/', () => writeFileSync(join(p.root, '.jn', 'plugins', 'notes'), 'not a plugin\n')],
      ['that file made executable', () => chmodSync(join(p.root, '.jn', 'plugins', 'notes'), 0o755)],
      ['a file removed', () => rmSync(join(p.root, '.jn', 'plugins', 'notes'))],
    ];
    assert.equal((await jn(['trust', p.root], { cwd: dir, env })).code, 0);
    assert.equal(await csv(), 'project');
    for (const [what, change] of changes) {
      change();
      assert.equal(await csv(), 'revoked', what);
      assert.equal((await jn(['trust', p.root], { cwd: dir, env })).code, 0);
    }
    assert.equal(await csv(), 'project');
    // A file elsewhere in the project (not under .jn/plugins or .jn/profiles) is not part of it.
    writeFileSync(join(p.root, 'data2.csv'), 'b\n2\n');
    writeFileSync(join(p.root, '.jn', 'README'), 'about this project\n');
    assert.equal(await csv(), 'project');
  });

  it('jn untrust, jn trust --list, and the trust store', async () => {
    const a = clone('listed-a');
    const b = clone('listed-b');
    let r = await jn(['trust', '--list'], { env: { ...env, JN_HOME: join(dir, 'fresh-home') } });
    assert.deepEqual([r.code, r.stdout, r.stderr], [0, 'no trusted directories\n', '']);
    for (const p of [b, a]) assert.equal((await jn(['trust', join(p.root, 'sub')], { cwd: dir, env })).code, 0);
    writeFileSync(b.plugin, '#!/bin/sh\nexit 1\n');
    r = await jn(['trust', '--list'], { env });
    assert.equal(r.code, 0, r.stderr);
    const rows = r.stdout.trimEnd().split('\n').map((l) => l.split(/ {2,}/));
    assert.deepEqual(rows[0], ['DIRECTORY', 'STATE', 'SINCE']);
    const mine = rows.filter((row) => row[0] === a.root || row[0] === b.root);
    assert.deepEqual(mine.map((row) => row.slice(0, 2)), [[a.root, 'trusted'], [b.root, 'changed']]);
    for (const row of mine) assert.match(row[2], /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);

    // The store: one record per project root, a sha256 of its .jn files; no temp file left.
    const store = JSON.parse(readFileSync(join(home, 'trust.json'), 'utf8'));
    assert.match(store[a.root].hash, /^sha256:[0-9a-f]{64}$/);
    assert.deepEqual(readdirSync(home).filter((f) => f.startsWith('trust')), ['trust.json']);

    r = await jn(['untrust'], { cwd: a.root, env });
    assert.deepEqual([r.code, r.stdout, r.stderr], [0, `untrusted ${a.root}\n`, '']);
    r = await inProject(a.root, ['cat', 'data.csv']);
    assert.deepEqual([r.stdout, r.stderr], ['{"a":1}\n', notice(a.root, 'not trusted')]);
    r = await jn(['untrust', a.root], { env });
    assert.deepEqual([r.code, r.stdout], [0, `${a.root} was not trusted\n`]);
    // A project that is gone can still be forgotten, by its path.
    rmSync(b.root, { recursive: true });
    assert.match((await jn(['trust', '--list'], { env })).stdout, new RegExp(`^${b.root} +missing `, 'm'));
    assert.equal((await jn(['untrust', b.root], { env })).stdout, `untrusted ${b.root}\n`);
    assert.doesNotMatch((await jn(['trust', '--list'], { env })).stdout, /listed-/);
  });

  it('errors: no .jn to trust, --list with a directory, a store jn did not write', async () => {
    let r = await jn(['trust', dir], { cwd: dir, env });
    assert.deepEqual([r.code, r.stdout, r.stderr], [2, '', `jn: trust: no .jn directory at or above ${dir}\n`]);
    r = await jn(['trust', '--list', dir], { env });
    assert.deepEqual([r.code, r.stderr], [2, 'jn: trust: --list takes no directory\n']);
    const bad = join(dir, 'bad-home');
    mkdirSync(bad);
    writeFileSync(join(bad, 'trust.json'), '{"/x": 1}');
    const p = clone('bad-store');
    r = await jn(['trust', p.root], { env: { ...env, JN_HOME: bad } });
    assert.deepEqual([r.code, r.stderr], [2, `jn: trust: ${join(bad, 'trust.json')}: not a trust store written by jn (fix or remove it)\n`]);
    assert.equal(readFileSync(join(bad, 'trust.json'), 'utf8'), '{"/x": 1}', 'left as it was');
    // Meanwhile it trusts nothing.
    r = await inProject(p.root, ['cat', 'data.csv'], { JN_HOME: bad });
    assert.deepEqual([r.stdout, r.stderr], ['{"a":1}\n', notice(p.root, 'not trusted')]);
  });

  it('JN_TRUSTED_PATHS trusts every project under its directories, whatever they hold', async () => {
    const p = clone('by-env');
    let r = await inProject(p.root, ['cat', 'data.csv'], { JN_TRUSTED_PATHS: `/nonexistent:${dir}` });
    assert.deepEqual([r.stdout, r.stderr], ['{"by":"project-csv"}\n', '']);
    r = await inProject(p.root, ['cat', 'data.csv'], { JN_TRUSTED_PATHS: join(dir, 'elsewhere') });
    assert.deepEqual([r.stdout, r.stderr], ['{"a":1}\n', notice(p.root, 'not trusted')]);
    r = await jn(['trust', '--list'], { env: { ...env, JN_HOME: join(dir, 'fresh-home'), JN_TRUSTED_PATHS: dir } });
    assert.equal(r.stdout, `DIRECTORY${' '.repeat(Math.max(dir.length, 9) - 7)}STATE${' '.repeat(23)}SINCE\n${dir.padEnd(Math.max(dir.length, 9))}  trusted (JN_TRUSTED_PATHS)\n`);
  });

  it('a jn stage started by jn (the shell preview) inherits the notice and does not repeat it', async () => {
    const p = clone('nested');
    const envHome = join(dir, 'env-home');
    mkdirSync(join(envHome, 'plugins'), { recursive: true });
    // A user plugin that shows what a process jn starts gets in JN_TRUST_NOTED.
    const meta = JSON.stringify({ name: 'envdump', version: '1', matches: ['\\.envdump$'], role: 'format', modes: ['read'] });
    writeFileSync(join(envHome, 'plugins', 'envdump'), `#!/bin/sh\n[ "$1" = --jn-meta ] && { printf '%s\\n' '${meta}'; exit 0; }\ncat >/dev/null\nprintf '{"noted":"%s"}\\n' "$JN_TRUST_NOTED"\n`);
    chmodSync(join(envHome, 'plugins', 'envdump'), 0o755);
    writeFileSync(join(p.root, 'x.envdump'), '');
    let r = await inProject(p.root, ['cat', 'x.envdump'], { JN_HOME: envHome });
    assert.deepEqual([r.code, r.stdout, r.stderr], [0, `{"noted":"${p.root}/.jn"}\n`, notice(p.root, 'not trusted')]);
    // Such a stage (JN_TRUST_NOTED set to this project) says nothing.
    r = await inProject(p.root, ['cat', 'data.csv'], { JN_TRUST_NOTED: join(p.root, '.jn') });
    assert.deepEqual([r.stdout, r.stderr], ['{"a":1}\n', '']);
  });

  it('a .jn holding neither plugins nor profiles (a README, a .keep, no .json) says nothing', async () => {
    const root = join(dir, 'quiet');
    mkdirSync(join(root, '.jn', 'plugins'), { recursive: true });
    mkdirSync(join(root, '.jn', 'profiles', 'http'), { recursive: true });
    writeFileSync(join(root, '.jn', 'plugins', 'README.md'), 'our plugins go here\n');
    writeFileSync(join(root, '.jn', 'plugins', '.keep'), '');
    writeFileSync(join(root, '.jn', 'profiles', 'http', 'notes.txt'), '');
    writeFileSync(join(root, 'data.csv'), 'a\n1\n');
    const r = await inProject(root, ['cat', 'data.csv']);
    assert.deepEqual([r.code, r.stdout, r.stderr], [0, '{"a":1}\n', '']);
  });

  it('a plugin that does not answer --jn-meta in time is skipped with one warning, its processes ended', async () => {
    const slowHome = join(dir, 'slow-home');
    const pidFile = join(dir, 'slow.pid');
    mkdirSync(join(slowHome, 'plugins'), { recursive: true });
    const slow = join(slowHome, 'plugins', 'slow');
    // The shell forks a sleep that would hold on for a minute.
    writeFileSync(slow, `#!/bin/sh\nsleep 60 &\necho $! > '${pidFile}'\nwait\n`);
    chmodSync(slow, 0o755);
    writeFileSync(join(dir, 'plain.csv'), 'a\n1\n');
    const r = await jn(['cat', 'plain.csv'], { cwd: dir, env: { ...env, JN_HOME: slowHome, JN_META_TIMEOUT: '0.5' }, timeoutMs: 20_000 });
    assert.deepEqual([r.code, r.stdout, r.stderr], [0, '{"a":1}\n', `jn: plugin ${slow}: --jn-meta did not answer within 0.5 s; skipped\n`]);
    // The plugin's sleep was ended with it (gone, or a zombie its new parent has not reaped yet).
    const stat = `/proc/${readFileSync(pidFile, 'utf8').trim()}/stat`;
    const ended = () => {
      try {
        return /^\d+ \(sleep\) Z /.test(readFileSync(stat, 'utf8'));
      } catch {
        return true;
      }
    };
    await waitFor(ended, { what: "the end of the plugin's sleep" });
    const list = await jn(['plugin', 'list'], { cwd: dir, env: { ...env, JN_HOME: slowHome, JN_META_TIMEOUT: '0.5' } });
    assert.match(list.stdout, new RegExp(`^  ${slow}: --jn-meta did not answer within 0.5 s$`, 'm'));
  });
});
