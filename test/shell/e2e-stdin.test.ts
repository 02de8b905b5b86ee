// jn shell on data piped in, in a real terminal (tmux): the keys come from
// the terminal while the rows come from stdin. `cat x.ndjson | jn shell`,
// a stage, :export, and the script run with its input redirected gives the
// rows the preview showed; `jn shell -~csv`; a slow producer is followed as
// it writes; the spool's bound is said on screen; the spool is removed on
// quit and when the terminal goes away.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { childPids, rng, tempDir, waitFor as poll } from '../helpers.ts';
import { terminal } from '../support/tmux.ts';

const dir = tempDir('jn-e2e-stdin-');
const term = terminal(dir, 'e2e-stdin');
const { keys, waitFor } = term;
const tmp = join(dir, 'tmp');
mkdirSync(tmp);
const spools = () => readdirSync(tmp).filter((n) => n.startsWith('jn-spool-'));
const T = 20_000;
// The tmux command is sh text where only its first command gets the test's
// PATH: the jn after a pipe is named by its path.
const jn = join(term.bin, 'jn');

const rand = rng(2026);
const record = (i: number) => `{"id":${i},"k":${Math.floor(rand() * 7)},"name":"r${i}","amount":${(rand() * 1000).toFixed(2)}}`;
const all = Array.from({ length: 3000 }, (_, i) => record(i + 1));
writeFileSync(join(dir, 'data.ndjson'), all.join('\n') + '\n');
writeFileSync(join(dir, 'part1.ndjson'), all.slice(0, 10).join('\n') + '\n');
writeFileSync(join(dir, 'part2.ndjson'), all.slice(10, 25).join('\n') + '\n');
writeFileSync(join(dir, 'data.csv'), 'city,pop\n' + Array.from({ length: 40 }, (_, i) => `c${i},${1000 + Math.floor(rand() * 9000)}`).join('\n') + '\n');

const sh = (script: string, input?: string) => execFileSync('sh', ['-c', script], { cwd: dir, env: term.env, encoding: 'utf8', input });

after(() => term.kill());

describe('jn shell with data on stdin (tmux)', () => {
  it('cat x.ndjson | jn shell: rows, a stage, :export, and sh p.sh < x.ndjson gives the same rows', async () => {
    term.start(`cat data.ndjson | TMPDIR='${tmp}' ${jn} shell > out.txt`, 160, 40);
    const first = await waitFor((s) => s.includes('stage>') && /[\d,]+ rows( read)? · /.test(s) && /stdin: [\d.]+ KB/.test(s), 'the first preview', T);
    assert.match(first, /source -/);
    assert.match(first, /^\S?\s+1\s+\d\s+r1\s/m);
    assert.equal(spools().length, 1, 'stdin is spooled');

    keys('select(.k == 3 and .amount > 500)', 'Enter');
    await waitFor((s) => /1\. select\(\.k == 3 and \.amount > 500\)/.test(s) && /\d+ rows · \d+ ms/.test(s), 'stage 1', T);
    keys('head 6', 'Enter');
    const shown = await waitFor((s) => /2\. head 6/.test(s) && /\b6 rows · \d+ ms/.test(s), 'stage 2', T);
    keys(':export p.sh', 'Enter');
    await waitFor((s) => s.includes('exported to p.sh'), 'the export', T);
    keys(':q', 'Enter');
    await poll(() => readFileSync(join(dir, 'out.txt'), 'utf8').includes('\n'), { what: 'the pipeline printed on exit', timeoutMs: T });
    assert.equal(readFileSync(join(dir, 'out.txt'), 'utf8'), "jn cat - | jn filter 'select(.k == 3 and .amount > 500)' | jn head 6\n");
    await poll(() => spools().length === 0, { what: 'the spool removed on quit', timeoutMs: T });

    const script = readFileSync(join(dir, 'p.sh'), 'utf8');
    assert.match(script, /^# Source: - \(stdin\)$/m);
    assert.match(script, /^src=\$\{1:--\}$/m);
    const viaScript = sh('sh p.sh < data.ndjson');
    assert.equal(viaScript, sh("jn cat data.ndjson | jn filter 'select(.k == 3 and .amount > 500)' | jn head 6"));
    const rows = viaScript.trim().split('\n').map((l) => JSON.parse(l) as { id: number; name: string; amount: number });
    assert.equal(rows.length, 6);
    for (const r of rows) assert.match(shown, new RegExp(`^\\S?\\s+${r.id}\\s+3\\s+${r.name}\\s+${String(r.amount).replace('.', '\\.')}`, 'm'), `row ${r.id} on screen`);
  });

  it('cat x.csv | jn shell -~csv reads stdin as CSV', async () => {
    term.start(`cat data.csv | TMPDIR='${tmp}' ${jn} shell -~csv > /dev/null`, 120, 30);
    const s = await waitFor((t) => /\b40 rows · \d+ ms/.test(t) && /stdin: [\d.]+ B\b/.test(t), 'the CSV preview', T);
    assert.match(s, /source -~csv/);
    assert.match(s, /city a?\s+pop #?/);
    assert.match(s, /^\S?\s*c0\s+\d{4}/m);
    keys('C-c');
    await poll(() => spools().length === 0, { what: 'the spool removed', timeoutMs: T });
  });

  it(':source -~csv switches to stdin, and back again reads the spool again', async () => {
    term.start(`cat data.csv | TMPDIR='${tmp}' ${jn} shell data.ndjson > /dev/null`, 120, 30);
    await waitFor((s) => s.includes('stage>') && /[\d,]+ rows( read)? · /.test(s), 'the file preview', T);
    assert.equal(spools().length, 0, 'stdin is not read while the source is a file');
    keys(':source -~csv', 'Enter');
    await waitFor((s) => /source -~csv/.test(s) && /\b40 rows · \d+ ms/.test(s) && /stdin: [\d.]+ B\b/.test(s), 'stdin as the source', T);
    keys(':source data.ndjson', 'Enter');
    await waitFor((s) => /[\d,]+ rows( read)? · /.test(s) && !/stdin:/.test(s), 'the file again', T);
    keys(':undo', 'Enter');
    const again = await waitFor((s) => /source -~csv/.test(s) && /\b40 rows · \d+ ms/.test(s), 'stdin again', T);
    assert.match(again, /^\S?\s*c0\s+\d{4}/m);
    keys('C-c');
    await poll(() => spools().length === 0, { what: 'the spool removed', timeoutMs: T });
  });

  it('follows stdin while it is written: the rows there at once, then the new ones', async () => {
    term.start(`sh -c 'cat part1.ndjson; while [ ! -e go ]; do sleep 0.05; done; cat part2.ndjson' | TMPDIR='${tmp}' ${jn} shell > /dev/null`, 120, 40);
    const before = await waitFor((s) => /\b10 rows\b/.test(s) && /still reading/.test(s), 'the first 10 rows while stdin is open', T);
    assert.match(before, /running…/);
    writeFileSync(join(dir, 'go'), '');
    const later = await waitFor((s) => /\b25 rows · \d+ ms/.test(s), 'all 25 rows once stdin has ended', T);
    assert.doesNotMatch(later, /still reading/);
    assert.match(later, /^\S?\s+25\s+\d\s+r25\s/m);
    keys('C-c');
    await poll(() => spools().length === 0, { what: 'the spool removed', timeoutMs: T });
  });

  it('says when stdin is over the bound (JN_SHELL_SPOOL_MB) and keeps the complete lines before it', async () => {
    term.start(`cat data.ndjson | JN_SHELL_SPOOL_MB=0.01 TMPDIR='${tmp}' ${jn} shell > /dev/null`, 160, 40);
    const s = await waitFor((t) => /stdin is over the 10\.2 KB bound \(JN_SHELL_SPOOL_MB\)/.test(t) && /\d+ rows · \d+ ms/.test(t), 'the bound on screen', T);
    // the rows are the complete lines within the first 0.01 × 2^20 bytes
    let kept = 0;
    let bytes = 0;
    while (bytes + all[kept].length + 1 <= Math.floor(0.01 * 1024 * 1024)) bytes += all[kept++].length + 1;
    assert.match(s, new RegExp(`\\b${kept} rows · \\d+ ms`));
    keys('C-c');
    await poll(() => spools().length === 0, { what: 'the spool removed', timeoutMs: T });
  });

  it('removes the spool when the terminal goes away (SIGHUP) or jn gets SIGTERM', async () => {
    for (const how of ['SIGTERM', 'hang-up'] as const) {
      rmGo();
      term.start(`sh -c 'cat part1.ndjson; while [ ! -e go ]; do sleep 0.05; done' | TMPDIR='${tmp}' ${jn} shell > /dev/null`, 120, 30);
      await waitFor((s) => /\b10 rows\b/.test(s) && /still reading/.test(s), `the preview (${how})`, T);
      assert.equal(spools().length, 1);
      if (how === 'SIGTERM') process.kill(jnPid(), 'SIGTERM');
      else term.kill();
      await poll(() => spools().length === 0, { what: `the spool removed on ${how}`, timeoutMs: T });
      writeFileSync(join(dir, 'go'), '');
    }
  });
});

function rmGo(): void {
  rmSync(join(dir, 'go'), { force: true });
}

/** The jn shell process in the tmux pane. */
function jnPid(): number {
  const pane = Number(term.tmux('list-panes', '-t', `jn-e2e-stdin-${process.pid}`, '-F', '#{pane_pid}').trim());
  const pid = childPids(pane).find((p) => {
    const cmd = readFileSync(`/proc/${p}/cmdline`, 'utf8');
    return cmd.includes('jn.js') && cmd.includes('shell');
  });
  assert.ok(pid, 'the jn shell process');
  return pid;
}
