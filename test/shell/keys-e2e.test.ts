// The shell's keys in a real terminal (tmux, 80×24): a burst of keys in one
// send-keys all count, the help fits the screen and is never cut, q quits
// and prints the pipeline, Ctrl-C cancels a running preview and then quits.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { rng, tempDir, waitFor as poll } from '../helpers.ts';
import { terminal } from '../support/tmux.ts';

const dir = tempDir('jn-keys-e2e-');
const term = terminal(dir, 'keys');
const { keys } = term;
// a busy machine (the whole suite in parallel) can take seconds per frame
const waitFor = (pred: (s: string) => boolean, what: string) => term.waitFor(pred, what, 30_000);

const rand = rng(7);
writeFileSync(join(dir, 'data.csv'), 'id,v\n' + Array.from({ length: 200 }, (_, i) => `${i + 1},${Math.floor(rand() * 1e6)}`).join('\n') + '\n');
// 25 stages: head 199, then head 198, … disabled (a preview of 25 processes
// would take long on a busy machine; a disabled stage is selected the same)
const stages = Array.from({ length: 25 }, (_, i) => ({ text: `head ${199 - i}`, enabled: i === 0 }));
writeFileSync(join(dir, 'many.json'), JSON.stringify({ source: 'data.csv', stages }));

after(() => term.kill());

const out = () => readFileSync(join(dir, 'out.txt'), 'utf8');

describe('jn shell keys (tmux, 80×24)', () => {
  it('19 × k in one send-keys selects 19 stages up; the help fits 80×24 uncut; q quits', async () => {
    term.start('jn shell --load many.json > out.txt', 80, 24);
    await waitFor((s) => /›25\. \(off\) head 175/.test(s) && /199 rows · \d+ ms/.test(s), 'the preview of 25 stages');
    keys('Tab');
    keys('k'.repeat(19));
    await waitFor((s) => /› 6\. \(off\) head 194/.test(s) && /\(output of stage 6\)/.test(s), 'stage 6 selected');
    keys('?');
    let s = await waitFor((x) => x.includes('jn shell keys') && /lines 1–\d+ of \d+/.test(x), 'the help');
    const total = Number(/lines 1–\d+ of (\d+)/.exec(s)![1]);
    const seen = new Set<string>();
    // page through it: no line is cut (no …), the box is within the screen
    for (let page = 0; page < 10; page++) {
      const lines = s.split('\n');
      assert.ok(lines.filter((l) => l.trim()).length <= 24);
      assert.match(lines[0], /^╭─+╮$/);
      for (const l of lines) {
        assert.doesNotMatch(l, /…/, `a cut line: ${l}`);
        seen.add(l);
      }
      const m = /lines (\d+)–(\d+) of/.exec(s)!;
      if (Number(m[2]) >= total) break;
      keys('PageDown');
      s = await waitFor((x) => !x.includes(`lines ${m[1]}–`), 'the next page');
    }
    const all = [...seen].join('\n');
    for (const key of ['Ctrl-C', 'Enter or e', 'd or Delete', 'Enter or v']) assert.ok(all.includes(key), key);
    keys('Escape');
    await waitFor((x) => !x.includes('jn shell keys') && /› 6\. \(off\) head 194/.test(x), 'the panes again');
    keys('q');
    await poll(() => out().includes('\n'), { what: 'the pipeline printed on exit', timeoutMs: 30_000 });
    assert.equal(out(), 'jn cat data.csv | jn head 199\n');
  });

  it('Ctrl-C cancels the running preview, then quits', async () => {
    execFileSync('mkfifo', [join(dir, 'never.csv')]);
    writeFileSync(join(dir, 'out.txt'), '');
    term.start('jn shell data.csv > out.txt', 80, 24);
    await waitFor((s) => s.includes('stage>') && /200 rows · \d+ ms/.test(s), 'the first preview');
    // join opens its right side, a FIFO nobody writes: the run never ends
    keys('join never.csv --on id', 'Enter');
    await waitFor((s) => /1\. join never\.csv/.test(s) && /running…/.test(s), 'the run');
    keys('C-c');
    await waitFor((s) => /cancelled/.test(s) && !/running…/.test(s), 'cancelled');
    assert.equal(out(), '', 'not quit');
    keys('C-c');
    await poll(() => out().includes('\n'), { what: 'the pipeline printed on exit', timeoutMs: 30_000 });
    assert.equal(out(), 'jn cat data.csv | jn join never.csv --on id\n');
  });
});
