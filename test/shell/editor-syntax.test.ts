// The syntax error of a filter stage being typed (src/shell/filter-syntax.ts):
// found by the filter parser, placed in the entry text.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { filterSyntaxError } from '../../src/shell/filter-syntax.ts';
import { previewPlan, type SessionState } from '../../src/shell/session.ts';

describe('filterSyntaxError', () => {
  it('places the error of an expression entry in the text (leading blanks counted)', () => {
    assert.deepEqual(filterSyntaxError('.x +* 2'), { message: "unexpected token '*'", at: 4 });
    assert.deepEqual(filterSyntaxError('  .x +* 2'), { message: "unexpected token '*'", at: 6 });
    assert.deepEqual(filterSyntaxError('select(.a'), { message: "unexpected end of file, expecting ')'", at: 9 });
    assert.deepEqual(filterSyntaxError('{a:}'), { message: "unexpected token '}'", at: 3 });
  });
  it('places it inside filter EXPR, quoted or not, after a leading jn', () => {
    assert.deepEqual(filterSyntaxError("filter '.x +* 2'"), { message: "unexpected token '*'", at: 12 });
    assert.deepEqual(filterSyntaxError('jn filter .x+*2'), { message: "unexpected token '*'", at: 13 });
  });
  it('says it without a place when the expression is written with double quotes', () => {
    assert.deepEqual(filterSyntaxError('filter ".x +* 2"'), { message: "unexpected token '*'", at: -1 });
  });
  it('nothing for a valid filter, another stage, a command, an empty entry, filter with options', () => {
    for (const t of ['.a > 1', 'select(.a) | {a, b: .c}', 'head 5', 'join x.csv --on id', ':w x.sh', '', '   ', 'filter -r .a', 'length']) {
      assert.equal(filterSyntaxError(t), undefined, t);
    }
  });
});

describe('previewPlan with a filter that does not parse', () => {
  const state: SessionState = { source: 'd.csv', stages: [{ id: 1, text: 'head 5', enabled: true }] };
  it('runs no draft for it: the preview stays on the stages before', () => {
    assert.deepEqual(previewPlan(state, '.x +* 2', null, 0), { argvs: [['head', '5']], ids: [1], draft: false });
    assert.deepEqual(previewPlan(state, "filter 'select(.a'", null, 0), { argvs: [['head', '5']], ids: [1], draft: false });
  });
  it('runs the draft once it parses', () => {
    assert.deepEqual(previewPlan(state, '.x + 2', null, 0), { argvs: [['head', '5'], ['filter', '.x + 2']], ids: [1, null], draft: true });
  });
});
