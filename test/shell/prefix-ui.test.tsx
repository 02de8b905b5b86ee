// jn shell's stage list while a stage reads all its input (its progress,
// the cancel key), and the stages whose output came from the prefix cache.
import assert from 'node:assert/strict';
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { render } from 'ink-testing-library';
import { App } from '../../src/shell/ui/App.tsx';
import { StageList } from '../../src/shell/ui/StageList.tsx';
import { History } from '../../src/shell/history.ts';
import type { SessionState } from '../../src/shell/session.ts';
import { childPids, rng, tempDir, waitFor } from '../helpers.ts';

const dir = tempDir();
process.env.JN_HOME = join(dir, 'home');
process.env.TMPDIR = dir;

const big = join(dir, 'big.csv');
{
  const r = rng(11);
  const cities = ['Lima', 'Oslo', 'Pune', 'Kyiv', 'Rome'];
  const fd = openSync(big, 'w');
  writeSync(fd, 'id,city,amount\n');
  for (let i = 0; i < 800_000; i += 10_000) {
    let block = '';
    for (let j = i; j < i + 10_000; j++) block += `${j},${cities[Math.floor(r() * cities.length)]},${Math.floor(r() * 1000)}\n`;
    writeSync(fd, block);
  }
  closeSync(fd);
}
const slow = "filter -s 'group_by(.city) | map({city: .[0].city, n: length}) | .[]'";

const cmdline = (pid: number): string => {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return '';
  }
};
const children = (): number[] => childPids(process.pid).filter((pid) => cmdline(pid).includes('/dist/'));

const until = (frame: () => string | undefined, pred: (f: string) => boolean, what: string, timeoutMs = 20_000): Promise<string> =>
  waitFor(
    () => {
      const f = frame() ?? '';
      return pred(f) && f;
    },
    { what, show: frame, timeoutMs },
  );

describe('stage list: a stage reading all its input', () => {
  it('shows its progress beside it; Ctrl-C cancels the run, leaves no process, and the shell stays', async () => {
    let exited = false;
    const initial: SessionState = { source: big, stages: [{ id: 1, text: slow, enabled: true }, { id: 2, text: '.city', enabled: true }] };
    const app = render(<App initial={initial} limit={500} version="test" history={new History(null)} onExit={() => (exited = true)} debounceMs={20} />);
    const f = await until(app.lastFrame, (f) => /1\. filter -s.*reading all input… (.* · )?\d+ s · Esc or Ctrl-C cancels/.test(f), 'the progress beside stage 1');
    // stage 2 waits for it: no progress there
    assert.doesNotMatch(f.split('\n').find((l) => l.includes('2. .city')) ?? '', /reading/);
    assert.ok(children().length > 0);
    app.stdin.write('\u0003');
    await until(app.lastFrame, (f) => /cancelled/.test(f) && !/reading all input/.test(f), 'cancelled');
    await waitFor(() => children().length === 0, { what: 'no process left', show: () => children().map(cmdline).join('\n') });
    assert.equal(exited, false);
    app.unmount();
  });

  it('Esc in the stage list cancels it too', async () => {
    const initial: SessionState = { source: big, stages: [{ id: 1, text: slow, enabled: true }] };
    const app = render(<App initial={initial} limit={500} version="test" history={new History(null)} onExit={() => {}} debounceMs={20} />);
    await until(app.lastFrame, (f) => /reading all input…/.test(f), 'the progress');
    app.stdin.write('\t'); // editor → stage list
    await until(app.lastFrame, (f) => /reading all input…/.test(f), 'still reading');
    app.stdin.write('\u001b');
    await until(app.lastFrame, (f) => /cancelled/.test(f), 'cancelled');
    await waitFor(() => children().length === 0, { what: 'no process left' });
    app.unmount();
  });

  it('a stage whose output came from the cache says so', async () => {
    const initial: SessionState = { source: big, stages: [{ id: 1, text: slow, enabled: true }] };
    const app = render(<App initial={initial} limit={500} version="test" history={new History(null)} onExit={() => {}} debounceMs={20} />);
    await until(app.lastFrame, (f) => /1\. filter -s.* \d+ ms/.test(f) && !/running/.test(f), 'stage 1 done');
    app.stdin.write('.city');
    app.stdin.write('\r');
    const f = await until(app.lastFrame, (f) => /2\. \.city \d+ ms/.test(f), 'stage 2 done');
    assert.match(f, /1\. filter -s.* cached · \d+ ms/);
    assert.match(f, /source .* cached/);
    app.unmount();
    await waitFor(() => children().length === 0, { what: 'no process left after unmount' });
  });
});

describe('StageList', () => {
  it('draws the progress beside its stage and cached stages', () => {
    const stages = [
      { id: 1, text: 'filter -s group_by(.city)', enabled: true },
      { id: 2, text: 'head 5', enabled: true },
    ];
    const f = render(
      <StageList source="d.csv" stages={stages} selected={1} focused width={120} running statuses={[{ index: -1, label: 'csv read', ok: true, cached: true, ms: 5 }]} progress={{ id: 1, text: 'reading all input… 120 MB of 1.0 GB · 45 MB in · 12 s' }} />,
    ).lastFrame()!;
    assert.match(f, /source d\.csv cached · 5 ms/);
    assert.match(f, /1\. filter -s group_by\(\.city\) reading all input… 120 MB of 1\.0 GB · 45 MB in · 12 s · Esc or Ctrl-C cancels/);
    assert.doesNotMatch(f, /2\. head 5 reading/);
  });
});
