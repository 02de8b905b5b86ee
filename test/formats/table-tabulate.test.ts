// jn table's layout rules, as Python's tabulate applies them (each expected
// text below was checked against tabulate), and where jn differs on
// purpose: numbers print as written unless --floatfmt, JSON spellings,
// display widths, control characters escaped.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TableRows, tabulate, tabulateLines, type TabulateOptions } from '../../src/formats/table/tabulate.ts';
import { formatFloat, isNumberText } from '../../src/formats/table/numbers.ts';
import { wrapCell } from '../../src/formats/table/wrap.ts';
import { parseLossless } from '../../src/kit/lossless.ts';

function table(records: string, opts: TabulateOptions): string {
  const rows = new TableRows();
  for (const r of parseLossless(records) as unknown[]) rows.add(r);
  return tabulate(rows, opts);
}

describe('tabulate rules', () => {
  it("--maxcolwidths wraps text inside its cell (tabulate's own example)", () => {
    assert.equal(
      table("[{\"Issue Id\": \"1\", \"Author\": \"John Smith\", \"Description\": \"This is a rather long description that might look better if it is wrapped a bit\"}]", {"style": "grid", "maxcolwidths": [undefined, undefined, 30]}),
      "+------------+------------+-------------------------------+\n" +
        "|   Issue Id | Author     | Description                   |\n" +
        "+============+============+===============================+\n" +
        "|          1 | John Smith | This is a rather long         |\n" +
        "|            |            | description that might look   |\n" +
        "|            |            | better if it is wrapped a bit |\n" +
        "+------------+------------+-------------------------------+\n",
    );
  });

  it("numbers align on the decimal point; missing values are empty", () => {
    assert.equal(
      table("[{\"x\": 1}, {\"x\": 2.5}, {\"x\": -10.125}, {\"x\": null}, {\"x\": \"3.75\"}]", {"style": "simple"}),
      "      x\n" +
        "-------\n" +
        "  1\n" +
        "  2.5\n" +
        "-10.125\n" +
        "\n" +
        "  3.75\n",
    );
  });

  it("number texts (from CSV) are numbers", () => {
    assert.equal(
      table("[{\"n\": \"9.99\", \"s\": \"a\"}, {\"n\": \"10\", \"s\": \"bb\"}]", {"style": "github"}),
      "|     n | s   |\n" +
        "|-------|-----|\n" +
        "|  9.99 | a   |\n" +
        "| 10    | bb  |\n",
    );
  });

  it("--floatfmt=g: six significant digits, as tabulate prints by default", () => {
    assert.equal(
      table("[{\"v\": 3.14159265}, {\"v\": 1234567.0}, {\"v\": 1e-05}]", {"style": "plain", "floatfmt": "g"}),
      "          v\n" +
        "3.14159\n" +
        "1.23457e+06\n" +
        "1e-05\n",
    );
  });

  it("--showindex adds a 0-based index column", () => {
    assert.equal(
      table("[{\"a\": \"x\", \"b\": 1.5}, {\"a\": \"yy\", \"b\": 22}]", {"style": "psql", "showindex": true}),
      "+----+-----+------+\n" +
        "|    | a   |    b |\n" +
        "|----+-----+------|\n" +
        "|  0 | x   |  1.5 |\n" +
        "|  1 | yy  | 22   |\n" +
        "+----+-----+------+\n",
    );
  });

  it("--numalign=center --stralign=right", () => {
    assert.equal(
      table("[{\"a\": \"x\", \"b\": 1.5}, {\"a\": \"yyyy\", \"b\": 22}]", {"style": "grid", "numalign": "center", "stralign": "right"}),
      "+------+-----+\n" +
        "|    a |  b  |\n" +
        "+======+=====+\n" +
        "|    x | 1.5 |\n" +
        "+------+-----+\n" +
        "| yyyy | 22  |\n" +
        "+------+-----+\n",
    );
  });

  it("--numalign=left --stralign=center", () => {
    assert.equal(
      table("[{\"a\": \"x\", \"b\": 1.5}, {\"a\": \"yyyy\", \"b\": 22}]", {"style": "grid", "numalign": "left", "stralign": "center"}),
      "+------+-----+\n" +
        "|  a   | b   |\n" +
        "+======+=====+\n" +
        "|  x   | 1.5 |\n" +
        "+------+-----+\n" +
        "| yyyy | 22  |\n" +
        "+------+-----+\n",
    );
  });

  it("pretty: no extra padding, everything left (numbers are not parsed)", () => {
    assert.equal(
      table("[{\"a\": \"x\", \"b\": 1.5}, {\"a\": \"yyyy\", \"b\": 22}]", {"style": "pretty"}),
      "+------+-----+\n" +
        "| a    | b   |\n" +
        "+------+-----+\n" +
        "| x    | 1.5 |\n" +
        "| yyyy | 22  |\n" +
        "+------+-----+\n",
    );
  });

  it("rst: an empty first cell is ..", () => {
    assert.equal(
      table("[{\"a\": \"\", \"b\": 1}, {\"a\": \"z\", \"b\": 2}]", {"style": "rst"}),
      "===  ===\n" +
        "a      b\n" +
        "===  ===\n" +
        "..     1\n" +
        "z      2\n" +
        "===  ===\n",
    );
  });

  it("a line break makes a multi-line cell in grid", () => {
    assert.equal(
      table("[{\"a\": \"two\\nlines\", \"b\": 1}, {\"a\": \"z\", \"b\": 2}]", {"style": "grid"}),
      "+-------+-----+\n" +
        "| a     |   b |\n" +
        "+=======+=====+\n" +
        "| two   |   1 |\n" +
        "| lines |     |\n" +
        "+-------+-----+\n" +
        "| z     |   2 |\n" +
        "+-------+-----+\n",
    );
  });

  it("text is trimmed; 2 spaces more than the header at least", () => {
    assert.equal(
      table("[{\"a\": \"  padded  \", \"b\": \"7\"}]", {"style": "grid"}),
      "+--------+-----+\n" +
        "| a      |   b |\n" +
        "+========+=====+\n" +
        "| padded |   7 |\n" +
        "+--------+-----+\n",
    );
  });

});

describe('where jn differs from tabulate on purpose', () => {
  it('numbers print as written unless --floatfmt (tabulate: 3.14159, 1.23457e+06, 1)', () => {
    assert.equal(table('[{"v":3.14159265},{"v":1234567.0},{"v":1.0}]', { style: 'plain' }), '               v\n      3.14159265\n1234567.0\n      1.0\n');
    assert.equal(table('[{"v":3.14159265},{"v":2}]', { style: 'plain', floatfmt: '.2f' }), '   v\n3.14\n2.00\n');
  });

  it('booleans, arrays and objects print as JSON; a column of true and numbers is numeric', () => {
    assert.equal(
      table('[{"b":true,"n":{"a":[1,2]},"m":3},{"b":false,"n":[1,"x"],"m":true}]', { style: 'github' }),
      '| b     | n           |    m |\n|-------|-------------|------|\n| true  | {"a":[1,2]} |    3 |\n| false | [1,"x"]     | true |\n',
    );
  });

  it('widths are display widths (CJK and emoji take 2 columns)', () => {
    assert.equal(table('[{"city":"東京","n":1},{"city":"🍌 x","n":22}]', { style: 'grid' }), '+--------+-----+\n| city   |   n |\n+========+=====+\n| 東京   |   1 |\n+--------+-----+\n| 🍌 x   |  22 |\n+--------+-----+\n');
  });

  it('control characters show as escapes; a line break shows as \\n where a style has no multi-line cells', () => {
    assert.equal(table('[{"s":"a\\u001b[2Jb\\tc"}]', { style: 'plain' }), 's\na\\x1b[2Jb\\tc\n');
    assert.equal(table('[{"s":"two\\nlines"}]', { style: 'github' }), '| s          |\n|------------|\n| two\\nlines |\n');
  });

  it('records that are not objects go in a value column (text: left-aligned); --max-width cuts text with …', () => {
    assert.equal(table('[5,"a",[1]]', { style: 'simple' }), 'value\n-------\n5\na\n[1]\n');
    assert.equal(table('[{"long name":"abcdefgh","n":123456789}]', { style: 'plain', maxWidth: 4 }), 'lon…            n\nabc…    123456789\n');
  });

  it('nothing for no records or only empty ones', () => {
    assert.equal(table('[]', { style: 'grid' }), '');
    assert.equal(table('[{},{}]', { style: 'grid' }), '');
  });
});

describe("Python's number rules", () => {
  it('format(x, spec) for g, f and e, rounding the exact binary value half to even', () => {
    const xs = [0.1, 1.5, 123456.5, 1234565, 0.125, 1e-5, 1e16, 3.14159265, 100, 0.00012345678, 999999.5, -0, 5e-324, 1e21];
    assert.deepEqual(
      xs.map((x) => formatFloat(x)),
      ['0.1', '1.5', '123456', '1.23456e+06', '0.125', '1e-05', '1e+16', '3.14159', '100', '0.000123457', '1e+06', '-0', '4.94066e-324', '1e+21'],
    );
    const ys = [0.5, 2.5, 0.125, 0.005, 999.995, 0, 1e20];
    assert.deepEqual(ys.map((y) => formatFloat(y, '.2f')), ['0.50', '2.50', '0.12', '0.01', '1000.00', '0.00', '100000000000000000000.00']);
    assert.deepEqual(ys.map((y) => formatFloat(y, '.0f')), ['0', '2', '0', '0', '1000', '0', '100000000000000000000']);
    assert.deepEqual(ys.map((y) => formatFloat(y, '.2e')), ['5.00e-01', '2.50e+00', '1.25e-01', '5.00e-03', '1.00e+03', '0.00e+00', '1.00e+20']);
    assert.deepEqual([formatFloat(NaN), formatFloat(-Infinity), formatFloat(0.045, '.1g')], ['nan', '-inf', '0.04']);
  });

  it("number texts are those Python's float() takes, finite or exactly inf/nan", () => {
    const yes = ['1', ' 1 ', '1_000', '1.', '.5', '1e5', 'inf', 'NaN', '-inf', '1e+06'];
    const no = ['1__0', '.', '+inf', 'infinity', '1e999', '0x10', '12a', '', 'True', '1,000'];
    assert.deepEqual(yes.filter((s) => !isNumberText(s)), []);
    assert.deepEqual(no.filter((s) => isNumberText(s)), []);
  });
});

describe('wrapping (textwrap with tabulate long words)', () => {
  it('breaks at spaces and after hyphens, long words where the width ends', () => {
    assert.equal(wrapCell('supercalifragilisticexpialidocious is long', 10), 'supercalif\nragilistic\nexpialidoc\nious is\nlong');
    assert.equal(wrapCell('well-known state-of-the-art words -- em dash', 8), 'well-\nknown\nstate-\nof-the-\nart\nwords --\nem dash');
    assert.equal(wrapCell('Hello there -- you goof-ball, use the -b option!', 12), 'Hello there\n-- you goof-\nball, use\nthe -b\noption!');
    assert.equal(wrapCell('   leading spaces kept', 6), '   lea\nding\nspaces\nkept');
    assert.equal(wrapCell('first\n\n  \nsecond line', 6), 'first\nsecond\nline');
    assert.equal(wrapCell('東京都庁舎 ab', 4), '東京\n都庁\n舎\nab');
  });
});

describe('size', () => {
  it('lays out 200,000 rows (no whole column spread into one call)', () => {
    const rows = new TableRows();
    for (let i = 0; i < 200_000; i++) rows.add(new Map<string, unknown>([['n', i % 7 === 0 ? 1.5 : i]]));
    let lines = 0;
    let last = '';
    tabulateLines(rows, { style: 'simple' }, (line) => {
      lines++;
      last = line;
    });
    assert.equal(lines, 200_002);
    assert.equal(last, '199999');
  });
});
