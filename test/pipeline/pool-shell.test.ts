// jn shell with its pool of pre-started stage processes, in a real terminal
// (tmux): the previews' stages run in pooled processes, and nothing is left
// behind when the shell ends, whether by :q, Ctrl-C, SIGTERM or SIGHUP (or
// SIGKILL: an idle process ends when its pool's channel closes).
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { alive, childPids, rng, tempDir, waitFor as poll } from '../helpers.ts';
import { terminal } from '../support/tmux.ts';

const dir = tempDir('jn-pool-shell-');
const term = terminal(dir, 'pool');
const { keys, waitFor, screen } = term;
after(() => term.kill());

const tmp = join(dir, 'tmp');
mkdirSync(tmp);
const poolDirs = () => readdirSync(tmp).filter((f) => f.startsWith('jn-pool-'));
const random = rng(5);
writeFileSync(join(dir, 'data.csv'), 'id,amount\n' + Array.from({ length: 3000 }, (_, i) => `${i + 1},${Math.floor(random() * 100)}`).join('\n') + '\n');

const cmdline = (pid: number): string => {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
};
/** Every process below pid. */
const descendants = (pid: number): number[] => childPids(pid).flatMap((c) => [c, ...descendants(c)]);

/** Stage 1's rows are on the screen: the status line counts them, not the
 * source's 3000 (kept on screen until the new run has rows), and the run
 * is not running. */
const stage1Shown = (s: string): boolean => {
  const m = /(\d+) rows( read)? · \d+ ms/.exec(s);
  return /1\. select\(\.amount > 50\)/.test(s) && m !== null && m[1] !== '3000' && !/running…/.test(s);
};

function shellPid(): number {
  const pane = Number(term.tmux('list-panes', '-F', '#{pane_pid}').trim());
  return [pane, ...childPids(pane)].find((p) => /jn\.js shell /.test(cmdline(p)))!;
}

/** Start the shell, enter two stages (the second preview can use the pool),
 * wait for idle pooled processes; the shell's pid and its processes. */
async function started(): Promise<{ pid: number; procs: number[] }> {
  // the pool's directories go to a TMPDIR of this test, to be counted
  term.start(`TMPDIR='${tmp}' jn shell data.csv > /dev/null`, 160, 40);
  await waitFor((s) => s.includes('stage>') && /\b3000 rows\b/.test(s), 'the first preview');
  const pid = shellPid();
  keys('select(.amount > 50)', 'Enter');
  await waitFor(stage1Shown, 'stage 1');
  const warm = () => childPids(pid).filter((p) => cmdline(p).includes('jn-pool-idle'));
  await poll(() => warm().length >= 2, { what: 'idle pooled processes', show: () => descendants(pid).map(cmdline).join('\n'), timeoutMs: 30_000 });
  return { pid, procs: descendants(pid) };
}

describe('jn shell with pre-started stages (tmux)', { timeout: 300_000 }, () => {
  it('runs a preview\'s stages in pooled processes', async () => {
    const { pid } = await started();
    const idle = childPids(pid).filter((p) => cmdline(p).includes('jn-pool-idle'));
    keys('head 7', 'Enter');
    await waitFor((s) => /2\. head 7/.test(s) && /\b7 rows\b/.test(s), 'stage 2');
    // the taken processes now carry the stage's name (process.title)
    const used = idle.filter((p) => !cmdline(p).includes('jn-pool-idle'));
    assert.ok(used.length > 0 || idle.some((p) => !alive(p)), `a pooled process was used: ${idle.map(cmdline).join(', ')}`);
    keys(':q', 'Enter');
    await poll(() => !alive(pid), { what: 'the shell to exit', timeoutMs: 30_000 });
  });

  for (const how of [':q', 'C-c', 'SIGTERM', 'SIGHUP', 'SIGKILL'] as const) {
    it(`leaves no process behind when it ends by ${how}`, async () => {
      const { pid, procs } = await started();
      assert.ok(procs.length >= 2, screen());
      assert.ok(poolDirs().length >= 2, 'the idle processes\' directories');
      if (how === ':q') keys(':q', 'Enter');
      else if (how === 'C-c') keys('C-c');
      else process.kill(pid, how);
      await poll(() => !alive(pid), { what: 'the shell to exit', timeoutMs: 30_000, show: screen });
      const left = () => procs.filter(alive);
      await poll(() => left().length === 0, { what: 'no process left', timeoutMs: 30_000, show: () => left().map(cmdline).join('\n') });
      // (a process the pool started after `procs` was taken removes its
      // directory when it sees the pool gone, as the others did)
      await poll(() => poolDirs().length === 0, { what: 'no directory of the pool left', timeoutMs: 30_000, show: () => poolDirs().join(' ') });
    });
  }

  it('JN_POOL=0: no pooled process', async () => {
    term.start('JN_POOL=0 jn shell data.csv > /dev/null', 160, 40);
    await waitFor((s) => s.includes('stage>') && /\b3000 rows\b/.test(s), 'the first preview');
    const pid = shellPid();
    keys('select(.amount > 50)', 'Enter');
    await waitFor(stage1Shown, 'stage 1');
    keys('head 3', 'Enter');
    await waitFor((s) => /2\. head 3/.test(s) && /\b3 rows\b/.test(s), 'stage 2');
    assert.deepEqual(descendants(pid).filter((p) => /warm\.js|jn-pool-idle/.test(cmdline(p))), []);
    keys('C-c');
    await poll(() => !alive(pid), { what: 'the shell to exit', timeoutMs: 30_000 });
  });
});
