// jn shell on stdin, outside the terminal UI: the exported script of a
// session on stdin reads its own stdin (`sh p.sh < data.csv`), and the
// command line takes `-~csv` as an address while an unknown option is still
// refused in one line.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { exportScript } from '../../src/shell/files.ts';
import { jn, jnBin, rng, tempDir } from '../helpers.ts';

const dir = tempDir('jn-stdin-cli-');
const bin = join(dir, 'bin');
mkdirSync(bin);
writeFileSync(join(bin, 'jn'), `#!/bin/sh\nexec "${process.execPath}" "${jnBin}" "$@"\n`, { mode: 0o755 });
const env = { ...process.env, PATH: `${bin}:${process.env.PATH}`, JN_HOME: join(dir, 'home') };
const rand = rng(7);
const csv = 'name,n\n' + Array.from({ length: 30 }, (_, i) => `x${i},${Math.floor(rand() * 100)}`).join('\n') + '\n';
writeFileSync(join(dir, 'data.csv'), csv);

describe('jn shell: stdin outside the UI', () => {
  it('exports a session on -~csv as a script that reads its stdin', () => {
    const file = join(dir, 'p.sh');
    exportScript(file, { source: '-~csv', stages: [{ id: 1, text: 'select(.n >= 50)', enabled: true }] }, '0.0.0', new Date(0));
    const script = readFileSync(file, 'utf8');
    assert.match(script, /^# Source: -~csv \(stdin\)$/m);
    assert.match(script, /^# Run: sh script\.sh < FILE, or: sh script\.sh SOURCE$/m);
    assert.match(script, /^src=\$\{1:-'-~csv'\}$/m);
    assert.match(script, /^# jn-session: \{"source":"-~csv",/m);
    const out = execFileSync('sh', [file], { cwd: '/', env, input: csv, encoding: 'utf8' });
    const expected = csv
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(','))
      .filter(([, n]) => Number(n) >= 50)
      .map(([name, n]) => `{"name":"${name}","n":${n}}\n`)
      .join('');
    assert.ok(expected.length > 0);
    assert.equal(out, expected);
    // and on a file given as $1
    assert.equal(execFileSync('sh', [file, join(dir, 'data.csv')], { env, encoding: 'utf8' }), expected);
  });

  it('takes -~csv as an address, and refuses unknown options and a second source', async () => {
    const unknown = await jn(['shell', '--lmit', '4', 'data.csv'], { cwd: dir, env });
    assert.equal(unknown.code, 2);
    assert.equal(unknown.stderr, 'jn: shell: unknown option --lmit (a file whose name starts with - is ./--lmit)\n');
    const two = await jn(['shell', 'a.csv', 'b.csv'], { cwd: dir, env });
    assert.equal(two.code, 2);
    assert.equal(two.stderr, 'jn: shell: jn shell opens one source, got 2: a.csv b.csv\n');
    // -~csv is the source: the shell gets as far as wanting a terminal
    // (detached: a new session, with no controlling terminal)
    const csvIn = await jn(['shell', '-~csv'], { cwd: dir, env, input: csv, detached: true });
    assert.equal(csvIn.stderr, 'jn: shell: jn shell needs a terminal\n');
    assert.equal(csvIn.code, 2);
    const bad = await jn(['shell', '-'], { cwd: dir, env: { ...env, JN_SHELL_SPOOL_MB: 'lots' }, input: csv });
    assert.equal(bad.code, 2);
    assert.equal(bad.stderr, 'jn: shell: JN_SHELL_SPOOL_MB=lots: expected a positive number of megabytes\n');
  });
});
