// The stage-entry history of `jn shell`: kept in a file, one JSON string a
// line, and walked with prev/next like a shell's.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { History, defaultHistoryFile } from '../../src/shell/history.ts';
import { tempDir } from '../helpers.ts';

const dir = tempDir('jn-shell-history-');
let n = 0;
const fresh = () => join(dir, `case-${++n}`, 'sub', 'shell_history');

describe('History: adding and persisting', () => {
  it('adds entries (trimmed), skipping empty ones and consecutive duplicates', () => {
    const h = new History(null);
    for (const e of ['head 5', '', '   ', 'head 5', ' head 5 ', '.x', 'head 5', 'head 5']) h.add(e);
    assert.deepEqual(h.entries, ['head 5', '.x', 'head 5']);
  });

  it('appends each entry to the file as a JSON string line, creating the directory', () => {
    const file = fresh();
    const h = new History(file);
    assert.equal(existsSync(file), false, 'nothing written before the first entry');
    h.add('.name == "x"');
    h.add('select(.a)\n| .b 😀');
    h.add('select(.a)\n| .b 😀');
    assert.equal(readFileSync(file, 'utf8'), '".name == \\"x\\""\n"select(.a)\\n| .b 😀"\n');
    assert.equal(h.writeError, undefined);
  });

  it('a new History reloads the file', () => {
    const file = fresh();
    const a = new History(file);
    a.add('head 1');
    a.add('.x > 1');
    const b = new History(file);
    assert.deepEqual(b.entries, ['head 1', '.x > 1']);
    b.add('.x > 1');
    b.add('table');
    assert.deepEqual(new History(file).entries, ['head 1', '.x > 1', 'table']);
  });

  it('a missing file is an empty history', () => {
    assert.deepEqual(new History(join(dir, 'nope', 'shell_history')).entries, []);
  });

  it('ignores corrupt lines: not JSON, not a string, empty', () => {
    const file = fresh();
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(file, ['"head 1"', 'not json', '{"a":1}', '42', '""', '', '"unterminated', '"table"', '"table"', '"tail 2"\r', ''].join('\n'));
    assert.deepEqual(new History(file).entries, ['head 1', 'table', 'tail 2']);
  });

  it('keeps only the newest max entries, in memory and on reload', () => {
    const file = fresh();
    const h = new History(file, 3);
    for (const e of ['a1', 'a2', 'a3', 'a4', 'a5']) h.add(`head ${e}`);
    assert.deepEqual(h.entries, ['head a3', 'head a4', 'head a5']);
    assert.deepEqual(new History(file, 3).entries, ['head a3', 'head a4', 'head a5']);
    assert.equal(new History(file).entries.length, 5, 'the file keeps them all until it is compacted');
    assert.deepEqual(new History(file, 2).entries, ['head a4', 'head a5']);
  });

  it('compacts the file when it has grown past twice max', () => {
    const file = fresh();
    const h = new History(file, 2);
    for (let i = 0; i < 5; i++) h.add(`head ${i}`);
    assert.equal(readFileSync(file, 'utf8').split('\n').length - 1, 5);
    assert.deepEqual(new History(file, 3).entries, ['head 2', 'head 3', 'head 4']);
    assert.equal(readFileSync(file, 'utf8').split('\n').length - 1, 5, 'not past 2 x 3 lines: left alone');
    assert.deepEqual(new History(file, 2).entries, ['head 3', 'head 4']);
    assert.equal(readFileSync(file, 'utf8'), '"head 3"\n"head 4"\n');
  });

  it('a file that cannot be written is not an error: the entry is kept in memory', () => {
    const blocker = join(dir, 'blocker');
    writeFileSync(blocker, 'a file, not a directory');
    const h = new History(join(blocker, 'shell_history'));
    h.add('head 1');
    assert.deepEqual(h.entries, ['head 1']);
    assert.ok(h.writeError instanceof Error);
  });

  it('the default file is $JN_HOME/shell_history', () => {
    const saved = process.env.JN_HOME;
    process.env.JN_HOME = join(dir, 'home');
    try {
      assert.equal(defaultHistoryFile(), join(dir, 'home', 'shell_history'));
      const h = new History();
      assert.equal(h.file, join(dir, 'home', 'shell_history'));
      h.add('head 7');
      assert.equal(readFileSync(join(dir, 'home', 'shell_history'), 'utf8'), '"head 7"\n');
    } finally {
      if (saved === undefined) delete process.env.JN_HOME;
      else process.env.JN_HOME = saved;
    }
  });
});

describe('History: navigation', () => {
  const make = () => {
    const h = new History(null);
    for (const e of ['head 1', '.x', 'table']) h.add(e);
    return h;
  };

  it('prev walks back from the newest; next walks forward and ends with the draft', () => {
    const h = make();
    assert.equal(h.prev('my draft'), 'table');
    assert.equal(h.prev('ignored: only the first draft is kept'), '.x');
    assert.equal(h.prev(''), 'head 1');
    assert.equal(h.prev(''), undefined, 'nothing older');
    assert.equal(h.next(), '.x');
    assert.equal(h.next(), 'table');
    assert.equal(h.next(), 'my draft');
    assert.equal(h.next(), undefined, 'not navigating any more');
  });

  it('after the draft comes back, a new prev starts again from the newest with a new draft', () => {
    const h = make();
    h.prev('one');
    assert.equal(h.next(), 'one');
    assert.equal(h.prev('two'), 'table');
    assert.equal(h.next(), 'two');
  });

  it('next without navigating gives undefined; prev on an empty history gives undefined', () => {
    assert.equal(make().next(), undefined);
    const empty = new History(null);
    assert.equal(empty.prev('d'), undefined);
    assert.equal(empty.next(), undefined);
  });

  it('resetNavigation forgets the position and the draft', () => {
    const h = make();
    h.prev('d');
    h.prev('d');
    h.resetNavigation();
    assert.equal(h.next(), undefined);
    assert.equal(h.prev('e'), 'table');
  });

  it('add ends the navigation, and the new entry is the newest', () => {
    const h = make();
    h.prev('d');
    h.prev('d');
    h.add('tail 3');
    assert.equal(h.next(), undefined);
    assert.equal(h.prev(''), 'tail 3');
    assert.equal(h.prev(''), 'table');
  });
});
