// The session model of `jn shell`: stage edits with undo/redo, stable ids,
// validation, and immutable states.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Session, enabledArgvs, stageIndexOfId, type SessionState } from '../../src/shell/session.ts';
import { StageSyntaxError } from '../../src/shell/stage.ts';

const texts = (s: SessionState) => s.stages.map((e) => e.text);
const ids = (s: SessionState) => s.stages.map((e) => e.id);
const flags = (s: SessionState) => s.stages.map((e) => e.enabled);

/** A session with stages a..: `head 1`, `head 2`, ... */
function withStages(n: number): Session {
  const s = new Session({ source: 'data.csv', stages: [] });
  for (let i = 1; i <= n; i++) s.add(`head ${i}`);
  return s;
}

describe('Session: construction', () => {
  it('starts from the initial state, with nothing to undo or redo', () => {
    const s = new Session({ source: 'a.csv', stages: [{ id: 7, text: '.x', enabled: false }] });
    assert.deepEqual(s.state, { source: 'a.csv', stages: [{ id: 7, text: '.x', enabled: false }] });
    assert.equal(s.canUndo, false);
    assert.equal(s.canRedo, false);
    assert.equal(s.undo(), false);
    assert.equal(s.redo(), false);
  });

  it('keeps unique ids and continues after the largest', () => {
    const s = new Session({ source: 'a', stages: [{ id: 3, text: 'head 1', enabled: true }, { id: 9, text: 'head 2', enabled: true }] });
    s.add('table');
    assert.deepEqual(ids(s.state), [3, 9, 10]);
  });

  it('gives fresh ids when the initial ones are not unique', () => {
    const s = new Session({ source: 'a', stages: [{ id: 1, text: 'head 1', enabled: true }, { id: 1, text: 'head 2', enabled: true }] });
    assert.equal(new Set(ids(s.state)).size, 2);
    assert.deepEqual(texts(s.state), ['head 1', 'head 2']);
  });

  it('refuses an initial stage that is not a valid entry', () => {
    assert.throws(() => new Session({ source: 'a', stages: [{ id: 1, text: "head 'x", enabled: true }] }), StageSyntaxError);
  });
});

describe('Session: operations', () => {
  it('add appends an enabled stage with a new id and trimmed text', () => {
    const s = new Session({ source: 'a.csv', stages: [] });
    const st = s.add('  .x > 10 \n');
    assert.equal(st, s.state);
    assert.deepEqual(st.stages, [{ id: 1, text: '.x > 10', enabled: true }]);
    s.add('head 5');
    assert.deepEqual(texts(s.state), ['.x > 10', 'head 5']);
    assert.deepEqual(ids(s.state), [1, 2]);
    assert.equal(s.canUndo, true);
  });

  it('add at an index inserts before it; the index is clamped', () => {
    const s = withStages(2);
    s.add('table', 1);
    assert.deepEqual(texts(s.state), ['head 1', 'table', 'head 2']);
    s.add('tail 1', 0);
    assert.deepEqual(texts(s.state), ['tail 1', 'head 1', 'table', 'head 2']);
    s.add('inspect', -5);
    assert.equal(texts(s.state)[0], 'inspect');
    s.add('analyze', 99);
    assert.equal(texts(s.state).at(-1), 'analyze');
    s.add('.', 5);
    assert.deepEqual(texts(s.state), ['inspect', 'tail 1', 'head 1', 'table', 'head 2', '.', 'analyze']);
  });

  it('add rejects a bad entry with StageSyntaxError and changes nothing', () => {
    const s = withStages(2);
    s.undo(); // something to redo, which a rejected add must not clear
    const before = s.state;
    for (const bad of ['', '   ', "head 'x", 'head 5 | table', 'jn cat a.csv', 'filter', 'jn']) {
      assert.throws(() => s.add(bad), StageSyntaxError, bad);
      assert.equal(s.state, before);
    }
    assert.equal(s.canRedo, true);
    assert.equal(s.undo(), true);
    assert.deepEqual(texts(s.state), []);
    assert.equal(s.undo(), false);
  });

  it('edit replaces the text and keeps the id and the enabled flag', () => {
    const s = withStages(3);
    s.toggle(1);
    const id = s.state.stages[1].id;
    s.edit(1, ' .name ');
    assert.deepEqual(s.state.stages[1], { id, text: '.name', enabled: false });
    assert.deepEqual(texts(s.state), ['head 1', '.name', 'head 3']);
  });

  it('edit to the same text records no undo step', () => {
    const s = withStages(1);
    s.undo();
    s.redo();
    const before = s.state;
    assert.equal(s.edit(0, 'head 1 '), before);
    assert.equal(s.state, before);
    s.undo();
    assert.deepEqual(texts(s.state), []);
  });

  it('edit rejects a bad entry and a bad index, changing nothing', () => {
    const s = withStages(2);
    const before = s.state;
    assert.throws(() => s.edit(0, 'table "x'), StageSyntaxError);
    assert.throws(() => s.edit(2, 'head 3'), RangeError);
    assert.throws(() => s.edit(-1, 'head 3'), RangeError);
    assert.throws(() => s.edit(0.5, 'head 3'), RangeError);
    assert.equal(s.state, before);
  });

  it('remove takes a stage out', () => {
    const s = withStages(3);
    s.remove(1);
    assert.deepEqual(texts(s.state), ['head 1', 'head 3']);
    assert.deepEqual(ids(s.state), [1, 3]);
    assert.throws(() => s.remove(2), RangeError);
    s.remove(0);
    s.remove(0);
    assert.deepEqual(s.state.stages, []);
    assert.throws(() => s.remove(0), RangeError);
  });

  it('move moves by delta, clamped to the ends; a move that changes nothing records no step', () => {
    const s = withStages(4);
    s.move(0, 2);
    assert.deepEqual(texts(s.state), ['head 2', 'head 3', 'head 1', 'head 4']);
    s.move(2, -1);
    assert.deepEqual(texts(s.state), ['head 2', 'head 1', 'head 3', 'head 4']);
    s.move(1, 100);
    assert.deepEqual(texts(s.state), ['head 2', 'head 3', 'head 4', 'head 1']);
    s.move(3, -100);
    assert.deepEqual(texts(s.state), ['head 1', 'head 2', 'head 3', 'head 4']);
    assert.deepEqual(ids(s.state), [1, 2, 3, 4], 'ids travel with their stages');
    const before = s.state;
    assert.equal(s.move(0, -1), before);
    assert.equal(s.move(3, 1), before);
    assert.equal(s.move(2, 0), before);
    s.undo();
    assert.deepEqual(texts(s.state), ['head 2', 'head 3', 'head 4', 'head 1'], 'the no-op moves left no undo steps');
    assert.throws(() => s.move(4, -1), RangeError);
  });

  it('toggle disables and enables a stage', () => {
    const s = withStages(2);
    s.toggle(0);
    assert.deepEqual(flags(s.state), [false, true]);
    s.toggle(0);
    assert.deepEqual(flags(s.state), [true, true]);
    assert.throws(() => s.toggle(5), RangeError);
  });

  it('setSource changes the source (trimmed); empty is refused; the same one is a no-op', () => {
    const s = withStages(1);
    s.setSource('  other.json ');
    assert.equal(s.state.source, 'other.json');
    assert.deepEqual(texts(s.state), ['head 1']);
    const before = s.state;
    assert.throws(() => s.setSource('  '), /empty/);
    assert.equal(s.setSource('other.json'), before);
    s.undo();
    assert.equal(s.state.source, 'data.csv');
  });

  it('replace swaps in a whole state as one undoable step, with fresh ids', () => {
    const s = withStages(2);
    s.replace({ source: 'b.csv', stages: [{ id: 1, text: '.y', enabled: false }, { id: 1, text: 'head 9', enabled: true }] });
    assert.equal(s.state.source, 'b.csv');
    assert.deepEqual(texts(s.state), ['.y', 'head 9']);
    assert.deepEqual(flags(s.state), [false, true]);
    assert.deepEqual(ids(s.state), [3, 4]);
    assert.throws(() => s.replace({ source: 'c', stages: [{ id: 1, text: '', enabled: true }] }), StageSyntaxError);
    s.undo();
    assert.deepEqual(texts(s.state), ['head 1', 'head 2']);
  });
});

describe('Session: undo and redo', () => {
  it('undo walks back through every change and redo forward again, restoring the exact states', () => {
    const s = new Session({ source: 'a.csv', stages: [] });
    const states = [s.state];
    states.push(s.add('head 5'));
    states.push(s.add('.x', 0));
    states.push(s.edit(1, 'head 6'));
    states.push(s.toggle(0));
    states.push(s.move(0, 1));
    states.push(s.setSource('b.csv'));
    states.push(s.remove(0));
    for (let i = states.length - 1; i > 0; i--) {
      assert.equal(s.state, states[i]);
      assert.equal(s.canUndo, true);
      assert.equal(s.undo(), true);
    }
    assert.equal(s.state, states[0]);
    assert.equal(s.canUndo, false);
    assert.equal(s.undo(), false);
    for (let i = 1; i < states.length; i++) {
      assert.equal(s.canRedo, true);
      assert.equal(s.redo(), true);
      assert.equal(s.state, states[i]);
    }
    assert.equal(s.canRedo, false);
    assert.equal(s.redo(), false);
  });

  it('a new change after undo clears redo', () => {
    const s = withStages(3);
    s.undo();
    s.undo();
    assert.equal(s.canRedo, true);
    s.add('table');
    assert.equal(s.canRedo, false);
    assert.equal(s.redo(), false);
    assert.deepEqual(texts(s.state), ['head 1', 'table']);
    s.undo();
    assert.deepEqual(texts(s.state), ['head 1']);
    s.undo();
    assert.deepEqual(texts(s.state), []);
  });

  it('undo/redo interleaved: each undo takes back exactly one change', () => {
    const s = withStages(2);
    s.toggle(1);
    s.undo();
    assert.deepEqual(flags(s.state), [true, true]);
    s.redo();
    assert.deepEqual(flags(s.state), [true, false]);
    s.undo();
    s.undo();
    assert.deepEqual(texts(s.state), ['head 1']);
    s.redo();
    assert.deepEqual(texts(s.state), ['head 1', 'head 2']);
    assert.deepEqual(flags(s.state), [true, true]);
    s.redo();
    assert.deepEqual(flags(s.state), [true, false]);
  });
});

describe('Session: ids', () => {
  it('ids are unique and never reused, even after remove and undo', () => {
    const s = withStages(3);
    s.remove(2);
    s.add('table');
    assert.deepEqual(ids(s.state), [1, 2, 4]);
    s.undo();
    s.undo();
    s.add('tail 1');
    assert.deepEqual(ids(s.state), [1, 2, 3, 5]);
  });

  it('edit, move and toggle keep each stage id; undo restores the ids exactly', () => {
    const s = withStages(3);
    const byId = () => Object.fromEntries(s.state.stages.map((e) => [e.id, e.text]));
    s.edit(0, '.a');
    s.move(0, 2);
    s.toggle(1);
    assert.deepEqual(byId(), { 1: '.a', 2: 'head 2', 3: 'head 3' });
    assert.deepEqual(ids(s.state), [2, 3, 1]);
    s.undo();
    s.undo();
    assert.deepEqual(ids(s.state), [1, 2, 3]);
  });

  it('stageIndexOfId finds a stage by id, -1 when absent', () => {
    const s = withStages(3);
    s.move(2, -2);
    assert.equal(stageIndexOfId(s.state, 3), 0);
    assert.equal(stageIndexOfId(s.state, 1), 1);
    assert.equal(stageIndexOfId(s.state, 42), -1);
  });
});

describe('Session: immutability', () => {
  it('no operation changes an earlier state object', () => {
    const s = new Session({ source: 'a.csv', stages: [] });
    const seen: { state: SessionState; json: string }[] = [];
    const keep = () => seen.push({ state: s.state, json: JSON.stringify(s.state) });
    keep();
    s.add('head 1');
    keep();
    s.add('.x');
    keep();
    s.edit(0, 'head 2');
    keep();
    s.toggle(1);
    keep();
    s.move(1, -1);
    keep();
    s.setSource('b');
    keep();
    s.remove(0);
    keep();
    s.undo();
    s.undo();
    s.redo();
    s.add('table');
    for (const { state, json } of seen) assert.equal(JSON.stringify(state), json);
  });

  it('states are frozen: writing to them throws', () => {
    const s = withStages(1);
    const st = s.state;
    assert.throws(() => {
      (st as { source: string }).source = 'x';
    }, TypeError);
    assert.throws(() => {
      (st.stages as StageEntryLike[]).push({ id: 9, text: 'x', enabled: true });
    }, TypeError);
    assert.throws(() => {
      (st.stages[0] as StageEntryLike).text = 'x';
    }, TypeError);
  });

  it('the initial state object given to the constructor is not changed', () => {
    const initial = { source: 'a', stages: [{ id: 1, text: 'head 1', enabled: true }] };
    const json = JSON.stringify(initial);
    const s = new Session(initial);
    s.edit(0, 'head 2');
    s.toggle(0);
    s.add('table', 0);
    assert.equal(JSON.stringify(initial), json);
  });
});

type StageEntryLike = { id: number; text: string; enabled: boolean };

describe('enabledArgvs', () => {
  it('gives the argv of each enabled stage, in order', () => {
    const s = new Session({ source: 'a.csv', stages: [] });
    s.add('.x > 1');
    s.add('head 5');
    s.add("join 'b c.csv' --on id");
    s.add('jn table');
    s.toggle(1);
    assert.deepEqual(enabledArgvs(s.state), [['filter', '.x > 1'], ['join', 'b c.csv', '--on', 'id'], ['table']]);
    assert.deepEqual(enabledArgvs({ source: 'a', stages: [] }), []);
  });
});
