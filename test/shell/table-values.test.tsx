// Bug 10 (issue 13): the table showed `2095.10` as `2095.1` and `2.0` as
// `2`; values must show as the pipeline wrote them. And null, "" and a
// missing key look different, nested values show as a summary, a column's
// type is in its header.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { render } from 'ink-testing-library';
import { App } from '../../src/shell/ui/App.tsx';
import { History } from '../../src/shell/history.ts';
import { tempDir } from '../helpers.ts';
import { until } from './table-harness.tsx';

const dir = tempDir();
process.env.JN_HOME = join(dir, 'home');

describe('the table shows values as the pipeline wrote them', () => {
  const file = join(dir, 'n.ndjson');
  writeFileSync(
    file,
    [
      '{"id":1,"amount":2095.10,"ratio":2.0,"big":12345678901234567890,"score":7,"note":null,"tag":"","addr":{"c":"Paris","z":"75001","n":1,"x":[]},"tags":["a","b","c"]}',
      '{"id":2,"amount":3,"ratio":1.5,"big":1,"score":null,"tag":"x","tags":[]}',
    ].join('\n') + '\n',
  );

  it('numbers keep their text; null, "" and missing differ; nested values are summarised; types in the header', async () => {
    const app = render(<App initial={{ source: file, stages: [] }} limit={500} version="test" history={new History(null)} onExit={() => {}} debounceMs={20} />);
    const f = await until(app.lastFrame, (x) => /2 rows · \d+ ms/.test(x), 'the preview');
    const lines = f.split('\n');
    const header = lines.find((l) => /\bid #/.test(l))!;
    assert.ok(header, f);
    assert.match(header, /id #\s+amount #\s+ratio #\s+big #\s+score #\s+note\s+tag a\s+addr \{\}\s+tags \[\]/);
    const row1 = lines[lines.indexOf(header) + 2];
    const row2 = lines[lines.indexOf(header) + 3];
    assert.match(row1, /\b1\s+2095\.10\s+2\.0\s+12345678901234567890\s+7\s+null\s+""\s+\{4\}\s+\[3\]/);
    // a missing key is blank; a numeric column with a null stays right-aligned
    assert.match(row2, /\b2\s+3\s+1\.5\s+1\s+null\s{2,}x\s+\[0\]/);
    const at = (line: string, text: string) => line.indexOf(text) + text.length;
    assert.equal(at(row1, '2095.10'), at(row2, ' 3 ') - 1, 'amounts end in the same column');
    assert.equal(at(header, 'score #'), at(row1, ' 7') , 'score (with a null) is right-aligned');
    assert.equal(at(row2, 'null'), at(row1, ' 7'), 'its null too');
    app.unmount();
  });

  it('the record view shows the numbers as written too', async () => {
    const app = render(<App initial={{ source: file, stages: [] }} limit={500} version="test" history={new History(null)} onExit={() => {}} debounceMs={20} />);
    await until(app.lastFrame, (x) => /2 rows · \d+ ms/.test(x), 'the preview');
    app.stdin.write('\t');
    app.stdin.write('\t');
    app.stdin.write('\r');
    const f = await until(app.lastFrame, (x) => x.includes('record 1'), 'the record view');
    assert.match(f, /"amount": 2095\.10,/);
    assert.match(f, /"ratio": 2\.0,/);
    assert.match(f, /"big": 12345678901234567890,/);
    app.unmount();
  });
});
