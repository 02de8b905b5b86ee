// `jn cat FILE` runs a bundled streaming reader in its own process (src/sources/inproc.ts):
// one Node process instead of two, with the same bytes out, the same errors and
// statuses as the plugin run as a process (JN_IN_PROCESS=0 keeps that path).
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { jnBin, rng, root, run, tempDir, type RunResult } from './helpers.ts';

const dir = tempDir('jn-startup-cat-');
const home = join(dir, 'home');
const env: NodeJS.ProcessEnv = { ...process.env, JN_HOME: home };
delete env.NODE_EXTRA_CA_CERTS;

// A preload that counts the processes this Node starts (spawn and spawnSync)
// and writes the count to $JN_TEST_SPAWNS when it exits.
const counter = join(dir, 'count-spawns.cjs');
writeFileSync(
  counter,
  `const cp = require('node:child_process');
let n = 0;
const spawn = cp.ChildProcess.prototype.spawn;
cp.ChildProcess.prototype.spawn = function (...a) { n++; return spawn.apply(this, a); };
const spawnSync = cp.spawnSync;
cp.spawnSync = (...a) => { n++; return spawnSync(...a); };
process.on('exit', () => require('node:fs').writeFileSync(process.env.JN_TEST_SPAWNS, String(n)));
`,
);

let counts = 0;
/** Processes started by `jn ARGS` (the process itself not counted). */
async function spawnsOf(args: string[], extra: NodeJS.ProcessEnv = {}): Promise<{ spawns: number; r: RunResult }> {
  const file = join(dir, `spawns-${counts++}`);
  const r = await run(process.execPath, ['--max-semi-space-size=8', '-r', counter, jnBin, ...args], { env: { ...env, ...extra, JN_TEST_SPAWNS: file } });
  return { spawns: Number(readFileSync(file, 'utf8')), r };
}

const rand = rng(12);
const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)];
const words = ['alpha', 'beta', 'gamma, delta', 'say "hi"', 'naïve', '東京', '', 'x\ny', '007', '1e3', 'true'];

function csvRows(n: number, sep = ','): string {
  const q = (s: string) => (/[",\n;\t]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  let text = ['id', 'name', 'amount', 'note'].join(sep) + '\n';
  for (let i = 0; i < n; i++) text += [i, q(pick(words)), (rand() * 1000).toFixed(2), q(pick(words))].join(sep) + '\n';
  return text;
}

function write(name: string, data: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, data);
  return path;
}

const records = Array.from({ length: 50 }, (_, i) => ({ id: i, name: pick(words), amount: Math.round(rand() * 1e6) / 100, tags: [pick(words)] }));
const files = {
  csv: write('data.csv', csvRows(500)),
  semi: write('semi.csv', csvRows(50, ';')),
  tsv: write('data.tsv', csvRows(100, '\t').replace(/"[^"]*"/g, 'q')),
  ragged: write('ragged.csv', 'a,b\n1,2\n3\n4,5\n'),
  json: write('data.json', JSON.stringify(records, null, 2)),
  badJson: write('bad.json', JSON.stringify(records).slice(0, 300)),
  jsonl: write('data.jsonl', records.map((r) => JSON.stringify(r)).join('\n') + '\n'),
  badJsonl: write('bad.jsonl', '{"a":1}\n{"a":\n{"a":3}\n'),
  yaml: write('data.yaml', 'a: 1\nb: [x, y]\n---\na: 2\nb: []\n'),
  xml: write('data.xml', '<rows><row id="1"><name>a</name></row><row id="2"><name>b &amp; c</name></row></rows>\n'),
  md: write('data.md', '| id | name |\n| --- | --- |\n| 1 | a |\n| 2 | b |\n'),
  toml: write('data.toml', 'title = "x"\n[owner]\nname = "y"\n'),
  text: write('data.txt', 'one\ntwo\n\nthree\n'),
  latin1: write('latin1.csv', Buffer.from('name,city\nJosé,Zürich\n', 'latin1')),
  badUtf8: write('bad-utf8.csv', Buffer.concat([Buffer.from('a,b\n1,2\n'), Buffer.from([0x33, 0xff, 0x2c, 0x34, 0x0a])])),
  empty: write('empty.csv', ''),
  gz: write('data.csv.gz', gzipSync(csvRows(20))),
};

/** `jn ARGS` in-process and with JN_IN_PROCESS=0: the same status, stdout and stderr. */
async function same(args: string[], input?: string): Promise<RunResult> {
  const a = await run(process.execPath, [jnBin, ...args], { env, input });
  const b = await run(process.execPath, [jnBin, ...args], { env: { ...env, JN_IN_PROCESS: '0' }, input });
  assert.deepEqual({ code: a.code, stdout: a.stdout, stderr: a.stderr }, { code: b.code, stdout: b.stdout, stderr: b.stderr }, `jn ${args.join(' ')}`);
  return a;
}

describe('jn cat runs a bundled reader in its own process', () => {
  it('jn cat data.csv starts no other process; with JN_IN_PROCESS=0, or for a gz chain, it starts the plugins', async () => {
    const own = await spawnsOf(['cat', files.csv]);
    assert.equal(own.r.code, 0, own.r.stderr);
    assert.equal(own.spawns, 0);
    assert.equal(own.r.stdout.split('\n').length - 1, 500);
    const other = await spawnsOf(['cat', files.csv], { JN_IN_PROCESS: '0' });
    assert.equal(other.spawns, 1);
    assert.equal(other.r.stdout, own.r.stdout);
    const gz = await spawnsOf(['cat', files.gz]);
    assert.equal(gz.r.code, 0, gz.r.stderr);
    assert.equal(gz.spawns, 2);
    // stdin still has its plugin process (a signal to jn cat ends it)
    const stdin = await spawnsOf(['cat', '-~csv']);
    assert.equal(stdin.spawns, 1);
    // every streaming format reads in process
    for (const f of [files.tsv, files.json, files.jsonl, files.yaml, files.xml, files.md, files.toml, files.text]) {
      const s = await spawnsOf(['cat', f]);
      assert.equal(s.r.code, 0, `${f}: ${s.r.stderr}`);
      assert.equal(s.spawns, 0, f);
    }
  });

  it('the same records, errors and statuses as the plugin process, format by format', async () => {
    for (const f of [files.csv, files.semi, files.tsv, files.json, files.jsonl, files.yaml, files.xml, files.md, files.toml, files.text, files.empty]) {
      const r = await same(['cat', f]);
      assert.equal(r.code, 0, `${f}: ${r.stderr}`);
    }
    // a bad record: stage, source and line on stderr, the failure mark on stdout, status 3
    for (const f of [files.ragged, files.badJson, files.badJsonl, files.badUtf8]) {
      const r = await same(['cat', f]);
      assert.equal(r.code, 3, f);
      assert.match(r.stderr, /^jn: [a-z]+ read: .*: /, f);
      assert.ok(r.stdout.includes('\x18{"jn-failure":'), f);
    }
  });

  it('params, options, encodings, --on-error, stdin, several addresses and --meta as before', async () => {
    assert.equal((await same(['cat', `${files.ragged}?allow-ragged=true`])).code, 0);
    assert.equal((await same(['cat', `${files.csv}?bogus=1`])).code, 2);
    assert.equal((await same(['cat', '--delimiter', ';', files.semi])).code, 0);
    assert.equal((await same(['cat', '--no-header', files.csv])).code, 0);
    assert.equal((await same(['cat', `${files.csv}?strings=true`])).code, 0);
    const latin = await same(['cat', `${files.latin1}?encoding=latin1`]);
    assert.equal(latin.stdout, '{"name":"José","city":"Zürich"}\n');
    for (const mode of ['skip', 'report']) {
      const r = await same(['cat', `--on-error=${mode}`, files.ragged, files.badJsonl]);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stderr, /skipped 1 bad record/);
    }
    const errs = join(dir, 'errors.ndjson');
    await run(process.execPath, [jnBin, 'cat', '--on-error=report', '--errors', errs, files.ragged], { env });
    const inProc = readFileSync(errs, 'utf8');
    await run(process.execPath, [jnBin, 'cat', '--on-error=report', '--errors', errs, files.ragged], { env: { ...env, JN_IN_PROCESS: '0' } });
    assert.equal(inProc, readFileSync(errs, 'utf8'));
    assert.match(inProc, /"line":3/);
    assert.equal((await same(['cat', '-~csv'], csvRows(30))).code, 0);
    assert.equal((await same(['cat', files.csv, files.json, '-~jsonl', files.ragged], '{"s":1}\n')).code, 3);
    assert.equal((await same(['cat', '--meta', files.csv, files.yaml])).code, 0);
    assert.equal((await same(['cat', files.gz])).code, 0);
  });

  it('a reader that leaves early (| head -c) ends jn cat quietly with status 0', async () => {
    const big = write('big.csv', csvRows(200_000));
    const r = await run('bash', ['-c', `"$0" "$1" cat "$2" | head -c 100 > /dev/null; echo "\${PIPESTATUS[*]}"`, process.execPath, jnBin, big], { env });
    assert.equal(r.stdout, '0 0\n');
    assert.equal(r.stderr, '');
  });

  it("the plugin's code is compiled with jn cat's code cache under $JN_HOME/cache/v8", async () => {
    const cache = join(home, 'cache', 'v8');
    const r = await run(process.execPath, [jnBin, 'cat', files.csv], { env });
    assert.equal(r.code, 0, r.stderr);
    // as dist/load.js names it: the bundle, and a hash of it with Node's
    // version and flags (jn cat's: none here; a plugin process has its own)
    const code = join(root, 'dist', 'plugin-code', 'csv.js');
    const name = `csv-${fnv(`${code} ${process.version} ${process.arch} `)}.bin`;
    assert.ok(existsSync(join(cache, name)), `no ${name} in ${existsSync(cache) ? readdirSync(cache).join(' ') : 'nothing'}`);
  });
});

function fnv(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(16).padStart(8, '0');
}
