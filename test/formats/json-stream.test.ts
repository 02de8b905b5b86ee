import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { JsonStreamScanner } from '../../src/formats/json/stream.js';
import { jsonErrorOffset, parseJsonAt, parseJsonLine } from '../../src/kit/json.js';
import { DataError } from '../../src/kit/sdk.js';

interface Cut {
  text: string;
  line: number;
  column: number;
}

function scan(chunks: (string | Uint8Array)[]): Cut[] {
  const cuts: Cut[] = [];
  const scanner = new JsonStreamScanner((text, line, column) => cuts.push({ text, line, column }));
  for (const c of chunks) scanner.push(c);
  scanner.end();
  return cuts;
}

/** The UTF-8 bytes of text cut at the given byte offsets (which may fall
 * inside a multi-byte character). */
function pieces(text: string, ...cuts: number[]): Buffer[] {
  const bytes = Buffer.from(text, 'utf8');
  const out: Buffer[] = [];
  let from = 0;
  for (const at of [...cuts, bytes.length]) {
    out.push(Buffer.from(bytes.subarray(from, at))); // a copy, like readChunks' consumer must assume
    from = at;
  }
  return out;
}

function scanError(chunks: (string | Uint8Array)[]): DataError {
  try {
    scan(chunks);
  } catch (err) {
    assert.ok(err instanceof DataError, `expected a DataError, got ${String(err)}`);
    return err;
  }
  assert.fail('expected an error');
}

const ARRAY = `[
  {"s": "say \\"hi\\"", "b": "back\\\\slash\\\\", "q": "\\\\\\"", "e": "]}[{,:"},
  [1, [2, [3, {"deep": [[], {}]}]]],
  "tab\\tnew\\nline \\u00e9 \\ud83d\\ude00",
  -12.5e+3, 0, 1E-7, 42,
  true, false, null,
  {"unicode": "日本語 café 😀", "empty": "", "nested": {"a": {"b": {"c": [true]}}}},
  "",
  [],
  {}
]
`;

describe('JsonStreamScanner', () => {
  it('cuts every element of a top-level array, with where it starts', () => {
    const cuts = scan([ARRAY]);
    const expected = (JSON.parse(ARRAY) as unknown[]).map((v) => JSON.stringify(v));
    assert.deepEqual(
      cuts.map((c) => JSON.stringify(JSON.parse(c.text))),
      expected,
    );
    assert.deepEqual(
      cuts.slice(0, 4).map((c) => [c.line, c.column]),
      [
        [2, 3],
        [3, 3],
        [4, 3],
        [5, 3],
      ],
    );
    assert.deepEqual([cuts[5].line, cuts[5].column], [5, 16]);
  });

  it('gives the same elements whatever the chunk boundaries', () => {
    const whole = scan([ARRAY]);
    assert.equal(whole.length, 14);
    const size = Buffer.byteLength(ARRAY);
    for (let cut = 0; cut <= size; cut++) assert.deepEqual(scan(pieces(ARRAY, cut)), whole, `split at byte ${cut}`);
    // three pieces, many pairs of boundaries
    for (let a = 0; a <= size; a += 3)
      for (let b = a; b <= size; b += 7) assert.deepEqual(scan(pieces(ARRAY, a, b)), whole, `split at bytes ${a},${b}`);
    // one byte at a time
    const bytes = Buffer.from(ARRAY);
    assert.deepEqual(scan([...bytes].map((b) => Uint8Array.of(b))), whole);
  });

  it('reads a sequence of top-level values, split anywhere', () => {
    const input = '{"a":1} {"b":"x\\"}"}\n[1,2]\n"str" 12 -3.5 true null\n{"c":{"d":[]}}';
    const expected = ['{"a":1}', '{"b":"x\\"}"}', '[1,2]', '"str"', '12', '-3.5', 'true', 'null', '{"c":{"d":[]}}'];
    for (let cut = 0; cut <= input.length; cut++) {
      const cuts = scan(pieces(input, cut));
      assert.deepEqual(
        cuts.map((c) => JSON.stringify(JSON.parse(c.text))),
        expected,
        `split at ${cut}`,
      );
    }
    const cuts = scan([input]);
    assert.deepEqual([cuts[2].line, cuts[2].column], [2, 1]);
    assert.deepEqual([cuts[5].line, cuts[5].column], [3, 10]);
  });

  it('yields nothing for empty input, whitespace or an empty array', () => {
    assert.deepEqual(scan([]), []);
    assert.deepEqual(scan(['']), []);
    assert.deepEqual(scan([' \n\t\r\n']), []);
    assert.deepEqual(scan(['[', ' ', ']', '\n']), []);
    assert.deepEqual(scan(['\ufeff[1]']).map((c) => c.text), ['1']);
  });

  it('reports truncated input at the end of the input', () => {
    for (const chunks of [['[\n  {"a": 1},\n  {"b": '], ['[\n  {"a": 1},\n  {"b', '": '], ['[\n  {"a": 1},\n  {"b": ']]) {
      const err = scanError(chunks);
      assert.equal(err.message, 'unexpected end of input inside array');
      assert.deepEqual([err.line, err.column], [3, 9]);
    }
    let err = scanError(['[1, 2']);
    assert.deepEqual([err.message, err.line, err.column], ['unexpected end of input inside array', 1, 6]);
    err = scanError(['[1, "ab']);
    assert.deepEqual([err.message, err.line, err.column], ['unexpected end of input inside array', 1, 8]);
    err = scanError(['[']);
    assert.deepEqual([err.message, err.line, err.column], ['unexpected end of input inside array', 1, 2]);
    err = scanError(['{"a": [1,\n']);
    assert.deepEqual([err.message, err.line, err.column], ['unexpected end of input inside object', 2, 1]);
    err = scanError(['"abc']);
    assert.deepEqual([err.message, err.line, err.column], ['unexpected end of input inside string', 1, 5]);
  });

  it('reports structural errors where they are', () => {
    let err = scanError(['[1,\n 2] x']);
    assert.deepEqual([err.message, err.line, err.column], ["unexpected 'x' after the end of the top-level array", 2, 5]);
    err = scanError(['[1,\n 2]\n[3]']);
    assert.deepEqual([err.message, err.line, err.column], ["unexpected '[' after the end of the top-level array", 3, 1]);
    err = scanError(['[1,', ']']);
    assert.deepEqual([err.message, err.line, err.column], ["expected an array element, got ']'", 1, 4]);
    err = scanError(['[1 2]']);
    assert.deepEqual([err.message, err.line, err.column], ["expected ',' or ']' after array element, got '2'", 1, 4]);
    err = scanError(['{"a":1}\n, {"b":2}']);
    assert.deepEqual([err.message, err.line, err.column], ["expected a JSON value, got ','", 2, 1]);
  });

  it('rejects binary data at the NUL byte', () => {
    for (const input of ['[1, 2\u0000]', '[1, "a\u0000"]', '\u0000\u0001', '{"a":\n [\u0000]}']) {
      const err = scanError([input]);
      assert.equal(err.message, 'binary data (NUL byte): input is not JSON text');
    }
    const err = scanError(['[{"a": 1},\n {"b":', '\u0000}]']);
    assert.deepEqual([err.line, err.column], [2, 7]);
    // gzip magic: 0x8b is a UTF-8 continuation byte, so the NUL is character 3
    const bin = scanError([Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x00])]);
    assert.deepEqual([bin.message, bin.line, bin.column], ['binary data (NUL byte): input is not JSON text', 1, 3]);
  });

  it('counts lines and columns across chunks', () => {
    const input = '[\n1,\n\n   {"a":\n"b"}, 3]';
    for (let cut = 0; cut <= input.length; cut++) {
      const cuts = scan(pieces(input, cut));
      assert.deepEqual(
        cuts.map((c) => [c.line, c.column]),
        [
          [2, 1],
          [4, 4],
          [5, 7],
        ],
        `split at ${cut}`,
      );
    }
  });

  it('counts columns in characters, not bytes', () => {
    const input = '["日本", "😀é",\n "ü", {"k": "ß"}] x';
    for (let cut = 0; cut <= Buffer.byteLength(input); cut++) {
      const chunks = pieces(input, cut);
      const cuts: Cut[] = [];
      const scanner = new JsonStreamScanner((text, line, column) => cuts.push({ text, line, column }));
      const err = (() => {
        try {
          for (const c of chunks) scanner.push(c);
        } catch (e) {
          return e as DataError;
        }
      })();
      assert.deepEqual(
        cuts.map((c) => [c.text, c.line, c.column]),
        [
          ['"日本"', 1, 2],
          ['"😀é"', 1, 8],
          ['"ü"', 2, 2],
          ['{"k": "ß"}', 2, 7],
        ],
        `split at byte ${cut}`,
      );
      assert.ok(err instanceof DataError);
      assert.deepEqual([err.message, err.line, err.column], ["unexpected 'x' after the end of the top-level array", 2, 19]);
    }
  });
});

describe('parseJsonAt / parseJsonLine', () => {
  it('parseJsonAt reports where the element starts, with the JSON.parse message on one line', () => {
    assert.deepEqual(parseJsonAt('{"a":[1]}', 1, 1), { a: [1] });
    assert.throws(
      () => parseJsonAt('{"a":\n x}', 3, 14),
      (err: unknown) =>
        err instanceof DataError &&
        err.line === 3 &&
        err.column === 14 &&
        err.message.startsWith('invalid JSON: ') &&
        !err.message.includes('\n'),
    );
  });

  it('parseJsonLine gives the column of the offending character', () => {
    const col = (text: string): number | undefined => {
      try {
        parseJsonLine(text, 7);
      } catch (err) {
        assert.ok(err instanceof DataError);
        assert.equal(err.line, 7);
        assert.match(err.message, /^invalid JSON: /);
        return err.column;
      }
      assert.fail(`${text} parsed`);
    };
    assert.equal(col('{"a":1,}'), 8);
    assert.equal(col('{"a":x}'), 6);
    assert.equal(col('{"a" 1}'), 6);
    assert.equal(col('[1,2'), 5);
    assert.equal(col('nul'), 4);
    assert.equal(col('{"a":1} x'), 9);
    assert.equal(col('"\\q"'), 3);
  });

  it('jsonErrorOffset agrees with JSON.parse on what is valid', () => {
    const valid = ['{}', '[]', ' 1 ', '-0.5e-3', '"\\u00e9\\n"', '{"a":[1,{"b":null}],"c":true}', '[[[]]]'];
    for (const v of valid) assert.equal(jsonErrorOffset(v), -1, v);
    const invalid: [string, number][] = [
      ['', 0],
      ['[1,]', 3],
      ['{"a":1,}', 7],
      ['01', 1],
      ['1.', 2],
      ['[1 2]', 3],
      ['"a\nb"', 2],
      ['{"a":1]', 6],
      ['"\\u12g4"', 5],
      ['tru', 3],
    ];
    for (const [text, off] of invalid) {
      assert.throws(() => JSON.parse(text));
      assert.equal(jsonErrorOffset(text), off, JSON.stringify(text));
    }
  });
});
