// kit/json.ts: where invalid JSON goes wrong and what is wrong there (the
// one locator behind record errors, profile files and shell session files).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { jsonError, parseJsonLine } from '../../src/kit/json.ts';
import { DataError } from '../../src/kit/exit.ts';

describe('jsonError', () => {
  const cases: [string, number, string][] = [
    ['[1,]', 3, 'unexpected "]", expected a value'],
    ['{"a" 1}', 5, `unexpected "1", expected ':'`],
    ['{"a":1 "b":2}', 7, `unexpected "\\"", expected ',' or '}'`],
    ['{1:2}', 1, 'unexpected "1", expected a string'],
    ['"abc', 4, 'unterminated string'],
    ['"a\u0001"', 2, 'control character in a string'],
    ['"\\q"', 2, 'bad escape in a string'],
    ['{"a":1} x', 8, 'unexpected "x" after the JSON value'],
    ['[1, 2', 5, 'unexpected end of input'],
    ['nul', 3, 'unexpected end of input'],
    ['-x', 1, 'unexpected "x", expected a digit'],
  ];
  for (const [text, pos, message] of cases) {
    it(`${JSON.stringify(text)}: ${message} at ${pos}`, () => {
      assert.throws(() => JSON.parse(text));
      assert.deepEqual(jsonError(text), { pos, message });
    });
  }

  it('says nothing about valid JSON', () => {
    for (const text of ['{}', ' [1, {"a": [null, true, false, -0.5e+3, "\\u00e9"]}] ', '"x"']) assert.equal(jsonError(text), undefined, text);
  });

  it('does not recurse: 100,000 open brackets are located at the end', () => {
    const text = '['.repeat(100_000);
    assert.deepEqual(jsonError(text), { pos: 100_000, message: 'unexpected end of input' });
  });

  it('parseJsonLine names the line and the 1-based column', () => {
    const err = (() => {
      try {
        parseJsonLine('{"id" 3}', 7);
      } catch (e) {
        return e;
      }
    })();
    assert.ok(err instanceof DataError);
    assert.equal(err.line, 7);
    assert.equal(err.column, 7);
    assert.match(err.located(), /^line 7, column 7: invalid JSON: /);
  });
});
