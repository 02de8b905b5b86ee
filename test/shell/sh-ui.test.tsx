// jn shell on a command (`sh:...` source) through ink-testing-library: the
// command's records in the table, stages after it (a `sh` stage too), the
// source changed by `:source sh:...`, and the pipeline printed on exit.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { render } from 'ink-testing-library';
import { App } from '../../src/shell/ui/App.tsx';
import { History } from '../../src/shell/history.ts';
import { commandLine } from '../../src/shell/export.ts';
import type { SessionState } from '../../src/shell/session.ts';
import { rng, tempDir, waitFor } from '../helpers.ts';

const dir = tempDir();
process.env.JN_HOME = join(dir, 'home');
const random = rng(7);
const words = Array.from({ length: 12 }, (_, i) => `w${i}-${Math.floor(random() * 900 + 100)}`);
const file = join(dir, 'words.txt');
writeFileSync(file, words.join('\n') + '\n');

const until = (frame: () => string | undefined, pred: (f: string) => boolean, what: string): Promise<string> =>
  waitFor(() => {
    const f = frame() ?? '';
    return pred(f) && f;
  }, { what, show: frame });

describe('jn shell with a command as its source', () => {
  it('shows the command output as records, runs stages after it, and exits with jn sh ... | jn ...', async () => {
    let exited: SessionState | undefined;
    const initial: SessionState = { source: `sh:grep -v "${words[3]}" ${file}`, stages: [] };
    const app = render(<App initial={initial} limit={500} version="test" history={new History(null)} onExit={(s) => (exited = s)} debounceMs={20} />);
    const f = await until(app.lastFrame, (x) => /11 rows · \d+ ms/.test(x), 'the command output');
    assert.match(f, /source sh:grep -v/);
    assert.match(f, new RegExp(`1 +${words[0]}`));
    assert.doesNotMatch(f, new RegExp(`\\d +${words[3]}`));
    app.stdin.write('select(.line > 8)');
    await until(app.lastFrame, (x) => x.includes('stage> select(.line > 8)'), 'the typed stage');
    app.stdin.write('\r');
    const g = await until(app.lastFrame, (x) => /1\. select\(\.line > 8\)/.test(x) && /3 rows · \d+ ms/.test(x), 'the stage after the command');
    assert.match(g, new RegExp(`9 +${words[9]}`));
    // a sh stage reads the records before it on its stdin: grep keeps the
    // NDJSON lines that hold the word, each then a record of jn sh
    app.stdin.write(`sh grep ${words[11]}`);
    await until(app.lastFrame, (x) => x.includes(`stage> sh grep ${words[11]}`), 'the typed sh stage');
    app.stdin.write('\r');
    const h = await until(app.lastFrame, (x) => /2\. sh grep/.test(x) && /1 row · \d+ ms/.test(x), 'the sh stage');
    assert.match(h, /"line":11/);
    app.stdin.write('\u0003');
    const final = await waitFor(() => exited, { what: 'the exit' });
    assert.equal(commandLine(final), `jn sh grep -v ${words[3]} ${file} | jn filter 'select(.line > 8)' | jn sh grep ${words[11]}`);
    app.unmount();
  });

  it(':source sh:... switches to a command; a command that cannot run shows its error on the source', async () => {
    const initial: SessionState = { source: file + '~text', stages: [] };
    const app = render(<App initial={initial} limit={500} version="test" history={new History(null)} onExit={() => {}} debounceMs={20} />);
    await until(app.lastFrame, (x) => /12 rows · \d+ ms/.test(x), 'the file');
    app.stdin.write(`:source sh:head -n 2 ${file}`);
    await until(app.lastFrame, (x) => x.includes(':source sh:head'), 'the typed command');
    app.stdin.write('\r');
    const f = await until(app.lastFrame, (x) => /source sh:head -n 2/.test(x) && /2 rows · \d+ ms/.test(x), 'the command source');
    assert.match(f, new RegExp(`2 +${words[1]}`));
    app.stdin.write(':source sh:no-such-command-jn');
    await until(app.lastFrame, (x) => x.includes(':source sh:no-such'), 'the typed command');
    app.stdin.write('\r');
    const g = await until(app.lastFrame, (x) => /source sh:no-such-command-jn/.test(x) && /✗/.test(x), 'the error');
    assert.match(g, /no-such-command-jn/);
    app.unmount();
  });
});
