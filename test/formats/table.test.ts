import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cellText, renderTable, TableWriter } from '../../src/kit/table.js';
import { displayWidth, padToWidth, truncateToWidth } from '../../src/kit/width.js';
import { escapeControls } from '../../src/kit/text.js';

const records = [
  { name: 'apple', qty: 3, note: null, meta: { a: 1 }, city: '東京' },
  { name: 'banana 🍌', qty: 12.5, note: 'ripe', meta: [1, 2], city: 'Paris' },
  { name: 'cherry', qty: -7, city: '서울', extra: true },
];

describe('displayWidth', () => {
  it('counts ASCII as 1, East Asian wide and emoji as 2', () => {
    assert.equal(displayWidth(''), 0);
    assert.equal(displayWidth('abc def'), 7);
    assert.equal(displayWidth('東京'), 4);
    assert.equal(displayWidth('서울'), 4);
    assert.equal(displayWidth('ひらがなカタカナ'), 16);
    assert.equal(displayWidth('ＡＢ１'), 6); // fullwidth forms
    assert.equal(displayWidth('ｱｲ'), 2); // halfwidth katakana
    assert.equal(displayWidth('😀🍌'), 4);
    assert.equal(displayWidth('🇫🇷'), 4); // two regional indicators, not joined
    assert.equal(displayWidth('café'), 4);
    assert.equal(displayWidth('Ωλ→'), 3);
  });

  it('counts combining marks, joiners and variation selectors as 0', () => {
    assert.equal(displayWidth('e\u0301'), 1);
    assert.equal(displayWidth('a\u200db'), 2);
    assert.equal(displayWidth('\u200b'), 0);
    assert.equal(displayWidth('👨\u200d👩\u200d👧'), 6); // parts of a ZWJ sequence, as wcwidth does
    assert.equal(displayWidth('\u1100\u1161'), 2); // conjoining jamo: leading wide, vowel 0
    assert.equal(displayWidth('\ufeffx'), 1);
  });

  it('widens a text-style emoji followed by VS16', () => {
    assert.equal(displayWidth('\u2764'), 1);
    assert.equal(displayWidth('\u2764\ufe0f'), 2);
    assert.equal(displayWidth('a\ufe0f'), 1);
  });
});

describe('escapeControls / truncateToWidth / padToWidth', () => {
  it('escapes control characters visibly', () => {
    assert.equal(escapeControls('plain'), 'plain');
    assert.equal(escapeControls('a\nb\tc\rd'), 'a\\nb\\tc\\rd');
    assert.equal(escapeControls('\x1b[31mred\x7f\x00\u0085'), '\\x1b[31mred\\x7f\\x00\\x85');
  });

  it('truncates to a display width with an ellipsis', () => {
    assert.equal(truncateToWidth('abcdef', 6), 'abcdef');
    assert.equal(truncateToWidth('abcdefg', 6), 'abcde…');
    assert.equal(truncateToWidth('東京都庁', 5), '東京…');
    assert.equal(truncateToWidth('東京都庁', 4), '東…'); // 東京 would leave no room for …
    assert.equal(truncateToWidth('e\u0301e\u0301e\u0301', 2), 'e\u0301…');
    assert.equal(truncateToWidth('abc', 1), '…');
    for (const s of ['東京都庁', 'a😀b😀c', 'abcdefgh'])
      for (let w = 1; w <= 8; w++) assert.ok(displayWidth(truncateToWidth(s, w)) <= w, `${s} ${w}`);
  });

  it('pads by display width', () => {
    assert.equal(padToWidth('東京', 6), '東京  ');
    assert.equal(padToWidth('12', 5, true), '   12');
    assert.equal(padToWidth('toolong', 3), 'toolong');
  });
});

describe('renderTable', () => {
  it('renders cells: null empty, strings raw, numbers/booleans as JSON, nested as compact JSON', () => {
    assert.equal(cellText(null), '');
    assert.equal(cellText(undefined), '');
    assert.equal(cellText('a "b"'), 'a "b"');
    assert.equal(cellText('two\nlines'), 'two\\nlines');
    assert.equal(cellText(1.5), '1.5');
    assert.equal(cellText(false), 'false');
    assert.equal(cellText({ a: [1, { b: null }] }), '{"a":[1,{"b":null}]}');
  });

  it('grid', () => {
    assert.equal(
      renderTable('grid', records),
      '+-----------+------+------+---------+-------+-------+\n' +
        '| name      |  qty | note | meta    | city  | extra |\n' +
        '+===========+======+======+=========+=======+=======+\n' +
        '| apple     |    3 |      | {"a":1} | 東京  |       |\n' +
        '+-----------+------+------+---------+-------+-------+\n' +
        '| banana 🍌 | 12.5 | ripe | [1,2]   | Paris |       |\n' +
        '+-----------+------+------+---------+-------+-------+\n' +
        '| cherry    |   -7 |      |         | 서울  | true  |\n' +
        '+-----------+------+------+---------+-------+-------+\n',
    );
  });

  it('github', () => {
    assert.equal(
      renderTable('github', records),
      '| name      |  qty | note | meta    | city  | extra |\n' +
        '|-----------|-----:|------|---------|-------|-------|\n' +
        '| apple     |    3 |      | {"a":1} | 東京  |       |\n' +
        '| banana 🍌 | 12.5 | ripe | [1,2]   | Paris |       |\n' +
        '| cherry    |   -7 |      |         | 서울  | true  |\n',
    );
  });

  it('simple', () => {
    assert.equal(
      renderTable('simple', records),
      'name        qty  note  meta     city   extra\n' +
        '---------  ----  ----  -------  -----  -----\n' +
        'apple         3        {"a":1}  東京\n' +
        'banana 🍌  12.5  ripe  [1,2]    Paris\n' +
        'cherry       -7                 서울   true\n',
    );
  });

  it('plain', () => {
    assert.equal(
      renderTable('plain', records),
      'name        qty  note  meta     city   extra\n' +
        'apple         3        {"a":1}  東京\n' +
        'banana 🍌  12.5  ripe  [1,2]    Paris\n' +
        'cherry       -7                 서울   true\n',
    );
  });

  it('truncates wide cells and headers with --max-width', () => {
    assert.equal(
      renderTable('grid', records, 5),
      '+-------+------+------+-------+-------+-------+\n' +
        '| name  |  qty | note | meta  | city  | extra |\n' +
        '+=======+======+======+=======+=======+=======+\n' +
        '| apple |    3 |      | {"a"… | 東京  |       |\n' +
        '+-------+------+------+-------+-------+-------+\n' +
        '| bana… | 12.5 | ripe | [1,2] | Paris |       |\n' +
        '+-------+------+------+-------+-------+-------+\n' +
        '| cher… |   -7 |      |       | 서울  | true  |\n' +
        '+-------+------+------+-------+-------+-------+\n',
    );
    assert.equal(renderTable('plain', [{ 東京都庁舎: '東京都庁舎' }], 5), '東京…\n東京…\n');
  });

  it('left-aligns a column that mixes numbers and text; puts non-objects in a value column', () => {
    assert.equal(renderTable('github', [{ v: 1 }, { v: 'x' }]), '| v |\n|---|\n| 1 |\n| x |\n');
    assert.equal(renderTable('simple', [5, 'a', [1]]), 'value\n-----\n5\na\n[1]\n');
  });

  it('renders nothing for no records or only empty objects', () => {
    assert.equal(renderTable('grid', []), '');
    assert.equal(renderTable('grid', [{}, {}]), '');
  });
});

describe('TableWriter blocks', () => {
  it('continues the table while a block fits, starts a new one when it does not', () => {
    let out = '';
    const w = new TableWriter('grid', (s) => (out += s));
    w.writeBlock([{ a: 10, b: 'xy' }]);
    w.writeBlock([{ a: 2, b: 'z' }]); // fits: no new header
    w.writeBlock([{ a: 3, b: 'wider' }]); // wider: new table, widths never shrink
    w.writeBlock([{ a: 4, c: null }]); // new column
    assert.equal(
      out,
      '+----+----+\n' +
        '|  a | b  |\n' +
        '+====+====+\n' +
        '| 10 | xy |\n' +
        '+----+----+\n' +
        '|  2 | z  |\n' +
        '+----+----+\n' +
        '\n' +
        '+----+-------+\n' +
        '|  a | b     |\n' +
        '+====+=======+\n' +
        '|  3 | wider |\n' +
        '+----+-------+\n' +
        '\n' +
        '+----+-------+---+\n' +
        '|  a | b     | c |\n' +
        '+====+=======+===+\n' +
        '|  4 |       |   |\n' +
        '+----+-------+---+\n',
    );
  });
});
