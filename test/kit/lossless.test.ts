// kit/lossless: the parse into Maps and JsonNumbers, its one serializer,
// compaction and re-indenting of JSON text, and numbers compared by value.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DataError } from '../../src/kit/exit.ts';
import { compactJson, compactLine, indentJson, JsonNumber, numberKey, parseLossless, parseLosslessLine, stringifyLossless, toPlain } from '../../src/kit/lossless.ts';
import { rng } from '../helpers.ts';

const EXACT = ['12345678901234567890', '-12345678901234567890', '-0', '1.0', '1e400', '-1e400', '1E+2', '0.10', '1e-400', '9007199254740993'];

describe('parseLossless / stringifyLossless', () => {
  it('objects are Maps in written order, integer-like keys included, at every depth', () => {
    const v = parseLossless('{"b":1,"2023":2,"a":{"10":1,"9":2,"x":[{"2":0,"1":0}]}}');
    assert.ok(v instanceof Map);
    assert.deepEqual([...v.keys()], ['b', '2023', 'a']);
    const inner = v.get('a') as Map<string, unknown>;
    assert.deepEqual([...inner.keys()], ['10', '9', 'x']);
    assert.deepEqual([...((inner.get('x') as unknown[])[0] as Map<string, unknown>).keys()], ['2', '1']);
  });

  it('a number whose text a double does not give back is a JsonNumber with that text; others are numbers', () => {
    for (const t of EXACT) {
      const v = parseLossless(t);
      assert.ok(v instanceof JsonNumber, t);
      assert.equal(v.text, t);
    }
    for (const t of ['0', '1', '-17', '1.5', '1e+21', '123456789012345']) assert.equal(parseLossless(t), Number(t), t);
    assert.equal(+(parseLossless('1.0') as JsonNumber), 1);
  });

  it('stringifyLossless gives back compact input exactly (numbers, key order, nesting)', () => {
    const texts = [
      `{${EXACT.map((t, i) => `"${EXACT.length - i}":${t}`).join(',')},"2023":[${EXACT.join(',')}],"a":{"2":{"1":null}}}`,
      '{"s":"é\\"\\\\","t":true,"f":false,"n":null,"e":[],"o":{}}',
      '[1,[2,[3]],{"1":1}]',
      '"x"',
      'null',
    ];
    for (const t of texts) assert.equal(stringifyLossless(parseLossless(t)), t);
    // repeated key: first place, last value (as JSON.parse)
    assert.equal(stringifyLossless(parseLossless('{"a":1,"b":2,"a":3}')), '{"a":3,"b":2}');
    // plain values and computed objects
    assert.equal(stringifyLossless({ b: 1, a: [undefined, new JsonNumber('1.0')], u: undefined }), '{"b":1,"a":[null,1.0]}');
  });

  it('rejects what JSON.parse rejects (generated near-JSON texts)', () => {
    const rand = rng(11);
    const alphabet = ['{', '}', '[', ']', ',', ':', '"a"', '"\\u00e9"', '"\\x"', '1', '-', '0', '.5', 'e5', 'true', 'nul', 'null', ' ', '\t'];
    for (let k = 0; k < 20000; k++) {
      let s = '';
      const n = 1 + Math.floor(rand() * 7);
      for (let i = 0; i < n; i++) s += alphabet[Math.floor(rand() * alphabet.length)];
      let ok = true;
      try {
        JSON.parse(s);
      } catch {
        ok = false;
      }
      let ours = true;
      try {
        parseLossless(s);
      } catch {
        ours = false;
      }
      assert.equal(ours, ok, s);
    }
  });

  it('parseLosslessLine names the line and column of bad JSON, as every stage does', () => {
    assert.throws(
      () => parseLosslessLine('{"a":1,}', 7),
      (e: unknown) => e instanceof DataError && e.line === 7 && e.column === 8 && /^invalid JSON: /.test(e.message),
    );
  });

  it('toPlain gives objects and doubles for code that computes', () => {
    assert.deepEqual(toPlain(parseLossless('{"a":[1.0,{"b":12345678901234567890}]}')), { a: [1, { b: 12345678901234567890 }] });
  });
});

describe('compactJson / indentJson', () => {
  it('removes only the blanks outside strings', () => {
    assert.equal(compactJson(' { "a b" : [ 1.0 , "x\\" y" ] ,\t"c":\r\n-0 } '), '{"a b":[1.0,"x\\" y"],"c":-0}');
    assert.equal(compactJson('{"a":"\\\\"  ,"b":"\\\\\\" "}'), '{"a":"\\\\","b":"\\\\\\" "}');
    const same = '{"a":"x y","b":"\\u00e9"}';
    assert.equal(compactJson(same), same);
  });

  it('compactLine checks the line first', () => {
    assert.equal(compactLine('{"a": 1e400 }', 1), '{"a":1e400}');
    assert.throws(() => compactLine('{"a": 1e400', 3), (e: unknown) => e instanceof DataError && e.line === 3);
  });

  it('indentJson lays compact text out as JSON.stringify(v, null, 2), tokens as written', () => {
    const texts = ['{"a":[],"b":{},"c":[{}],"d":[1,[2,[]]],"e":"x,{:}[]\\\\\\"y","f":{"g":null}}', '[]', '1', '"s"', '[{"a":1},{"b":[true]}]'];
    for (const t of texts) assert.equal(indentJson(t, 2), JSON.stringify(JSON.parse(t), null, 2));
    assert.equal(indentJson('{"a":1.0,"b":[12345678901234567890]}', 2, '  '), '{\n    "a": 1.0,\n    "b": [\n      12345678901234567890\n    ]\n  }');
  });
});

describe('numberKey', () => {
  it('is equal exactly when the decimal values are', () => {
    const same = [
      ['1', '1.0', '1E+0', '10e-1', '0.1e1'],
      ['0', '-0', '0.000', '0e5'],
      ['100', '1e2', '1E+2', '100.00'],
      ['-2.5', '-2.50', '-25e-1'],
    ];
    for (const group of same) for (const t of group) assert.equal(numberKey(new JsonNumber(t)), numberKey(new JsonNumber(group[0])), t);
    assert.notEqual(numberKey(new JsonNumber('12345678901234567890')), numberKey(new JsonNumber('12345678901234567891')));
    assert.notEqual(numberKey(new JsonNumber('0.1')), numberKey(new JsonNumber('0.10000000000000000001')));
    assert.equal(numberKey(100), numberKey(new JsonNumber('1e2')));
    assert.equal(numberKey(1.5e-7), numberKey(new JsonNumber('0.00000015')));
  });
});

describe('depth', () => {
  it('nesting deeper than the parse allows is a DataError naming the line, not a stack overflow', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    assert.throws(
      () => parseLosslessLine(deep, 4),
      (e: unknown) => e instanceof DataError && e.line === 4 && e.message === 'arrays and objects nest deeper than 2000 levels',
    );
    const deepest = '[' + '{"a":'.repeat(1999) + '1' + '}'.repeat(1999) + ']'; // 2000 levels: still parsed
    assert.equal(stringifyLossless(parseLossless(deepest)), deepest);
  });
});
