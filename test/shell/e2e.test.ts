// jn shell in a real terminal: tmux runs it, send-keys types, capture-pane
// reads the screen. Open a generated file, add three stages, see the rows,
// export, run the exported script with sh, and compare with a full run.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { rng, tempDir, waitFor as poll } from '../helpers.ts';
import { terminal } from '../support/tmux.ts';

const dir = tempDir('jn-e2e-');
const term = terminal(dir, 'e2e');
const { screen, keys, waitFor } = term;
const pathEnv = term.env;

// Data: 3000 rows; the lookup table joins on k.
const rand = rng(99);
const rows = ['id,k,amount,label'];
for (let i = 1; i <= 3000; i++) rows.push(`${i},${Math.floor(rand() * 10)},${(rand() * 100).toFixed(2)},"item ${i}, ok"`);
writeFileSync(join(dir, 'data.csv'), rows.join('\n') + '\n');
writeFileSync(join(dir, 'lookup.csv'), 'k,kind\n' + Array.from({ length: 10 }, (_, k) => `${k},kind-${k}`).join('\n') + '\n');

after(() => term.kill());

describe('jn shell end to end (tmux)', () => {
  it('builds a pipeline, exports it, and the script reproduces the full run', async () => {
    term.start('jn shell data.csv > out.txt', 160, 40);
    await waitFor((s) => s.includes('stage>') && /\b3000 rows\b|500 rows/.test(s), 'the first preview');

    keys('select(.amount > 50 and .id > 2500)', 'Enter');
    await waitFor((s) => /1\. select\(\.amount > 50 and \.id > 2500\)/.test(s) && /\d+ rows · \d+ ms/.test(s), 'stage 1');
    keys('join lookup.csv --on k', 'Enter');
    await waitFor((s) => /2\. join lookup\.csv --on k/.test(s) && /kind-/.test(s), 'stage 2');
    keys('head 4', 'Enter');
    const shown = await waitFor((s) => /3\. head 4/.test(s) && /\b4 rows\b/.test(s), 'stage 3');

    const expected = execFileSync('sh', ['-c', 'jn cat data.csv | jn filter \'select(.amount > 50 and .id > 2500)\' | jn join lookup.csv --on k | jn head 4'], { cwd: dir, env: pathEnv, encoding: 'utf8' })
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: number; kind: string });
    assert.equal(expected.length, 4);
    for (const r of expected) assert.match(shown, new RegExp(`\\b${r.id}\\b.*item ${r.id}, ok.*${r.kind}`), `row ${r.id} on screen`);

    keys(':export pipe.sh', 'Enter');
    await waitFor((s) => s.includes('exported to pipe.sh'), 'export message');
    keys(':q', 'Enter');
    await poll(() => readFileSync(join(dir, 'out.txt'), 'utf8').includes('\n'), { what: 'the pipeline printed on exit' });
    assert.equal(readFileSync(join(dir, 'out.txt'), 'utf8'), "jn cat data.csv | jn filter 'select(.amount > 50 and .id > 2500)' | jn join lookup.csv --on k | jn head 4\n");

    assert.ok(existsSync(join(dir, 'pipe.sh')));
    const viaScript = execFileSync('sh', ['pipe.sh'], { cwd: dir, env: pathEnv, encoding: 'utf8' });
    const full = execFileSync('sh', ['-c', 'jn cat data.csv | jn filter \'select(.amount > 50 and .id > 2500)\' | jn join lookup.csv --on k | jn head 4'], { cwd: dir, env: pathEnv, encoding: 'utf8' });
    assert.equal(viaScript, full);
    // The script takes another source as $1.
    writeFileSync(join(dir, 'other.csv'), 'id,k,amount,label\n7,3,1.5,x\n2600,3,99.5,y\n');
    const other = execFileSync('sh', ['pipe.sh', 'other.csv'], { cwd: dir, env: pathEnv, encoding: 'utf8' });
    assert.equal(other, '{"id":2600,"k":3,"amount":99.5,"label":"y","kind":"kind-3"}\n');

    // jn shell --load re-opens the exported script as a session. (The first
    // session ended with the shell; the tmux server may be gone too.)
    term.start('jn shell --load pipe.sh > out2.txt', 160, 40);
    const reloaded = await waitFor((s) => /3\. head 4/.test(s) && /\b4 rows\b/.test(s), 'the loaded session');
    assert.match(reloaded, new RegExp(`source ${join(dir, 'data.csv')}`)); // exported as an absolute path
    assert.match(reloaded, /1\. select\(\.amount > 50 and \.id > 2500\)/);
    for (const r of expected) assert.match(reloaded, new RegExp(`\\b${r.id}\\b.*${r.kind}`));

    // Resizing the terminal re-lays out the UI to the new width.
    assert.match(reloaded.split('\n')[0], /^╭─{158}╮$/);
    term.resize(90, 30);
    const narrow = await waitFor((s) => /^╭─{88}╮$/.test(s.split('\n')[0]), 'the re-layout at 90 columns');
    assert.match(narrow, /\b4 rows\b/);
    assert.match(narrow, /stage>/);
    keys('C-c');

    // --limit sets the rows held (the pager's window, at least 1,000): the
    // preview pages on past it.
    term.start('jn shell --limit 7 data.csv > /dev/null', 160, 40);
    await waitFor((s) => /\b3000 rows · \d+ ms/.test(s) && /^\S?›\s*1 {2}/m.test(s), 'the preview');
    keys('C-c');
  });

  it('draws in colour on the terminal when stdout is redirected', async () => {
    term.start('jn shell data.csv > /dev/null', 160, 40);
    await waitFor((s) => /\b3000 rows · \d+ ms/.test(s), 'the preview');
    const styled = screen(true);
    // the word "source" in cyan, and the status line's grey: SGR colour codes
    assert.match(styled, /\x1b\[[0-9;]*3[0-9](;[0-9;]*)?m\s*source/);
    keys('C-c');
  });

  it('draws in colour on a terminal when CI is set in the environment (as in a CI job or a dev container)', async () => {
    term.start('CI=true jn shell data.csv', 160, 40);
    await waitFor((s) => /\b3,?000 rows/.test(s), 'the preview');
    // chalk draws no colour on a terminal when CI is set at all: jn shell removes it
    assert.match(screen(true), /\x1b\[[0-9;]*3[0-9](;[0-9;]*)?m\s*source/);
    keys('C-c');
  });

  it('after a terminal resize the cursor row is still on the screen', async () => {
    term.start('jn shell data.csv > /dev/null', 160, 40);
    await waitFor((s) => /\b3000 rows · \d+ ms/.test(s), 'the preview');
    // the stage list's border is cyan while it has the focus
    const firstLine = () => screen(true).split('\n')[0];
    keys('Tab');
    await poll(() => firstLine().startsWith('\x1b[36m'), { what: 'the focus on the stage list', show: screen });
    keys('Tab');
    await poll(() => !firstLine().startsWith('\x1b[36m'), { what: 'the focus on the table', show: screen });
    keys('G');
    await waitFor((s) => /^\S?›\s*3000 /m.test(s), 'the cursor on row 3000');
    term.resize(160, 20);
    await waitFor((s) => s.split('\n').length <= 21 && /^\S?›\s*3000 /m.test(s), 'row 3000 on the smaller screen');
    keys('C-c');
  });
});
