// The column panel in a real terminal (tmux): on a column, F opens the
// panel, a top value is picked, the filter stage appears and the rows
// change; :export writes it, and the script gives the rows of the CLI.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { rng, tempDir, waitFor as poll } from '../helpers.ts';
import { terminal } from '../support/tmux.ts';

const dir = tempDir('jn-e2e-columns-');
const term = terminal(dir, 'e2e-columns');
const { keys, waitFor } = term;

const rand = rng(2026);
const KINDS = ['red', 'green', 'blue light', 'grey'];
const lines = ['id,kind,score'];
const kinds: string[] = [];
for (let i = 1; i <= 400; i++) {
  const kind = KINDS[Math.min(3, Math.floor(rand() * rand() * 5))];
  kinds.push(kind);
  lines.push(`${i},${kind},${Math.floor(rand() * 1000)}`);
}
writeFileSync(join(dir, 'data.csv'), lines.join('\n') + '\n');

after(() => term.kill());

describe('column panel end to end (tmux)', () => {
  it('picks a top value of a column: the filter stage appears, the rows change, and the export has it', async () => {
    term.start('jn shell data.csv > out.txt', 120, 36);
    await waitFor((s) => s.includes('stage>') && /\b400 rows · \d+ ms/.test(s), 'the first preview');
    // Tab, Tab: the table, once each move shows (its border in cyan, then
    // the cursor row in reverse video)
    const styled = (pred: (s: string) => boolean, what: string) => poll(() => pred(term.screen(true)), { what, show: () => term.screen(true) });
    keys('Tab');
    await styled((s) => /\x1b\[(?:\d+;)*36m╭/.test(s), 'the stage list focused');
    keys('Tab');
    await styled((s) => /\x1b\[(?:\d+;)*7m(?:\x1b\[\d+m)*›/.test(s), 'the table focused');
    keys('l');
    await waitFor((s) => /^‹kind/m.test(s), 'kind as the current column');
    keys('F');
    const panel = await waitFor((s) => s.includes('column 2 of 3: kind') && s.includes('over the 400 rows loaded'), 'the panel');

    // The panel's counts are those of the data, most frequent first.
    const counts = new Map<string, number>();
    for (const k of kinds) counts.set(k, (counts.get(k) ?? 0) + 1);
    const top = [...counts].sort((a, b) => b[1] - a[1]);
    for (const [k, n] of top) assert.match(panel, new RegExp(`\\b${n}\\s+${((100 * n) / 400).toFixed(1)}%\\s+${k}\\b`), `${k} counted`);
    assert.match(panel, new RegExp(`›\\s*${top[0][1]}\\s`));

    // Pick the second value.
    const [pick, n] = top[1];
    keys('j');
    await waitFor((s) => new RegExp(`›\\s*${n}\\s+[\\d.]+%\\s+${pick}`).test(s), 'the second value selected');
    keys('Enter');
    const filtered = await waitFor((s) => s.includes(`1. select(.kind == "${pick}")`) && new RegExp(`\\b${n} rows · \\d+ ms`).test(s), 'the filter stage and its rows');
    const shownKinds = filtered.split('\n').filter((l) => /^[ ›‹]\s*\S/.test(l) && /\d+$/.test(l.trim()));
    assert.ok(shownKinds.length > 0);
    for (const l of shownKinds) assert.ok(l.includes(pick), `only ${pick} rows: ${l}`);

    // To the editor; export and quit.
    keys('Tab');
    await waitFor((s) => /^stage>/m.test(s), 'the editor');
    keys(':export pick.sh', 'Enter');
    await waitFor((s) => s.includes('exported to pick.sh'), 'the export');
    keys(':q', 'Enter');
    // (not the screen: the terminal closes with the shell)
    await poll(() => existsSync(join(dir, 'out.txt')) && readFileSync(join(dir, 'out.txt'), 'utf8').includes('\n'), { what: 'the pipeline printed on exit' });
    assert.equal(readFileSync(join(dir, 'out.txt'), 'utf8'), `jn cat data.csv | jn filter 'select(.kind == "${pick}")'\n`);
    const script = readFileSync(join(dir, 'pick.sh'), 'utf8');
    assert.ok(script.includes(`| jn filter 'select(.kind == "${pick}")'`), script);
    const viaScript = execFileSync('sh', ['pick.sh'], { cwd: dir, env: term.env, encoding: 'utf8' });
    const ids = viaScript.trim().split('\n').map((l) => (JSON.parse(l) as { id: number }).id);
    assert.deepEqual(ids, kinds.flatMap((k, i) => (k === pick ? [i + 1] : [])));
  });
});
