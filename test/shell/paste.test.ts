// A whole pipeline entered in the stage editor (src/shell/paste.ts): told
// apart from a stage, its continued lines joined, read by parsePipeline.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parsePipeline } from '../../src/shell/load.ts';
import { continuedLine, isPipeline } from '../../src/shell/paste.ts';

describe('isPipeline', () => {
  it('a jn cat command line, with or without a prompt', () => {
    for (const t of ['jn cat x.csv', "  jn cat x.csv | jn filter '.a > 1'", '$ jn cat x.csv | jn head 5', 'jn  cat\tx.csv']) assert.ok(isPipeline(t), t);
  });
  it('not a stage, a filter expression or another command', () => {
    for (const t of ['head 5', 'jn head 5', 'jn filter .a', '.cat', 'jn catx y', 'cat x.csv', ':load p.sh', '"jn cat x"']) assert.ok(!isPipeline(t), t);
  });
});

describe('continuedLine', () => {
  it('a pipeline line ending in a backslash or a pipe goes on after a space', () => {
    assert.equal(continuedLine('jn cat x.csv \\'), 'jn cat x.csv ');
    assert.equal(continuedLine('jn cat x.csv\\'), 'jn cat x.csv ');
    assert.equal(continuedLine('jn cat x.csv |'), 'jn cat x.csv | ');
    assert.equal(continuedLine("jn cat x.csv | jn filter '.a' |  "), "jn cat x.csv | jn filter '.a' | ");
  });
  it('a complete pipeline, an escaped backslash, a stage: no continuation', () => {
    assert.equal(continuedLine('jn cat x.csv | jn head 5'), undefined);
    assert.equal(continuedLine('jn cat x\\\\'), undefined);
    assert.equal(continuedLine('jn cat x ||'), undefined);
    assert.equal(continuedLine('.a |'), undefined);
    assert.equal(continuedLine('head 5 \\'), undefined);
  });
  it('the joined lines read as the same pipeline as the text pasted', () => {
    const pasted = "jn cat 'my data.csv' \\\n  | jn filter '.a > 1' \\\n  | jn head 5";
    let line = '';
    const lines = pasted.split('\n');
    lines.forEach((l, i) => {
      line += l;
      if (i < lines.length - 1) line = continuedLine(line) ?? assert.fail(`line ${i + 1} should go on`);
    });
    assert.deepEqual(parsePipeline(line), parsePipeline(pasted));
    assert.deepEqual(parsePipeline(line), {
      source: 'my data.csv',
      stages: [
        { id: 1, text: '.a > 1', enabled: true },
        { id: 2, text: 'head 5', enabled: true },
      ],
    });
  });
});
