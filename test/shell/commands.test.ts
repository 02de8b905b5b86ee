// The colon commands of the editor (src/shell/commands.ts), and the files
// they read and write (src/shell/files.ts).
import assert from 'node:assert/strict';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { doneMessage, parseColonCommand } from '../../src/shell/commands.ts';
import { exportScript, loadSessionFile, saveSessionFile, startingSession } from '../../src/shell/files.ts';
import type { SessionState } from '../../src/shell/session.ts';
import { JnError } from '../../src/kit/exit.ts';
import { tempDir } from '../helpers.ts';

describe('parseColonCommand', () => {
  it('reads each command and its argument', () => {
    assert.deepEqual(parseColonCommand(':q'), { kind: 'quit' });
    assert.deepEqual(parseColonCommand(':quit'), { kind: 'quit' });
    assert.deepEqual(parseColonCommand(':help'), { kind: 'help' });
    assert.deepEqual(parseColonCommand(':h'), { kind: 'help' });
    assert.deepEqual(parseColonCommand(':export out.sh'), { kind: 'export', file: 'out.sh' });
    assert.deepEqual(parseColonCommand(':w out.sh'), { kind: 'export', file: 'out.sh' });
    assert.deepEqual(parseColonCommand(':export! out.sh'), { kind: 'export', file: 'out.sh', force: true });
    assert.deepEqual(parseColonCommand(':w! out.sh'), { kind: 'export', file: 'out.sh', force: true });
    assert.deepEqual(parseColonCommand(':export ~/x.sh'), { kind: 'export', file: join(homedir(), 'x.sh') });
    assert.deepEqual(parseColonCommand(':load ~/s.json'), { kind: 'load', file: join(homedir(), 's.json') });
    assert.deepEqual(parseColonCommand(':save s.json'), { kind: 'save', file: 's.json' });
    assert.deepEqual(parseColonCommand(':load s.json'), { kind: 'load', file: 's.json' });
    assert.deepEqual(parseColonCommand(':source https://h/x.csv'), { kind: 'source', address: 'https://h/x.csv' });
    assert.deepEqual(parseColonCommand(':limit 20'), { kind: 'limit', limit: 20 });
    assert.deepEqual(parseColonCommand(':undo'), { kind: 'undo' });
    assert.deepEqual(parseColonCommand(':redo'), { kind: 'redo' });
  });

  it('keeps the rest of the line as the argument, blanks inside included', () => {
    assert.deepEqual(parseColonCommand(':  export   my file.sh  '), { kind: 'export', file: 'my file.sh' });
    assert.deepEqual(parseColonCommand(':source a.csv?x=1 y'), { kind: 'source', address: 'a.csv?x=1 y' });
    assert.deepEqual(parseColonCommand(':limit 5 6'), { kind: 'limit', limit: 5 });
  });

  it('says what is missing or wrong', () => {
    const error = (text: string) => {
      const c = parseColonCommand(text);
      assert.equal(c.kind, 'error', text);
      return c.kind === 'error' ? c.message : '';
    };
    assert.equal(error(':export'), ':export needs a file name');
    assert.equal(error(':w  '), ':export needs a file name');
    assert.equal(error(':save'), ':save needs a file name');
    assert.equal(error(':load'), ':load needs a file name');
    assert.equal(error(':source'), ':source needs an address');
    assert.equal(error(':limit'), ':limit needs a positive number');
    assert.equal(error(':limit 0'), ':limit needs a positive number');
    assert.equal(error(':limit 2.5'), ':limit needs a positive number');
    assert.equal(error(':limit x'), ':limit needs a positive number');
    assert.equal(error(':frobnicate now'), 'unknown command :frobnicate (try :help)');
    assert.equal(error(':'), 'unknown command : (try :help)');
  });

  it('says what a file command did', () => {
    assert.equal(doneMessage({ kind: 'export', file: 'p.sh' }), 'exported to p.sh (run: sh p.sh [SOURCE])');
    assert.equal(doneMessage({ kind: 'save', file: 's.json' }), 'saved session to s.json');
    assert.equal(doneMessage({ kind: 'load', file: 's.json' }), 'loaded s.json');
  });
});

describe('shell files', () => {
  const dir = tempDir();
  const state: SessionState = {
    source: 'd.csv',
    stages: [
      { id: 1, text: 'head 5', enabled: true },
      { id: 2, text: '.x > 1', enabled: false },
    ],
  };

  it('exports an executable script and saves a session, both of which load back', () => {
    const script = join(dir, 'p.sh');
    exportScript(script, state, 'test', new Date(0));
    assert.equal(statSync(script).mode & 0o777, 0o755);
    assert.match(readFileSync(script, 'utf8'), /^#!\/bin\/sh\n# Exported from jn shell test on 1970-01-01T00:00:00\.000Z\./);
    const saved = join(dir, 's.json');
    saveSessionFile(saved, state);
    for (const file of [script, saved]) {
      assert.deepEqual(
        loadSessionFile(file).stages.map((s) => [s.text, s.enabled]),
        [
          ['head 5', true],
          ['.x > 1', false],
        ],
      );
    }
  });

  it('starts from an address, or from --load FILE whose source an address replaces', () => {
    assert.deepEqual(startingSession('a.csv', undefined), { source: 'a.csv', stages: [] });
    const saved = join(dir, 'start.json');
    saveSessionFile(saved, state);
    assert.equal(startingSession(undefined, saved).source, 'd.csv');
    const other = startingSession('b.csv', saved);
    assert.equal(other.source, 'b.csv');
    assert.equal(other.stages.length, 2);
  });

  it(':export refuses to replace a file unless forced, and writes a relative source as an absolute one', () => {
    const script = join(dir, 'again.sh');
    exportScript(script, state, 'test');
    assert.throws(() => exportScript(script, state, 'test'), (e: unknown) => e instanceof JnError && e.message === `${script} exists: :export! ${script} replaces it`);
    exportScript(script, { ...state, source: 'd.csv?delimiter=;' }, 'test', new Date(), true);
    const text = readFileSync(script, 'utf8');
    assert.match(text, new RegExp(`^src=\\$\\{1:-'${resolve('d.csv')}\\?delimiter=;'\\}$`, 'm'));
    assert.equal(loadSessionFile(script).source, `${resolve('d.csv')}?delimiter=;`);
    exportScript(script, { ...state, source: 'https://h/x.csv' }, 'test', new Date(), true);
    assert.match(readFileSync(script, 'utf8'), /^src=\$\{1:-https:\/\/h\/x\.csv\}$/m);
  });

  it(':export, :save and :load say what is wrong in jn\'s words, not Node\'s (EISDIR, ENOENT)', () => {
    assert.throws(() => exportScript(dir, state, 'test', new Date(), true), (e: unknown) => e instanceof JnError && e.message === `${dir}: is a directory`);
    assert.throws(() => saveSessionFile(dir, state), (e: unknown) => e instanceof JnError && e.message === `${dir}: is a directory`);
    const nope = join(dir, 'nope', 'x.json');
    assert.throws(() => loadSessionFile(nope), (e: unknown) => e instanceof JnError && e.message === `${nope}: no such file or directory`);
  });

  it('refuses to start without a source, or from a file it cannot read or parse', () => {
    assert.throws(() => startingSession(undefined, undefined), (e: unknown) => e instanceof JnError && /give a source address/.test(e.message));
    const missing = join(dir, 'missing.sh');
    assert.throws(() => startingSession(undefined, missing), (e: unknown) => e instanceof JnError && e.message === `${missing}: no such file or directory`);
    const bad = join(dir, 'bad.sh');
    writeFileSync(bad, 'jn cat a.csv | jn frob\n');
    assert.throws(() => startingSession(undefined, bad), /bad\.sh:1: .*cannot be a stage/);
  });
});
