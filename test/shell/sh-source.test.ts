// A command as the source of a jn shell session (`sh:grep -v x app.log`):
// read by `jn sh` with an argv (never a shell string), exported as
// `jn sh ... | jn ...`, loaded back from that pipeline.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runPreview } from '../../src/shell/preview.ts';
import { runAnalyze } from '../../src/shell/analyze-run.ts';
import { commandLine, toScript } from '../../src/shell/export.ts';
import { loadSession, parsePipeline } from '../../src/shell/load.ts';
import { exportScript, startingSession } from '../../src/shell/files.ts';
import { shSourceArgv } from '../../src/shell/sh-source.ts';
import { seekable } from '../../src/shell/seek/source.ts';
import { toPlain, type Lossless } from '../../src/kit/lossless.ts';
import { rng, tempDir } from '../helpers.ts';

const dir = tempDir();
process.env.JN_HOME = join(dir, 'home');
const random = rng(41);
const levels = ['INFO', 'DEBUG', 'skip me', 'ERROR'];
const logLines = Array.from({ length: 40 }, (_, i) => `${i} ${levels[Math.floor(random() * levels.length)]} event ${Math.floor(random() * 1000)}`);
const log = join(dir, 'app.log');
writeFileSync(log, logLines.join('\n') + '\n');
// grep -v "skip me": the quoted pattern is one word; split by a shell that
// ignored the quotes, grep would look for "skip" in a file named "me"
const kept = logLines.map((text, i) => ({ line: i + 1, text })).filter((r) => !r.text.includes('skip me'));
const source = `sh:grep -v "skip me" ${log}`;

/** What `jn sh grep` writes: the kept lines, numbered as grep's output. */
const expected = kept.map((r, i) => ({ line: i + 1, text: r.text }));

describe('sh: sources', () => {
  it('split into an argv with sh quoting, as a stage entry is; other sources are not commands', () => {
    assert.deepEqual(shSourceArgv(source), ['sh', 'grep', '-v', 'skip me', log]);
    assert.deepEqual(shSourceArgv("sh:--raw printf '%s\\n' a\\ b"), ['sh', '--raw', 'printf', '%s\\n', 'a b']);
    assert.equal(shSourceArgv('data.csv'), undefined);
    assert.equal(shSourceArgv('./sh:x'), undefined);
    assert.throws(() => shSourceArgv('sh:  '), /^Error: sh: {2}: name a command to run/);
    assert.throws(() => shSourceArgv("sh:ls 'x"), /sh:ls 'x: .*quote/);
  });

  it('jn shell refuses a command source it cannot read at once, with a usage error', () => {
    assert.throws(() => startingSession('sh:', undefined), (err: Error & { exitCode?: number }) => err.exitCode === 2 && /name a command/.test(err.message));
    assert.deepEqual(startingSession(source, undefined), { source, stages: [] });
  });

  it('the preview runs the command through jn sh and the stages after it', async () => {
    const r = await runPreview(source, [], 500).done;
    assert.equal(r.error, undefined);
    assert.deepEqual((r.rows as Lossless[]).map(toPlain), expected);
    assert.deepEqual(r.stages.map((s) => [s.index, s.label, s.ok]), [[-1, 'sh', true]]);
    const f = await runPreview(source, [['filter', 'select(.text | contains("ERROR"))'], ['head', '-n', '3']], 500).done;
    assert.deepEqual((f.rows as Lossless[]).map(toPlain), expected.filter((x) => x.text.includes('ERROR')).slice(0, 3));
  });

  it('words that look like address params (?a=1&b) are the command\'s, not an address\'s (preview and column analysis)', async () => {
    const r = await runPreview('sh:echo a?x=1&y', [], 500).done;
    assert.equal(r.error, undefined);
    assert.deepEqual((r.rows as Lossless[]).map(toPlain), [{ line: 1, text: 'a?x=1&y' }]);
    const a = await runAnalyze('sh:echo a?x=1&y', []).done;
    assert.ok('analysis' in a, JSON.stringify(a));
  });

  it('a command that fails is the failure of the source stage', async () => {
    const r = await runPreview(`sh:grep -v x ${join(dir, 'missing.log')}`, [['head', '-n', '1']], 500).done;
    assert.ok(r.error, 'an error');
    assert.equal(r.error.index, -1);
    assert.match(r.error.message, /missing\.log/);
  });

  it('exports as jn sh COMMAND | jn ..., which prints the rows the preview shows', async () => {
    const state = { source, stages: [{ id: 1, text: 'select(.text | contains("ERROR"))', enabled: true }, { id: 2, text: 'head -n 4', enabled: true }] };
    const line = commandLine(state);
    assert.equal(line, `jn sh grep -v 'skip me' ${log} | jn filter 'select(.text | contains("ERROR"))' | jn head -n 4`);
    const preview = await runPreview(source, [['filter', 'select(.text | contains("ERROR"))'], ['head', '-n', '4']], 500).done;
    const file = join(dir, 'script.sh');
    exportScript(file, state, 'test', new Date(0), true);
    const script = readFileSync(file, 'utf8');
    assert.match(script, /^# Source: sh:grep -v "skip me" .* \(a command, run by jn sh\)$/m);
    assert.match(script, /^# Run: sh script\.sh$/m);
    assert.doesNotMatch(script, /src=/);
    // the exported script runs the same chain: jn on the PATH is this jn
    const bin = join(dir, 'bin');
    execFileSync('mkdir', ['-p', bin]);
    writeFileSync(join(bin, 'jn'), `#!/bin/sh\nexec ${process.execPath} ${join(import.meta.dirname, '..', '..', 'dist', 'jn.js')} "$@"\n`, { mode: 0o755 });
    const out = execFileSync('sh', [file], { env: { ...process.env, PATH: `${bin}:${process.env.PATH}` }, cwd: '/' }).toString();
    assert.deepEqual(
      out.trim().split('\n').map((l) => JSON.parse(l)),
      (preview.rows as Lossless[]).map(toPlain),
    );
    assert.ok(out.trim().split('\n').length > 0);
    // and the script loads back as the same session
    assert.deepEqual(loadSession(script).source, source);
  });

  it('a pipeline that starts with jn sh loads back as an sh: source whose words split back to the same argv', () => {
    const s = parsePipeline(`jn sh grep -v 'skip me' ${log} | jn head -n 2`);
    assert.deepEqual(shSourceArgv(s.source), ['sh', 'grep', '-v', 'skip me', log]);
    assert.deepEqual(s.stages.map((x) => x.text), ['head -n 2']);
    assert.equal(commandLine(s), `jn sh grep -v 'skip me' ${log} | jn head -n 2`);
    assert.throws(() => parsePipeline('jn sh | jn head'), /must start with jn cat SOURCE \(one source\) or jn sh COMMAND/);
  });

  it('a command source cannot seek, and says so', () => {
    assert.deepEqual(seekable(source), { reason: "a command's output is read as it comes: it cannot seek" });
  });

  it('a command source that cannot be read is written as typed (the preview says why)', () => {
    assert.equal(commandLine({ source: 'sh:', stages: [] }), 'jn cat sh:');
    assert.match(toScript({ source: 'sh:', stages: [] }, { version: 't', createdAt: new Date(0) }), /src=\$\{1:-sh:\}/);
  });
});
