import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cellOf, columnsOf, measureColumns, paneHeights, renderHeader, renderRow, scrollTop, segmentsText, stageLines, visibleColumns } from '../../src/shell/layout.ts';
import { edit, type Line } from '../../src/shell/lineedit.ts';

describe('preview table layout', () => {
  const rows = [{ a: 1, b: 'x' }, { b: '日本語', c: { d: [1] } }, 42];
  it('columns are the union in order of first appearance; non-objects go to "value"', () => {
    assert.deepEqual(columnsOf(rows), ['a', 'b', 'c', 'value']);
  });
  it('cell text: strings raw with controls escaped, nested values as a summary, missing empty', () => {
    assert.equal(cellOf({ s: 'a\nb' }, 's'), 'a\\nb');
    assert.equal(cellOf({ n: null }, 'n'), 'null');
    assert.equal(cellOf({ o: { x: 1 } }, 'o'), '{1}');
    assert.equal(cellOf({}, 'o'), '');
    assert.equal(cellOf(42, 'value'), '42');
  });
  it('measures by display width, right-aligns numeric columns', () => {
    const cols = measureColumns(rows, columnsOf(rows));
    assert.deepEqual(
      cols.map((c) => [c.name, c.width, c.numeric]),
      [
        ['a', 3, true],
        ['b', 6, false],
        ['c', 4, false],
        ['value', 7, true],
      ],
    );
    assert.equal(segmentsText(renderHeader(cols.slice(0, 2))), 'a #  b a   ');
    assert.equal(segmentsText(renderRow(rows[1], cols.slice(0, 2))), '     日本語');
  });
  it('fits columns to the width from the first shown column', () => {
    const cols = measureColumns(rows, columnsOf(rows));
    assert.deepEqual(visibleColumns(cols, 0, 11).map((c) => c.name), ['a', 'b']);
    assert.deepEqual(visibleColumns(cols, 2, 100).map((c) => c.name), ['c', 'value']);
    const narrow = visibleColumns(cols, 2, 2);
    assert.deepEqual(narrow.map((c) => [c.name, c.width]), [['c', 2]]);
    assert.equal(segmentsText(renderRow(rows[1], narrow)), '{…');
  });
  it('scrolls to keep the cursor visible', () => {
    assert.equal(scrollTop(0, 0, 10, 50), 0);
    assert.equal(scrollTop(12, 0, 10, 50), 3);
    assert.equal(scrollTop(2, 5, 10, 50), 2);
    // fewer rows than before: the rows fill the pane from the top
    assert.equal(scrollTop(19, 50, 10, 20), 10);
    assert.equal(scrollTop(4, 26, 10, 5), 0);
    // a shorter pane (a resize): the cursor row stays on screen
    assert.equal(scrollTop(58, 24, 13, 500), 46);
  });
});

describe('line editing', () => {
  const l = (text: string, cursor = text.length): Line => ({ text, cursor });
  it('inserts, moves and deletes on code point boundaries', () => {
    let x = edit(l(''), { type: 'insert', text: 'a😀b' });
    assert.deepEqual(x, l('a😀b'));
    x = edit(x, { type: 'left' });
    x = edit(x, { type: 'backspace' });
    assert.deepEqual(x, { text: 'ab', cursor: 1 });
    x = edit(x, { type: 'home' });
    x = edit(x, { type: 'delete' });
    assert.deepEqual(x, { text: 'b', cursor: 0 });
  });
  it('word and line kills', () => {
    assert.deepEqual(edit(l('select(.a) | foo'), { type: 'kill-word' }), l('select(.a) | '));
    assert.deepEqual(edit(l('abc def', 4), { type: 'kill-line' }), { text: 'def', cursor: 0 });
    assert.deepEqual(edit(l('abc def', 3), { type: 'kill-to-end' }), l('abc'));
    assert.deepEqual(edit(l('ab cd ef', 8), { type: 'word-left' }), { text: 'ab cd ef', cursor: 6 });
  });
});

describe('pane heights with many stages', () => {
  it('20 stages in 80x24: the stage list scrolls in a bounded height, the table keeps its rows', () => {
    assert.equal(stageLines(24, 20), 5);
    assert.equal(stageLines(24, 2), 2);
    const h = paneHeights(24, 20, false);
    assert.ok(h.table >= 8, `table rows: ${h.table}`);
    assert.equal(h.body + 5 + 3 + 5 + 1, 24); // body, 5 lines below, borders and source, 5 stages, the window line
  });
});
