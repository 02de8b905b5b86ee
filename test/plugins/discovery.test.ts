// Plugin discovery through the real CLI: user plugins in any language,
// priority levels, specificity, format override, metadata cache.
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { jn, tempDir } from '../helpers.ts';
import { trust } from '../support/trust.ts';

const dir = tempDir();
const home = join(dir, 'home');
const project = join(dir, 'project');
const env = { ...process.env, JN_HOME: home };
mkdirSync(join(home, 'plugins'), { recursive: true });
mkdirSync(join(project, '.jn', 'plugins'), { recursive: true });
mkdirSync(join(project, 'sub'), { recursive: true });

/** A plugin written in sh: prints its metadata, or one record naming itself. */
function shPlugin(path: string, name: string, matches: string[], tag: string, counter?: string): void {
  const meta = JSON.stringify({ name, version: '1.0', matches, role: 'format', modes: ['read'] });
  writeFileSync(
    path,
    `#!/bin/sh
if [ "$1" = "--jn-meta" ]; then
  ${counter ? `echo x >> '${counter}'` : ':'}
  printf '%s\\n' '${meta}'
  exit 0
fi
cat > /dev/null
printf '{"by":"%s","args":"%s"}\\n' '${tag}' "$*"
`,
  );
  chmodSync(path, 0o755);
}

writeFileSync(join(project, 'data.log'), 'x\n');
writeFileSync(join(project, 'data.csv'), 'a\n1\n');
writeFileSync(join(project, 'data.access.log'), 'x\n');
writeFileSync(join(project, 'sub', 'data.csv'), 'a\n1\n');

describe('plugin discovery', () => {
  it('a user plugin in sh reads an extension nothing else handles, with params as options', async () => {
    shPlugin(join(home, 'plugins', 'logfmt'), 'log', ['\\.log$'], 'user-log');
    const r = await jn(['cat', 'data.log?level=warn'], { cwd: project, env });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), { by: 'user-log', args: '--mode=read --level=warn' });
  });

  it('the longer match wins within a level', async () => {
    shPlugin(join(home, 'plugins', 'access'), 'access', ['\\.access\\.log$'], 'user-access');
    const r = await jn(['cat', 'data.access.log'], { cwd: project, env });
    assert.equal(JSON.parse(r.stdout).by, 'user-access');
    assert.equal(JSON.parse((await jn(['cat', 'data.log'], { cwd: project, env })).stdout).by, 'user-log');
  });

  it('a project plugin (nearest .jn above the working directory) shadows the bundled one', async () => {
    shPlugin(join(project, '.jn', 'plugins', 'mycsv'), 'csv', ['\\.csv$'], 'project-csv');
    await trust(project, env);
    const r = await jn(['cat', 'data.csv'], { cwd: join(project, 'sub'), env });
    assert.equal(JSON.parse(r.stdout).by, 'project-csv');
    // Outside the project the bundled csv plugin reads it.
    const outside = await jn(['cat', join(project, 'data.csv')], { cwd: dir, env });
    assert.equal(outside.stdout, '{"a":1}\n');
    const info = await jn(['plugin', 'info', 'csv'], { cwd: project, env });
    const parsed = JSON.parse(info.stdout);
    assert.equal(parsed.level, 'project');
    assert.match(parsed.why, /shadows bundled .*dist\/plugins\/csv\.js/);
    const list = await jn(['plugin', 'list'], { cwd: project, env });
    assert.match(list.stdout, /^csv +bundled .*shadowed by project /m);
  });

  it('a format override beats matching', async () => {
    const r = await jn(['cat', 'data.log~csv'], { cwd: project, env });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).by, 'project-csv', 'the csv plugin of the highest level, by name');
    const ok = await jn(['cat', join(project, 'data.csv') + '~log'], { cwd: dir, env });
    assert.equal(JSON.parse(ok.stdout).by, 'user-log');
  });

  it('metadata is cached by mtime: asked once, asked again after a change', async () => {
    const counter = join(dir, 'asked');
    writeFileSync(counter, '');
    shPlugin(join(home, 'plugins', 'counted'), 'counted', ['\\.cnt$'], 'c1', counter);
    await jn(['plugin', 'list'], { cwd: dir, env });
    await jn(['plugin', 'list'], { cwd: dir, env });
    assert.equal(readFileSync(counter, 'utf8'), 'x\n', 'asked once for two runs');
    const later = new Date(Date.now() + 5000);
    utimesSync(join(home, 'plugins', 'counted'), later, later);
    await jn(['plugin', 'list'], { cwd: dir, env });
    assert.equal(readFileSync(counter, 'utf8'), 'x\nx\n');
  });

  it('a broken plugin is listed with the reason and does not stop jn', async () => {
    writeFileSync(join(home, 'plugins', 'broken'), '#!/bin/sh\necho not json\n');
    chmodSync(join(home, 'plugins', 'broken'), 0o755);
    const list = await jn(['plugin', 'list'], { cwd: dir, env });
    assert.equal(list.code, 0);
    assert.match(list.stdout, /ignored \(not usable plugins\):\n {2}.*broken: --jn-meta did not print valid JSON/);
    const cat = await jn(['cat', join(project, 'data.csv')], { cwd: dir, env });
    assert.equal(cat.stdout, '{"a":1}\n');
  });

  it('plugin list --json prints one object per plugin, shadowing included', async () => {
    const r = await jn(['plugin', 'list', '--json'], { cwd: project, env });
    assert.equal(r.code, 0, r.stderr);
    const rows = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    const csvs = rows.filter((x) => x.name === 'csv');
    assert.deepEqual(
      csvs.map((x) => [x.level, x.shadowedBy === null]),
      [
        ['project', true],
        ['bundled', false],
      ],
    );
    assert.deepEqual(rows.find((x) => x.name === 'gz')?.modes, ['read', 'write', 'raw']);
  });

  it('plugin info for an unknown name is a usage error', async () => {
    const r = await jn(['plugin', 'info', 'nope'], { cwd: dir, env });
    assert.equal(r.code, 2);
    assert.equal(r.stderr, 'jn: plugin: no plugin named "nope" (see jn plugin list)\n');
  });
});
