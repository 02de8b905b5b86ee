// The prefix cache in a real terminal (tmux): a 3-stage session whose first
// stage reads all of a generated file (`filter -s 'group_by(...)'`), built
// by typing; editing stage 3 starts stage 3 alone (the shell's child
// processes are watched the whole time: no source plugin and no group_by
// process is started again), and its rows come well under the first run's
// time. Quitting leaves no spool behind.
import assert from 'node:assert/strict';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { childPids, rng, tempDir, waitFor as poll } from '../helpers.ts';
import { terminal } from '../support/tmux.ts';

const dir = tempDir('jn-e2e-prefix-');
const tmp = join(dir, 'tmp');
const term = terminal(dir, 'prefix');
const { keys, waitFor, screen } = term;
after(() => term.kill());

{
  const r = rng(5);
  const cities = ['Lima', 'Oslo', 'Pune', 'Kyiv', 'Rome', 'Lagos'];
  const fd = openSync(join(dir, 'big.csv'), 'w');
  writeSync(fd, 'id,city,amount\n');
  for (let i = 0; i < 600_000; i += 10_000) {
    let block = '';
    for (let j = i; j < i + 10_000; j++) block += `${j},${cities[Math.floor(r() * cities.length)]},${Math.floor(r() * 1000)}\n`;
    writeSync(fd, block);
  }
  closeSync(fd);
}

const cmdline = (pid: number): string => {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
};
function shellPid(): number {
  const pane = Number(term.tmux('list-panes', '-t', `jn-prefix-${process.pid}`, '-F', '#{pane_pid}').trim());
  return [pane, ...childPids(pane)].find((p) => /jn\.js shell /.test(cmdline(p)))!;
}

/** Type a stage in the editor and wait for its line in the stage list
 * with its time. */
async function addStage(n: number, text: string, timeoutMs = 60_000): Promise<number> {
  const t0 = performance.now();
  keys('-l', text);
  keys('Enter');
  await waitFor((s) => new RegExp(`${n}\\. .*\\d+ ms`).test(s) && !/running…/.test(s), `stage ${n} done`, timeoutMs);
  return performance.now() - t0;
}

describe('jn shell: slow stages are paid once (tmux)', () => {
  it('editing stage 3 re-runs only stage 3', async () => {
    mkdirSync(tmp);
    // cold stages (JN_POOL=0): a pre-started process that becomes stage 3 can
    // run and end between two looks at the shell's children
    term.start(`env JN_POOL=0 TMPDIR='${tmp}' jn shell big.csv`, 160, 40);
    await waitFor((s) => /stage>/.test(s) && /\d+ ms/.test(s), 'the first screen');
    const firstMs = await addStage(1, "filter -s 'group_by(.city) | map({city: .[0].city, n: length}) | .[]'");
    await addStage(2, 'select(.n > 0)');
    await addStage(3, '.city');
    const shell = shellPid();
    // watch every process the shell starts from now on
    const seen = new Set<string>();
    let watching = true;
    const watch = (async () => {
      while (watching) {
        for (const pid of childPids(shell)) seen.add(`${pid} ${cmdline(pid)}`);
        await new Promise((r) => setTimeout(r, 5));
      }
    })();
    const before = new Set(childPids(shell).map((pid) => `${pid} ${cmdline(pid)}`));
    // edit stage 3: the stage list, stage 3 is selected, e, a new text
    keys('Tab');
    await waitFor((s) => /› 3\. \.city/.test(s), 'stage 3 selected');
    const t0 = performance.now();
    keys('e');
    await waitFor((s) => /edit 3> \.city/.test(s), 'stage 3 in the editor');
    keys('C-u');
    keys('-l', '{city, n}');
    keys('Enter');
    const s = await waitFor((s) => /3\. \{city, n\}.* \d+ ms/.test(s) && /Lagos +\d+/.test(s) && !/running…/.test(s), 'the edited stage 3 with its rows', 60_000);
    const editMs = performance.now() - t0;
    watching = false;
    await watch;
    // (a child seen between its fork and its exec still has the shell's command line)
    const own = cmdline(shell);
    const started = [...seen]
      .filter((p) => !before.has(p))
      .map((p) => p.slice(p.indexOf(' ') + 1))
      .filter((c) => c !== own);
    assert.ok(started.every((c) => !/group_by|csv|select/.test(c)), `started again:\n${started.join('\n')}`);
    assert.ok(started.some((c) => c.includes('{city, n}')), `stage 3 started:\n${started.join('\n')}`);
    assert.match(s, /1\. filter -s .*cached/);
    assert.ok(editMs * 2 < firstMs, `edit ${Math.round(editMs)} ms, first ${Math.round(firstMs)} ms`);
    console.log(`# first stage ${Math.round(firstMs)} ms; edit of stage 3 to its rows ${Math.round(editMs)} ms`);
    // q quits; the spools are gone
    keys('Escape');
    keys('q');
    await poll(() => !existsSync(`/proc/${shell}`), { what: 'the shell ended', timeoutMs: 20_000, show: screen });
    assert.deepEqual(readdirSync(tmp).filter((n) => n.startsWith('jn-prefix-')), []);
  });
});
