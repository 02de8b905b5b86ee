// Unit tests of the pure CSV logic: parser, typing, NDJSON builder, writer.
import assert from 'node:assert/strict';
import { StringDecoder } from 'node:string_decoder';
import { describe, it } from 'node:test';
import { parseDelimiter, type CsvReadOptions, type CsvWriteOptions } from '../../src/formats/csv/options.js';
import { CsvParser, parseCsv } from '../../src/formats/csv/parse.js';
import { csvToNdjson } from '../../src/formats/csv/read.js';
import { headerKeys, isTypedNumber, typedJson, typeValue } from '../../src/formats/csv/typing.js';
import { CsvWriter, ndjsonToCsv } from '../../src/formats/csv/write.js';
import { DataError, UsageError } from '../../src/kit/sdk.js';
import { ndjson, rng } from '../helpers.js';

type Row = { fields: string[]; line: number };

function rowsOfChunks(chunks: string[], delimiter = ','): Row[] {
  return parseCsv(chunks, delimiter);
}

/** Read mode on in-memory chunks; returns the NDJSON text. */
function read(chunks: string | string[], opts: CsvReadOptions = {}): string {
  let out = '';
  csvToNdjson(typeof chunks === 'string' ? [chunks] : chunks, (t) => (out += t), opts);
  return out;
}

/** Write mode on in-memory chunks; returns the CSV text. */
function write(chunks: string | string[], opts: CsvWriteOptions = {}): string {
  let out = '';
  ndjsonToCsv(typeof chunks === 'string' ? [chunks] : chunks, (t) => (out += t), opts);
  return out;
}

/** The DataError thrown by fn (fails if none), with what was emitted before it. */
function dataError(fn: () => void): DataError {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof DataError, `expected a DataError, got ${String(err)}`);
    return err;
  }
  assert.fail('expected a DataError');
}

const TRICKY =
  '\uFEFFid,na"me,"no\r\nte"\r\n' +
  '1,"a,b","x""y"\r\n' +
  '\r\n' +
  '2,plain,"line1\nline2\r\nline3"\n' +
  '3,"é✓😀中文","""quoted"""\n' +
  '\n\n' +
  '4,a"b,""\n' +
  '5,,"tab\there"\r\n' +
  '6,"x\\y","end"';

const TRICKY_ROWS: Row[] = [
  { fields: ['id', 'na"me', 'no\r\nte'], line: 1 },
  { fields: ['1', 'a,b', 'x"y'], line: 3 },
  { fields: ['2', 'plain', 'line1\nline2\r\nline3'], line: 5 },
  { fields: ['3', 'é✓😀中文', '"quoted"'], line: 8 },
  { fields: ['4', 'a"b', ''], line: 11 },
  { fields: ['5', '', 'tab\there'], line: 12 },
  { fields: ['6', 'x\\y', 'end'], line: 13 },
];

describe('CsvParser', () => {
  it('parses RFC 4180: quotes, doubled quotes, embedded CR/LF, CRLF, BOM, blank lines, no final newline', () => {
    assert.deepEqual(parseCsv(TRICKY), TRICKY_ROWS);
  });

  it('gives the same rows for every split of the input into two and three chunks', () => {
    for (let i = 0; i <= TRICKY.length; i++) {
      assert.deepEqual(rowsOfChunks([TRICKY.slice(0, i), TRICKY.slice(i)]), TRICKY_ROWS, `split at ${i}`);
    }
    for (let i = 0; i <= TRICKY.length; i += 3) {
      for (let j = i; j <= TRICKY.length; j += 2) {
        const chunks = [TRICKY.slice(0, i), TRICKY.slice(i, j), TRICKY.slice(j)];
        assert.deepEqual(rowsOfChunks(chunks), TRICKY_ROWS, `split at ${i}, ${j}`);
      }
    }
  });

  it('gives the same rows when fed one character at a time', () => {
    assert.deepEqual(rowsOfChunks([...TRICKY]), TRICKY_ROWS);
    assert.deepEqual(rowsOfChunks(TRICKY.split('')), TRICKY_ROWS);
  });

  it('gives the same rows for UTF-8 bytes split at every byte (decoded like readText)', () => {
    const bytes = Buffer.from(TRICKY, 'utf8');
    for (let i = 0; i <= bytes.length; i++) {
      const dec = new StringDecoder('utf8');
      const chunks = [dec.write(bytes.subarray(0, i)), dec.write(bytes.subarray(i)), dec.end()].filter((c) => c.length > 0);
      assert.deepEqual(rowsOfChunks(chunks), TRICKY_ROWS, `byte split at ${i}`);
    }
  });

  it('read mode output is identical for every chunk split', () => {
    const whole = read(TRICKY);
    assert.equal(
      whole,
      '{"id":1,"na\\"me":"a,b","no\\r\\nte":"x\\"y"}\n' +
        '{"id":2,"na\\"me":"plain","no\\r\\nte":"line1\\nline2\\r\\nline3"}\n' +
        '{"id":3,"na\\"me":"é✓😀中文","no\\r\\nte":"\\"quoted\\""}\n' +
        '{"id":4,"na\\"me":"a\\"b","no\\r\\nte":""}\n' +
        '{"id":5,"na\\"me":"","no\\r\\nte":"tab\\there"}\n' +
        '{"id":6,"na\\"me":"x\\\\y","no\\r\\nte":"end"}\n',
    );
    for (let i = 0; i <= TRICKY.length; i++) assert.equal(read([TRICKY.slice(0, i), TRICKY.slice(i)]), whole, `split at ${i}`);
  });

  it('a BOM is dropped only at the very start', () => {
    assert.deepEqual(parseCsv('\uFEFFa\n\uFEFFb\n'), [
      { fields: ['a'], line: 1 },
      { fields: ['\uFEFFb'], line: 2 },
    ]);
  });

  it('handles a trailing delimiter, empty quoted fields and a lone CR at the end of input', () => {
    assert.deepEqual(parseCsv('a,b,\n"",""\r'), [
      { fields: ['a', 'b', ''], line: 1 },
      { fields: ['', ''], line: 2 },
    ]);
    assert.deepEqual(parseCsv('x,"y",'), [{ fields: ['x', 'y', ''], line: 1 }]);
    assert.deepEqual(parseCsv('"q"\r\n"r"\r'), [
      { fields: ['q'], line: 1 },
      { fields: ['r'], line: 2 },
    ]);
  });

  it('a field that spans many chunks (long quoted field) is kept whole', () => {
    const big = 'x'.repeat(100_000) + '\n' + 'y"'.repeat(1000);
    const text = 'a,b\n1,"' + big.replace(/"/g, '""') + '"\n2,z\n';
    const chunks: string[] = [];
    for (let i = 0; i < text.length; i += 997) chunks.push(text.slice(i, i + 997));
    assert.deepEqual(rowsOfChunks(chunks), [
      { fields: ['a', 'b'], line: 1 },
      { fields: ['1', big], line: 2 },
      { fields: ['2', 'z'], line: 4 },
    ]);
  });

  it('uses another delimiter', () => {
    assert.deepEqual(parseCsv('a\tb\n"x\ty"\t2\n', '\t'), [
      { fields: ['a', 'b'], line: 1 },
      { fields: ['x\ty', '2'], line: 2 },
    ]);
    assert.deepEqual(parseCsv('a;b,c\n', ';'), [{ fields: ['a', 'b,c'], line: 1 }]);
  });
});

describe('CsvParser errors', () => {
  it('unterminated quoted field: the line and column where the quote opened', () => {
    const text = 'a,b\n1,2\n3,"abc\n\ndef\n';
    for (let i = 0; i <= text.length; i++) {
      const e = dataError(() => parseCsv([text.slice(0, i), text.slice(i)]));
      assert.equal(e.message, 'unterminated quoted field');
      assert.equal(e.line, 3, `split at ${i}`);
      assert.equal(e.column, 3, `split at ${i}`);
    }
    const e = dataError(() => parseCsv('"'));
    assert.deepEqual([e.line, e.column], [1, 1]);
  });

  it('unexpected character after closing quote, with line and column (also after a multi-line field)', () => {
    let e = dataError(() => parseCsv('a,b\n1,"x"y\n'));
    assert.deepEqual([e.message, e.line, e.column], ['unexpected character after closing quote', 2, 6]);
    e = dataError(() => parseCsv('a,b\n1,"x\nyz" ,3\n'));
    assert.deepEqual([e.line, e.column], [3, 4]);
    // columns count characters, not UTF-16 units
    e = dataError(() => parseCsv('a,b\n😀é,"x"!\n'));
    assert.deepEqual([e.line, e.column], [2, 7]);
    // a CR after a closing quote ends the row (a lone CR is a line end)
    assert.deepEqual(parseCsv('a,b\n1,"x"\rz\n'), [
      { fields: ['a', 'b'], line: 1 },
      { fields: ['1', 'x'], line: 2 },
      { fields: ['z'], line: 3 },
    ]);
    const emoji = 'h\n"😀é\nab😀"x\n';
    for (let i = 0; i <= emoji.length; i++) {
      e = dataError(() => parseCsv([emoji.slice(0, i), emoji.slice(i)]));
      assert.deepEqual([e.line, e.column], [3, 5], `split at ${i}`);
    }
    const text = 'h\n"ab\ncd"e\n';
    for (let i = 0; i <= text.length; i++) {
      e = dataError(() => parseCsv([text.slice(0, i), text.slice(i)]));
      assert.deepEqual([e.line, e.column], [3, 4], `split at ${i}`);
    }
  });

  it('a stray quote inside an unquoted field is a literal character', () => {
    assert.deepEqual(parseCsv('a"b,c""d,e"\n'), [{ fields: ['a"b', 'c""d', 'e"'], line: 1 }]);
  });

  it('binary data: a NUL byte is an error naming its line, rows before it are kept', () => {
    const rows: Row[] = [];
    const p = new CsvParser({ row: (fields, line) => rows.push({ fields, line }) });
    p.push('a,b\n1,2\n');
    const e = dataError(() => p.push('3,4\n5,\0x\n'));
    assert.equal(e.message, 'binary data (NUL byte) — not a CSV file');
    assert.equal(e.line, 4);
    assert.equal(e.column, undefined);
    assert.deepEqual(
      rows.map((r) => r.line),
      [1, 2, 3],
    );
    const e2 = dataError(() => parseCsv('a\n"x\ny\0"\n'));
    assert.equal(e2.line, 3);
  });
});

describe('typing', () => {
  const typed: [string, string][] = [
    ['0', '0'],
    ['-0', '-0'],
    ['1', '1'],
    ['-17', '-17'],
    ['1.50', '1.50'],
    ['-0.5', '-0.5'],
    ['1e5', '1e5'],
    ['1E+05', '1E+05'],
    ['2.5e-3', '2.5e-3'],
    ['1e-400', '1e-400'],
    ['9007199254740991', '9007199254740991'],
    ['-9007199254740991', '-9007199254740991'],
    ['123456789012345', '123456789012345'],
    ['12345678901234567890.5', '12345678901234567890.5'],
    ['1.7976931348623157e308', '1.7976931348623157e308'],
    ['9007199254740992', '9007199254740992'],
    ['-9007199254740992', '-9007199254740992'],
    ['12345678901234567890', '12345678901234567890'],
    ['1e400', '1e400'],
    ['-1e400', '-1e400'],
    ['1' + '0'.repeat(400) + '.5', '1' + '0'.repeat(400) + '.5'],
    ['true', 'true'],
    ['false', 'false'],
  ];
  const strings = [
    '',
    '007',
    '00',
    '-01',
    ' 12',
    '12 ',
    '+1',
    'NaN',
    'Infinity',
    '-Infinity',
    '1.',
    '.5',
    '-',
    '-.5',
    '1e',
    '1e+',
    '1.5.2',
    '0x10',
    '1_000',
    '1,5',
    'TRUE',
    'True',
    'null',
    'yes',
    't',
    'f',
    'truex',
  ];

  it('JSON number literals (any size, exactly as written) and true/false are emitted verbatim', () => {
    for (const [text, json] of typed) assert.equal(typedJson(text), json, text);
  });

  it('everything else stays a string', () => {
    for (const s of strings) {
      assert.equal(typedJson(s), JSON.stringify(s), s);
      assert.equal(typeValue(s), s);
    }
  });

  it('typed values parse to the expected numbers and booleans', () => {
    assert.equal(typeValue('1.50'), 1.5);
    assert.equal(typeValue('1e5'), 100000);
    assert.equal(typeValue('true'), true);
    assert.equal(typeValue('false'), false);
    assert.equal(isTypedNumber('9007199254740991'), true);
    assert.equal(isTypedNumber('9007199254740992'), true);
    assert.equal(isTypedNumber('12345678901234567890'), true);
    assert.equal(isTypedNumber('1e400'), true);
    assert.equal(isTypedNumber(''), false);
  });

  it('agrees with the JSON number grammar on generated inputs', () => {
    const rand = rng(7);
    const alphabet = '0123456789-+.eE x';
    const re = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;
    for (let k = 0; k < 20000; k++) {
      let s = '';
      const len = 1 + Math.floor(rand() * 8);
      for (let i = 0; i < len; i++) s += alphabet[Math.floor(rand() * alphabet.length)];
      assert.equal(isTypedNumber(s), re.test(s), s);
    }
  });
});

describe('read mode (csvToNdjson)', () => {
  it('keys from the header in column order, typed values', () => {
    assert.equal(read('a,b,c,d\n1,x,true,1.50\n'), '{"a":1,"b":"x","c":true,"d":1.50}\n');
  });

  it('duplicate and empty header names (Miller rule)', () => {
    assert.deepEqual(headerKeys(['a', 'a', 'a_2', 'a', '', 'x', 'x']), ['a', 'a_2', 'a_2_2', 'a_3', '5', 'x', 'x_2']);
    assert.equal(read('a,,a\n1,2,3\n'), '{"a":1,"2":2,"a_2":3}\n');
  });

  it('--no-header: keys are 1-based column numbers and the first row is data', () => {
    assert.equal(read('x,y\n1,2\n', { header: false }), '{"1":"x","2":"y"}\n{"1":1,"2":2}\n');
  });

  it('infer off keeps strings', () => {
    assert.equal(read('a,b,c\n1,true,"x,y"\n', { infer: false }), '{"a":"1","b":"true","c":"x,y"}\n');
  });

  it('escapes what JSON needs in every path (fast and quoted rows)', () => {
    const text = 'a,b\nx\\y,tab\there\nctl\u0001,"q""\u001f"\n"cr\rin",é😀\n';
    const out = read(text);
    assert.deepEqual(ndjson(out), [
      { a: 'x\\y', b: 'tab\there' },
      { a: 'ctl\u0001', b: 'q"\u001f' },
      { a: 'cr\rin', b: 'é😀' },
    ]);
    for (const line of out.trim().split('\n')) assert.doesNotThrow(() => JSON.parse(line));
  });

  it('ragged rows are an error naming the line', () => {
    const e = dataError(() => read('a,b,c\n1,2,3\n\n4,5,6,7\n'));
    assert.equal(e.message, 'expected 3 fields (from the header), got 4; add ?allow-ragged=true to read ragged rows');
    assert.equal(e.line, 4);
    const e2 = dataError(() => read('a,b,c\n1,"2\n",3\n4,5\n'));
    assert.deepEqual([e2.message, e2.line], ['expected 3 fields (from the header), got 2; add ?allow-ragged=true to read ragged rows', 4]);
    const e3 = dataError(() => read('1,2\n3\n', { header: false }));
    assert.deepEqual([e3.message, e3.line], ['expected 2 fields (from the first row), got 1; add ?allow-ragged=true to read ragged rows', 2]);
  });

  it('rows produced before an error are emitted before it is thrown', () => {
    const blocks: string[] = [];
    assert.throws(() => csvToNdjson(['a,b\n1,2\n3,4\n5\n'], (t) => blocks.push(t)), DataError);
    assert.equal(blocks.join(''), '{"a":1,"b":2}\n{"a":3,"b":4}\n');
  });

  it('--allow-ragged pads short rows with "" and names extra fields by column number', () => {
    assert.equal(
      read('a,b,c\n1,2\n1,2,3,4,5\n"x",y\n', { allowRagged: true }),
      '{"a":1,"b":2,"c":""}\n{"a":1,"b":2,"c":3,"4":4,"5":5}\n{"a":"x","b":"y","c":""}\n',
    );
  });

  it('tab delimiter', () => {
    assert.equal(read('a\tb\n1,5\t"x\ty"\n', { delimiter: '\t' }), '{"a":"1,5","b":"x\\ty"}\n');
  });

  it('a header-only file or an empty input gives no records', () => {
    assert.equal(read('a,b\n'), '');
    assert.equal(read(''), '');
    assert.equal(read('\n\n'), '');
  });
});

describe('parseDelimiter', () => {
  it('accepts one character and names', () => {
    assert.equal(parseDelimiter(';'), ';');
    assert.equal(parseDelimiter('tab'), '\t');
    assert.equal(parseDelimiter('\\t'), '\t');
    assert.equal(parseDelimiter('\t'), '\t');
    assert.equal(parseDelimiter('pipe'), '|');
  });
  it('rejects anything else', () => {
    for (const bad of ['', ';;', '"', '\n', '\r', '\\', 'tabs']) assert.throws(() => parseDelimiter(bad), UsageError, bad);
  });
});

describe('CsvWriter', () => {
  it('quotes only fields holding the delimiter, a quote, CR or LF', () => {
    const w = new CsvWriter();
    assert.equal(w.field('plain'), 'plain');
    assert.equal(w.field(' spaced '), ' spaced ');
    assert.equal(w.field('a,b'), '"a,b"');
    assert.equal(w.field('say "hi"'), '"say ""hi"""');
    assert.equal(w.field('l1\nl2'), '"l1\nl2"');
    assert.equal(w.field('cr\r'), '"cr\r"');
    assert.equal(w.field('tab\tx'), 'tab\tx');
    assert.equal(new CsvWriter({ delimiter: '\t' }).field('tab\tx'), '"tab\tx"');
    assert.equal(new CsvWriter({ delimiter: '\t' }).field('a,b'), 'a,b');
  });

  it('writes header from the first record, values in header order, missing -> empty', () => {
    assert.equal(
      write('{"a":1,"b":"x","c":true}\n{"c":false,"a":2}\n\n{"b":null}\n'),
      'a,b,c\n1,x,true\n2,,false\n,,\n',
    );
  });

  it('value kinds: null, booleans, numbers as written, strings, nested as compact JSON', () => {
    assert.equal(
      write('{"n":null,"t":true,"f":false,"x":1.50,"e":1e5,"neg":-0.0,"s":"a,b","o":{"k": [1, 2]},"arr":[ "x" ],"u":"\\u00e9\\n"}\n'),
      'n,t,f,x,e,neg,s,o,arr,u\n,true,false,1.50,1e5,-0.0,"a,b","{""k"":[1,2]}","[""x""]","é\n"\n',
    );
  });

  it('keeps the written key order, integer-like keys included', () => {
    assert.equal(write('{"b":1,"a":2,"2":3,"1":4}\n{"1":5,"2":6,"a":7,"b":8}\n'), 'b,a,2,1\n1,2,3,4\n8,7,6,5\n');
  });

  it('accepts whitespace, escaped keys and duplicate keys (last wins) like JSON.parse', () => {
    assert.equal(write(' { "a" : 1 , "b\\u0022" : "x\\"y" } \r\n{"a":2,"a":3,"b\\"":"z"}\n'), 'a,"b"""\n1,"x""y"\n3,z\n');
  });

  it('a lone empty field is written as "" so it does not read back as a blank line', () => {
    assert.equal(write('{"a":""}\n{"a":null}\n{"a":"v"}\n'), 'a\n""\n""\nv\n');
    assert.equal(write('{"":1}\n'), '""\n1\n');
  });

  it('a UTF-8 BOM at the start of the NDJSON is dropped', () => {
    assert.equal(write(['\uFEFF', '{"a":1}\n']), 'a\n1\n');
    assert.equal(write('\uFEFF{"a":1}\n'), 'a\n1\n');
  });

  it('--header=false and another delimiter', () => {
    assert.equal(write('{"a":1,"b":"x\\ty"}\n', { header: false, delimiter: '\t' }), '1\t"x\ty"\n');
  });

  it('a key not in the header is an error with the line number', () => {
    const e = dataError(() => write('{"a":1,"b":2,"c":3}\n{"a":1}\n\n{"a":1}\n{"a":1,"x":2}\n'));
    assert.equal(e.line, 5);
    assert.equal(e.message, 'field "x" is not in the header (a, b, c); CSV needs one set of columns: written to a file (jn put x.csv) the header grows to every key, here normalise with jn filter first');
  });

  it('invalid JSON and non-objects are errors with the line number', () => {
    const bad = ['{"a":1', '{"a":01}', '{"a":"x\ty"}', "{'a':1}", '{"a":1}}', '{"a":tru}', '{"a":"\\q"}', '{"a":[1,}'];
    for (const text of bad) {
      let expected = '';
      try {
        JSON.parse(text);
      } catch (err) {
        expected = (err as Error).message;
      }
      assert.ok(expected, `${text} must be invalid JSON`);
      const e = dataError(() => write(`{"a":0}\n\n\n${text}\n`));
      assert.equal(e.line, 4, text);
      assert.equal(e.message, `invalid JSON: ${expected}`, text);
    }
    const kinds: [string, string][] = [
      ['[1,2]', 'array'],
      ['"s"', 'string'],
      ['3', 'number'],
      ['null', 'null'],
      ['true', 'boolean'],
    ];
    for (const [text, kind] of kinds) {
      const e = dataError(() => write(`{"a":0}\n\n\n${text}\n`));
      assert.deepEqual([e.line, e.message], [4, `expected a JSON object, got ${kind}`]);
    }
  });

  it('agrees with a JSON.parse-based reference on generated records', () => {
    const rand = rng(99);
    const keys = ['id', 'name', '1', 'x y', 'q"k'];
    const pick = <T>(a: T[]): T => a[Math.floor(rand() * a.length)];
    const values = (): unknown => {
      const r = rand();
      if (r < 0.15) return Math.floor(rand() * 1e6) - 5e5;
      if (r < 0.3) return rand() * 1000;
      if (r < 0.4) return null;
      if (r < 0.5) return rand() < 0.5;
      if (r < 0.6) return { a: [1, 'x,y'], b: null };
      return pick(['', 'plain', 'a,b', 'q"q', 'l1\nl2', 'tab\t', 'é😀', '\\', '\u0001', ' sp ']);
    };
    const lines: string[] = [];
    const expected: string[] = [];
    const ref = new CsvWriter();
    let header: string[] | null = null;
    for (let i = 0; i < 2000; i++) {
      const obj: Record<string, unknown> = {};
      for (const k of keys) if (i === 0 || rand() < 0.8) obj[k] = values();
      const text = rand() < 0.5 ? JSON.stringify(obj) : JSON.stringify(obj, null, rand() < 0.5 ? 1 : '\t').replace(/\n/g, ' ');
      lines.push(text);
      const parsed = JSON.parse(text) as Record<string, unknown>;
      if (header === null) {
        // JSON.stringify writes keys in Object.keys order ("1" first)
        header = Object.keys(parsed);
        assert.equal(header[0], '1');
        expected.push(header.map((k) => ref.field(k)).join(',') + '\n');
      }
      expected.push(header.map((k) => (k in parsed ? ref.value(parsed[k]) : '')).join(',') + '\n');
    }
    assert.deepEqual(write(lines.join('\n') + '\n').split('\n'), expected.join('').split('\n'));
  });

  it('accepts exactly what JSON.parse accepts (fuzzed lines), with its error message', () => {
    const rand = rng(4242);
    const seeds = [
      '{"a":1,"b":"x,y","c":[1,{"d":null}],"e":true,"f":-1.5e3}',
      '{ "k" : "v\\n\\u00e9\\"" , "n" : 0.25 , "z" : false }',
      '{"s":"tab\\t","o":{},"a":[],"nul":null,"neg":-0}',
    ];
    const alphabet = '{}[]":,\\ 0123456789eE.+-tfnulrsax\t';
    let valid = 0;
    let invalid = 0;
    for (let k = 0; k < 20000; k++) {
      let line = seeds[k % seeds.length];
      for (let m = 1 + Math.floor(rand() * 2); m > 0; m--) {
        const at = Math.floor(rand() * (line.length + 1));
        const ch = alphabet[Math.floor(rand() * alphabet.length)];
        const op = rand();
        line = op < 0.4 ? line.slice(0, at) + ch + line.slice(at) : op < 0.7 ? line.slice(0, at) + line.slice(at + 1) : line.slice(0, at) + ch + line.slice(at + 1);
      }
      let parsed: unknown;
      let message: string | undefined;
      try {
        parsed = JSON.parse(line);
      } catch (err) {
        message = (err as Error).message;
      }
      const w = new CsvWriter();
      if (message !== undefined) {
        invalid++;
        if (line.trim() === '') continue;
        const e = dataError(() => w.jsonLine(line, 7));
        assert.equal(e.message, `invalid JSON: ${message}`, line);
        assert.equal(e.line, 7);
        continue;
      }
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
        assert.throws(() => w.jsonLine(line, 7), /expected a JSON object/, line);
        continue;
      }
      valid++;
      const obj = parsed as Record<string, unknown>;
      const out = w.jsonLine(line, 7);
      if (Object.keys(obj).length === 0) {
        assert.equal(out, '', line);
        continue;
      }
      const [head, row] = parseCsv(out).map((r) => r.fields);
      assert.deepEqual([...head].sort(), Object.keys(obj).sort(), line);
      head.forEach((key, i) => {
        const v = obj[key];
        if (typeof v === 'number') assert.equal(Number(row[i]), v, line);
        else assert.equal(row[i], v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v), line);
      });
    }
    assert.ok(valid > 1000 && invalid > 1000, `valid ${valid}, invalid ${invalid}`);
  });

  it('splits NDJSON lines across chunks at any position', () => {
    const text = '{"a":1,"b":"x,y"}\r\n\n{"a":"é😀","b":[1]}\n{"b":2}';
    const whole = write(text);
    assert.equal(whole, 'a,b\n1,"x,y"\né😀,[1]\n,2\n');
    for (let i = 0; i <= text.length; i++) assert.equal(write([text.slice(0, i), text.slice(i)]), whole, `split at ${i}`);
  });

  it('lines written before an error are emitted before it is thrown', () => {
    const blocks: string[] = [];
    assert.throws(() => ndjsonToCsv(['{"a":1}\n{"a":2}\nnope\n'], (t) => blocks.push(t)), DataError);
    assert.equal(blocks.join(''), 'a\n1\n2\n');
  });
});

describe('round trip (in memory)', () => {
  it('CSV -> NDJSON -> CSV -> NDJSON keeps every field', () => {
    const rand = rng(1234);
    const pieces = ['a', 'b,c', '"', 'x"y', '\n', '\r\n', 'é', '😀', '中文', ' ', '\t', '0', '1.5', '-3', '007', 'true', '\\'];
    const rows: string[][] = [];
    for (let i = 0; i < 500; i++) {
      const row: string[] = [];
      for (let j = 0; j < 4; j++) {
        let f = '';
        const n = Math.floor(rand() * 4);
        for (let k = 0; k < n; k++) f += pieces[Math.floor(rand() * pieces.length)];
        row.push(f);
      }
      rows.push(row);
    }
    const q = (f: string) => (/[",\r\n]/.test(f) || f === '' ? '"' + f.replace(/"/g, '""') + '"' : f);
    const csv = 'w,x,y,z\r\n' + rows.map((r) => r.map(q).join(',')).join('\r\n') + '\r\n';
    const first = ndjson(read(csv));
    assert.equal(first.length, rows.length);
    for (let i = 0; i < rows.length; i++) {
      const rec = first[i] as Record<string, unknown>;
      assert.deepEqual(Object.keys(rec), ['w', 'x', 'y', 'z']);
      rows[i].forEach((f, j) => assert.equal(rec[['w', 'x', 'y', 'z'][j]], typeValue(f), `row ${i} field ${j}`));
    }
    const second = ndjson(read(write(read(csv))));
    assert.deepEqual(second, first);
  });
});
