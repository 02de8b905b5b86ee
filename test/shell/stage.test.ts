// Stage entries of `jn shell`: word splitting with sh quoting, and the argv
// a typed entry stands for (a command stage, or a bare filter expression).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { STAGE_COMMANDS, StageSyntaxError, columnAt, isExpression, splitWords, stageArgv } from '../../src/shell/stage.ts';

function syntaxError(fn: () => unknown, column: number, message: RegExp): void {
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof StageSyntaxError, `expected StageSyntaxError, got ${String(err)}`);
    assert.ok(err instanceof Error);
    assert.equal(err.column, column, `column of: ${err.message}`);
    assert.match(err.message, message);
    return true;
  });
}

describe('STAGE_COMMANDS', () => {
  it('is the list of jn sub-commands allowed as stages', () => {
    assert.deepEqual([...STAGE_COMMANDS], ['filter', 'head', 'tail', 'join', 'merge', 'analyze', 'inspect', 'table', 'edit', 'sh']);
  });
});

describe('splitWords', () => {
  const cases: [string, string[]][] = [
    ['', []],
    ['   \t\n ', []],
    ['a', ['a']],
    ['a b  c', ['a', 'b', 'c']],
    ['  lead and trail  ', ['lead', 'and', 'trail']],
    ['a\tb\nc\rd', ['a', 'b', 'c', 'd']],
    ["'a b'", ['a b']],
    ["'a \"b\" \\n $x `y`'", ['a "b" \\n $x `y`']],
    ['"a b"', ['a b']],
    ['"a\\"b"', ['a"b']],
    ['"a\\\\b"', ['a\\b']],
    ['"\\$x"', ['$x']],
    ['"\\`"', ['`']],
    ['"a\\nb"', ['a\\nb']], // other backslashes stay inside double quotes
    ['"a\\\nb"', ['ab']], // backslash-newline inside double quotes is removed
    ['"a\nb"', ['a\nb']],
    ["\"it's\"", ["it's"]],
    ["'\"'", ['"']],
    ['a\\ b', ['a b']],
    ["\\'", ["'"]],
    ['\\"', ['"']],
    ['\\\\', ['\\']],
    ['\\$HOME', ['$HOME']],
    ['a\\\nb', ['ab']], // line continuation joins
    ['a \\\n b', ['a', 'b']], // ... and between words makes no empty word
    ['a\\', ['a\\']], // a trailing backslash stays
    ["a'b'\"c\"d", ['abcd']],
    ["'it'\\''s'", ["it's"]],
    ["''", ['']],
    ['""', ['']],
    ["a '' b", ['a', '', 'b']],
    ["x''", ['x']],
    ['$HOME *.csv ~ ~/x {a,b} [ab]?', ['$HOME', '*.csv', '~', '~/x', '{a,b}', '[ab]?']],
    ['a|b ; c&d >e <f (g) `h`', ['a|b', ';', 'c&d', '>e', '<f', '(g)', '`h`']],
    ["'😀 x' ü 中文 e\u0301", ['😀 x', 'ü', '中文', 'e\u0301']],
    ['--on "a,b" -n 5', ['--on', 'a,b', '-n', '5']],
    ['a\u00a0b', ['a\u00a0b']], // no-break space is not a separator (as in sh)
  ];
  for (const [text, words] of cases) {
    it(`${JSON.stringify(text)} -> ${JSON.stringify(words)}`, () => {
      assert.deepEqual(splitWords(text), words);
    });
  }

  it('agrees with sh on every case above that has no expansion or operator characters', () => {
    // (sh also differs on \r, which it does not take as a blank)
    const plain = cases.filter(([t]) => !/[$*?[~{}|;&<>()`#\r\u00a0]/.test(t));
    assert.ok(plain.length >= 25, `only ${plain.length} cases`);
    for (const [text, words] of plain) {
      const r = spawnSync('sh', ['-c', `printf '%s\\0' ${text}`], { encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      const got = r.stdout === '' ? [] : r.stdout.split('\0').slice(0, -1);
      // printf with no arguments still prints the format once
      assert.deepEqual(words.length === 0 ? [] : got, words, `sh on ${JSON.stringify(text)}`);
    }
  });

  const errors: [string, number, RegExp][] = [
    ["'abc", 1, /unterminated single quote/],
    ["a 'b", 3, /unterminated single quote/],
    ['a "b', 3, /unterminated double quote/],
    ['"a\\"', 1, /unterminated double quote/],
    ["'a\"b", 1, /single/],
    ['"a\'b', 1, /double/],
    ['"a" \'b\' "c', 9, /double/],
    ["😀 'x", 3, /single/], // columns count code points, not UTF-16 units
    ["中文 \"x", 4, /double/],
    ["ab\tcd '", 7, /single/],
    ["x\ny 'z", 5, /single/],
  ];
  for (const [text, column, message] of errors) {
    it(`error: ${JSON.stringify(text)} at column ${column}`, () => {
      syntaxError(() => splitWords(text), column, message);
    });
  }
});

describe('columnAt', () => {
  it('counts code points, 1-based', () => {
    assert.equal(columnAt('abc', 0), 1);
    assert.equal(columnAt('abc', 2), 3);
    assert.equal(columnAt('😀x', 2), 2);
    assert.equal(columnAt('😀😀x', 4), 3);
  });
});

describe('stageArgv', () => {
  const cases: [string, string[]][] = [
    ['head 20', ['head', '20']],
    ['  head   20  ', ['head', '20']],
    ['head\t5', ['head', '5']],
    ['head', ['head']],
    ['tail -n 3', ['tail', '-n', '3']],
    ['jn head 20', ['head', '20']],
    ['  jn   head -n 2', ['head', '-n', '2']],
    ["jn filter '.x > 1'", ['filter', '.x > 1']],
    ['filter ".a | .b" -r', ['filter', '.a | .b', '-r']],
    ["filter --arg n 'O'\\''Neil' '.name == $n'", ['filter', '--arg', 'n', "O'Neil", '.name == $n']],
    ['join customers.csv --on id', ['join', 'customers.csv', '--on', 'id']],
    ["join 'my file.csv' --on \"a,b\"", ['join', 'my file.csv', '--on', 'a,b']],
    ['merge a.csv b.csv:label=B --annotate source', ['merge', 'a.csv', 'b.csv:label=B', '--annotate', 'source']],
    ['table --tablefmt grid', ['table', '--tablefmt', 'grid']],
    ['analyze --table', ['analyze', '--table']],
    ['inspect', ['inspect']],
    ['head "5|6"', ['head', '5|6']], // quoted operators are plain characters
    ['head \\|', ['head', '|']],
    // bare text: a filter expression, verbatim (quotes included), trimmed
    ['.x > 10', ['filter', '.x > 10']],
    ['select(.a)', ['filter', 'select(.a)']],
    ['{a}', ['filter', '{a}']],
    ['[.[]]', ['filter', '[.[]]']],
    ['map(.x)', ['filter', 'map(.x)']],
    ['length', ['filter', 'length']],
    ['.', ['filter', '.']],
    ['  .name == "x"  ', ['filter', '.name == "x"']],
    [".name == 'x'", ['filter', ".name == 'x'"]], // not valid jq, but verbatim: quotes are not unquoted
    ["'unterminated", ['filter', "'unterminated"]],
    ['.a\n| .b', ['filter', '.a\n| .b']],
    ['.a | .b; .c', ['filter', '.a | .b; .c']],
    ['"head" 5', ['filter', '"head" 5']], // the first word is "head" with its quotes
    ['headx 5', ['filter', 'headx 5']],
    ['cat x', ['filter', 'cat x']], // not a stage command, and no jn: an expression
    ['jnx', ['filter', 'jnx']],
    ['.😀 | "中文"', ['filter', '.😀 | "中文"']],
    ['-1', ['filter', '-1']],
  ];
  for (const [text, argv] of cases) {
    it(`${JSON.stringify(text)} -> ${JSON.stringify(argv)}`, () => {
      assert.deepEqual(stageArgv(text), argv);
    });
  }

  const errors: [string, number, RegExp][] = [
    ['', 1, /empty stage/],
    ['   \t ', 1, /empty stage/],
    ['jn', 1, /'jn' needs a command/],
    ['  jn  ', 3, /'jn' needs a command/],
    ['jn cat a.csv', 4, /'cat' cannot be a stage/],
    ['jn put out.csv', 4, /'put' cannot be a stage/],
    ['jn .x > 1', 4, /'.x' cannot be a stage/],
    ["  head 'x", 8, /unterminated single quote/],
    ['jn  head  "a', 11, /unterminated double quote/],
    ['head 5 | table', 8, /unquoted '\|'.*each stage/],
    ['jn head 5 | jn table', 11, /'\|'/],
    ['filter .a|.b', 10, /'\|'/],
    ['head 2; rm -rf /', 7, /';'/],
    ['head 2 & x', 8, /'&'/],
    ['table > out.txt', 7, /'>'/],
    ['join < x', 6, /'<'/],
    ['head $(echo 5)', 7, /'\('/],
    ['head `echo 5`', 6, /'`'/],
    ['filter', 1, /filter needs an expression/],
    ['jn filter', 4, /filter needs an expression/],
    ['head 😀 |', 8, /'\|'/], // columns count code points
  ];
  for (const [text, column, message] of errors) {
    it(`error: ${JSON.stringify(text)} at column ${column}`, () => {
      syntaxError(() => stageArgv(text), column, message);
    });
  }
});

describe('isExpression', () => {
  const yes = ['.x', '.x > 10', 'length', 'select(.a)', ' {a} ', '[.[]]', 'cat x', 'headx', "'quoted'", '.a\n| .b'];
  const no = ['', '   ', 'head 5', 'head', '  table', 'filter .x', 'jn .x', 'jn head 5', 'jn', 'jn filter .x', "head 'x"];
  for (const t of yes) it(`${JSON.stringify(t)} is an expression`, () => assert.equal(isExpression(t), true));
  for (const t of no) it(`${JSON.stringify(t)} is not an expression`, () => assert.equal(isExpression(t), false));

  it('agrees with stageArgv: an expression is ["filter", trimmed text]', () => {
    for (const t of yes) assert.deepEqual(stageArgv(t), ['filter', t.trim()]);
  });
});
