// `jn shell 'sh:COMMAND ...'` in a real terminal (tmux): the command's
// records on screen, a stage after it, `:export`, and the exported script
// (`jn sh ... | jn ...`) printing exactly the rows of the full run.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { rng, tempDir, waitFor as poll } from '../helpers.ts';
import { terminal } from '../support/tmux.ts';

const dir = tempDir('jn-sh-e2e-');
const term = terminal(dir, 'sh-e2e');
const { keys, waitFor } = term;
after(() => term.kill());

const random = rng(1207);
const levels = ['INFO', 'WARN', 'ERROR', 'DEBUG'];
const log = Array.from({ length: 300 }, (_, i) => `2024-12-15 10:${String(i % 60).padStart(2, '0')} ${levels[Math.floor(random() * 4)]} event ${i} code ${Math.floor(random() * 1000)}`);
writeFileSync(join(dir, 'app log.txt'), log.join('\n') + '\n');

describe('jn shell with a command as its source (tmux)', () => {
  it('shows the command output, and :export writes a jn sh script that reproduces the rows', async () => {
    // the file name has a space: one word for grep, quoted in the address
    term.start(`jn shell 'sh:grep -v DEBUG "app log.txt"' > out.txt`, 160, 40);
    const kept = log.filter((l) => !l.includes('DEBUG'));
    await waitFor((s) => s.includes('stage>') && new RegExp(`\\b${kept.length} rows · \\d+ ms`).test(s), 'the command output');
    keys('select(.text | test("ERROR"))', 'Enter');
    await waitFor((s) => /1\. select\(\.text \| test\("ERROR"\)\)/.test(s) && /\d+ rows · \d+ ms/.test(s), 'stage 1');
    keys('head 5', 'Enter');
    const shown = await waitFor((s) => /2\. head 5/.test(s) && /\b5 rows\b/.test(s), 'stage 2');
    const errors = kept.map((text, i) => ({ line: i + 1, text })).filter((r) => r.text.includes('ERROR')).slice(0, 5);
    for (const r of errors) assert.match(shown, new RegExp(`\\b${r.line}\\b +${r.text}`), `line ${r.line} on screen`);

    keys(':export pipe.sh', 'Enter');
    await waitFor((s) => s.includes('exported to pipe.sh'), 'the export message');
    keys(':q', 'Enter');
    await poll(() => readFileSync(join(dir, 'out.txt'), 'utf8').includes('\n'), { what: 'the pipeline printed on exit' });
    const line = `jn sh grep -v DEBUG 'app log.txt' | jn filter 'select(.text | test("ERROR"))' | jn head 5`;
    assert.equal(readFileSync(join(dir, 'out.txt'), 'utf8'), line + '\n');

    const viaScript = execFileSync('sh', ['pipe.sh'], { cwd: dir, env: term.env, encoding: 'utf8' });
    const full = execFileSync('sh', ['-c', line], { cwd: dir, env: term.env, encoding: 'utf8' });
    assert.equal(viaScript, full);
    assert.deepEqual(viaScript.trim().split('\n').map((l) => JSON.parse(l)), errors);

    // the printed pipeline loads back as the same session
    term.start('jn shell --load out.txt > out2.txt', 160, 40);
    const reloaded = await waitFor((s) => /2\. head 5/.test(s) && /\b5 rows\b/.test(s), 'the loaded session');
    assert.match(reloaded, /source sh:grep -v DEBUG 'app log\.txt'/);
    keys(':q', 'Enter');
    await poll(() => readFileSync(join(dir, 'out2.txt'), 'utf8').includes('\n'), { what: 'the second exit' });
    assert.equal(readFileSync(join(dir, 'out2.txt'), 'utf8'), line + '\n');
  });
});
