// Start-up (issue 12, "Instant previews", the cold path), what can be checked
// without timing: which stages are started with NODE_EXTRA_CA_CERTS (Node
// parses that CA bundle at every start, ~50 ms), what `jn filter` loads, and
// how much of the jq prelude a program parses.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { compile } from '../src/filter/index.ts';
import { preludeDefs } from '../src/filter/prelude.ts';
import { stageEnv } from '../src/pipeline/node.ts';
import { runPipeline, type Stage } from '../src/pipeline/spawn.ts';
import { parseAddress } from '../src/sources/address.ts';
import { readPlan } from '../src/sources/plans.ts';
import { jnBin, root, tempDir } from './helpers.ts';

const dir = tempDir('jn-startup-');
const caFile = join(dir, 'extra-ca.pem');
writeFileSync(caFile, '');
const CA = 'NODE_EXTRA_CA_CERTS';
const ASIDE = 'JN_EXTRA_CA_CERTS';

/** Run dist/jn.js as bash does: the file itself, through its `#!` line. */
function jnExec(args: string[], env: NodeJS.ProcessEnv) {
  const r = spawnSync(jnBin, args, { env, encoding: 'utf8', input: '' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

describe('NODE_EXTRA_CA_CERTS only for the stages that speak TLS', () => {
  it('stageEnv: a stage without TLS starts without it, the value set aside; a TLS stage gets it back', () => {
    const env = { PATH: '/bin', [CA]: caFile };
    assert.deepEqual(stageEnv(env, false), { PATH: '/bin', [ASIDE]: caFile });
    assert.deepEqual(stageEnv(env, true), { PATH: '/bin', [CA]: caFile, [ASIDE]: caFile });
    // a jn process started without it (its `#!` line moved it aside) gives it back
    assert.deepEqual(stageEnv({ PATH: '/bin', [ASIDE]: caFile }, true), { PATH: '/bin', [CA]: caFile, [ASIDE]: caFile });
    // nothing set (the `#!` line sets the aside variable empty): unchanged
    const none = { PATH: '/bin', [ASIDE]: '' };
    assert.equal(stageEnv(none, true), none);
  });

  it('plans: a file read by a bundled format plugin speaks no TLS; a URL fetch does', () => {
    const csv = join(dir, 'plan.csv');
    writeFileSync(csv, 'a\n1\n');
    assert.deepEqual(
      readPlan(parseAddress(csv)).stages.map((s) => s.tls),
      [false],
    );
    const url = readPlan(parseAddress('https://127.0.0.1:9/x.csv'));
    assert.equal(url.stages[0].tls, true);
  });

  it('the runner: a jn stage and a stage marked tls:false start without it; a plugin by default gets it', async () => {
    const print = (label: string, extra: Partial<Stage>): Stage => ({
      label,
      command: process.execPath,
      args: ['-e', `process.stdout.write(JSON.stringify([process.env.${CA} ?? null, process.env.${ASIDE} ?? null]) + '\\n')`],
      env: { ...process.env, [CA]: caFile },
      ...extra,
    });
    const seen = async (stage: Stage) => {
      const out = join(dir, `${stage.label}.out`);
      const fd = (await import('node:fs')).openSync(out, 'w');
      const r = await runPipeline([stage], { stdin: 'ignore', stdout: fd, closeAfterSpawn: [fd] });
      assert.equal(r.failure, undefined);
      return JSON.parse(readFileSync(out, 'utf8'));
    };
    assert.deepEqual(await seen(print('jn', { kind: 'jn' })), [null, caFile]);
    assert.deepEqual(await seen(print('fmt', { kind: 'plugin', tls: false })), [null, caFile]);
    assert.deepEqual(await seen(print('other', { kind: 'plugin' })), [caFile, caFile]);
  });

  it('end to end: the jn process started by its #! line runs without it, and gives it back to a third-party plugin', () => {
    const home = join(dir, 'home');
    mkdirSync(join(home, 'plugins'), { recursive: true });
    const plugin = join(home, 'plugins', 'envdump');
    writeFileSync(
      plugin,
      `#!/bin/sh
if [ "$1" = "--jn-meta" ]; then
  printf '%s\\n' '{"name":"envdump","version":"1","matches":["\\\\.envdump$"],"role":"format","modes":["read"]}'
  exit 0
fi
cat > /dev/null
printf '{"ca":"%s"}\\n' "$${CA}"
`,
    );
    chmodSync(plugin, 0o755);
    writeFileSync(join(dir, 'x.envdump'), 'anything\n');
    const env: NodeJS.ProcessEnv = { ...process.env, JN_HOME: home, [CA]: caFile };
    delete env[ASIDE];
    assert.equal(jnExec(['filter', '-nc', `[$ENV.${CA}, $ENV.${ASIDE}]`], env), `[null,${JSON.stringify(caFile)}]\n`);
    assert.equal(jnExec(['cat', join(dir, 'x.envdump')], env), `{"ca":${JSON.stringify(caFile)}}\n`);
    // without the variable, nothing is set for anyone
    delete env[CA];
    assert.equal(jnExec(['filter', '-nc', `[$ENV.${CA}, $ENV.${ASIDE} // ""]`], env), '[null,""]\n');
  });
});

describe('what `jn filter` loads at start-up', () => {
  it('runs one CommonJS bundle: no ES module loader, no child_process (commander loads it lazily), no tty/net (the failure mark loads tty when it writes)', () => {
    const hook = join(dir, 'loaded.cjs');
    writeFileSync(hook, "process.on('exit', () => require('node:fs').writeSync(2, JSON.stringify(process.moduleLoadList) + '\\n'));\n");
    for (const args of [['filter', '-n', '1'], ['head']]) {
      const r = spawnSync(process.execPath, ['--require', hook, jnBin, ...args], { encoding: 'utf8', input: '' });
      assert.equal(r.status, 0, r.stderr);
      const loaded: string[] = JSON.parse(r.stderr.trim().split('\n').pop()!);
      assert.deepEqual(
        loaded.filter((m) => /child_process|esm\/(loader|translators|module_job)|^NativeModule (net|tty)$/.test(m)),
        [],
        args.join(' '),
      );
    }
  });

  it('the code cache: written under $JN_HOME/cache/v8 at the first run, not with JN_CODE_CACHE=0', () => {
    const home = join(dir, 'cache-home');
    const v8 = join(home, 'cache', 'v8');
    const run = (extra: NodeJS.ProcessEnv) => {
      const r = spawnSync(process.execPath, [jnBin, 'filter', '-n', '1 + 1'], { encoding: 'utf8', env: { ...process.env, JN_HOME: home, ...extra } });
      assert.equal(r.status, 0, r.stderr);
      assert.equal(r.stdout, '2\n');
    };
    run({ JN_CODE_CACHE: '0' });
    assert.equal(existsSync(v8), false);
    run({});
    const files = readdirSync(v8);
    assert.equal(files.length, 1);
    assert.match(files[0], /^filter-[0-9a-f]{8}\.bin$/);
    const first = readFileSync(join(v8, files[0]));
    assert.ok(first.toString('latin1', 0, first.indexOf(10)).startsWith(join(root, 'dist', 'cmd', 'filter.js')));
    run({}); // a valid cache is read, not written again
    assert.deepEqual(readFileSync(join(v8, files[0])), first);
  });

  it('the jq prelude: a program parses only the definitions it calls', () => {
    assert.equal(preludeDefs.parsedCount(), 0);
    compile('.[] | select(. > 1) | {a: .}');
    assert.equal(preludeDefs.parsedCount(), 0, 'natives only: nothing parsed');
    compile('[.[] | numbers] | first');
    assert.equal(preludeDefs.parsedCount(), 2);
    const out: unknown[] = [];
    compile('[.[] | numbers] | first').run([1, 'a', 2], (v) => out.push(v));
    assert.deepEqual(out, [1]);
  });

  it('the prelude index: every definition is found under its name/arity', () => {
    const keys = [...preludeDefs.keys()];
    assert.ok(keys.length > 80);
    for (const key of keys) {
      const def = preludeDefs.get(key)!;
      assert.equal(`${def.name}/${def.params.length}`, key);
    }
    for (const key of ['recurse/2', 'JOIN/4', 'clamp/2', 'lpad/1', 'get_search_list/0']) assert.ok(preludeDefs.has(key), key);
  });
});
