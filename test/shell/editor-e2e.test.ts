// The stage editor in a real terminal (tmux): Tab completes a nested field
// path, a file name after join, and a multi-line pipeline pasted into the
// terminal becomes the source and the stages.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { rng, tempDir } from '../helpers.ts';
import { terminal } from '../support/tmux.ts';

const dir = tempDir('jn-editor-e2e-');
const term = terminal(dir, 'editor');
const { keys, waitFor } = term;
after(() => term.kill());

const rand = rng(5);
const cities = ['Paris', 'Lyon', 'Nice', 'Lille'];
const lines = Array.from({ length: 200 }, (_, i) =>
  JSON.stringify({ id: i + 1, address: { city: cities[Math.floor(rand() * 4)], zip: String(10000 + Math.floor(rand() * 9000)) }, k: i % 3 }),
);
writeFileSync(join(dir, 'people.ndjson'), lines.join('\n') + '\n');
writeFileSync(join(dir, 'lookup.csv'), 'k,kind\n0,zero\n1,one\n2,two\n');
writeFileSync(join(dir, 'other.csv'), 'id,v\n' + Array.from({ length: 50 }, (_, i) => `${i + 1},${Math.floor(rand() * 100)}`).join('\n') + '\n');

describe('stage editor in a terminal (tmux)', () => {
  it('Tab completes a nested field, then a file after join; a pasted pipeline replaces the session', async () => {
    term.start('jn shell people.ndjson > /dev/null', 120, 30);
    await waitFor((s) => /\b200 rows · \d+ ms/.test(s) && /stage>/.test(s), 'the first preview');

    keys('-l', 'select(.add');
    await waitFor((s) => s.includes('stage> select(.add'), 'the typed text');
    keys('Tab');
    await waitFor((s) => s.includes('stage> select(.address'), 'the completed field');
    keys('-l', '.');
    await waitFor((s) => s.includes('stage> select(.address.'), 'the dot');
    keys('Tab');
    await waitFor((s) => /^\.address\.city {2}\.address\.zip\s*$/m.test(s), 'the candidates');
    keys('-l', 'ci');
    await waitFor((s) => s.includes('stage> select(.address.ci'), 'more text');
    keys('Tab');
    await waitFor((s) => s.includes('stage> select(.address.city') && !/\.address\.zip/.test(s.split('stage>')[1] ?? ''), 'the unique field');
    keys('-l', ' == "Paris")');
    keys('Enter');
    const filtered = await waitFor((s) => /1\. select\(\.address\.city == "Paris"\)/.test(s) && /\d+ rows · \d+ ms/.test(s), 'the stage');
    assert.doesNotMatch(filtered, /"Lyon"|"Nice"|"Lille"/);

    keys('-l', 'join look');
    await waitFor((s) => s.includes('stage> join look'), 'the join');
    keys('Tab');
    await waitFor((s) => /stage> join lookup\.csv/.test(s), 'the file name');
    keys('-l', '--', '--on k');
    keys('Enter');
    await waitFor((s) => /2\. join lookup\.csv --on k/.test(s) && /\b(zero|one|two)\b/.test(s), 'the join stage');

    // a paste: the terminal delivers the lines (each ending in \) at once
    term.tmux('set-buffer', '-b', 'jnpaste', "jn cat other.csv \\\n  | jn filter '.v >= 0' \\\n  | jn head 7\n");
    term.tmux('paste-buffer', '-b', 'jnpaste', '-t', `jn-editor-${process.pid}`);
    const pasted = await waitFor((s) => /source other\.csv/.test(s) && /1\. \.v >= 0/.test(s) && /2\. head 7/.test(s) && /\b7 rows · \d+ ms/.test(s), 'the pasted pipeline');
    assert.doesNotMatch(pasted, /join lookup/);
    keys('C-c');
  });
});
