// kit/encoding.ts and the readers of kit/io.ts that decode through it:
// checked UTF-8 (where invalid bytes are, the text before them), BOMs,
// latin1, cp1252, UTF-16 both ways, other WHATWG encodings; every input is
// also fed one byte at a time, so no character is lost at a chunk boundary.
import assert from 'node:assert/strict';
import { closeSync, openSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { canonicalEncoding, decoder, EncodingError, Utf8Bytes } from '../../src/kit/encoding.ts';
import { UsageError } from '../../src/kit/exit.ts';
import { LineReader, readLines, readText, readUtf8 } from '../../src/kit/io.ts';
import { rng, tempDir } from '../helpers.ts';

const HINT = 'if the file is Latin-1 or Windows-1252, read it with ?encoding=latin1 or ?encoding=cp1252';
const TEXT = 'id,name\n1,José\n2,Zürich ✓\n3,😀 中文\n4,end';

/** Chunks of b: whole, one byte at a time, and cut at seeded places. */
function splits(b: Buffer): [string, Buffer[]][] {
  const one = [...b].map((x) => Buffer.of(x));
  const next = rng(7);
  const cuts: Buffer[] = [];
  for (let p = 0; p < b.length; ) {
    const n = 1 + Math.floor(next() * 5);
    cuts.push(b.subarray(p, p + n));
    p += n;
  }
  return [
    ['whole', [b]],
    ['bytes', one],
    ['random cuts', cuts],
  ];
}

/** All the text of chunks through decoder(encoding), or the error thrown
 * (with the text given before it). */
function decodeAll(encoding: string | undefined, chunks: Buffer[]): { text: string; error?: Error } {
  const d = decoder(encoding);
  let text = '';
  try {
    for (const c of chunks) {
      text += d.write(c);
      d.raise();
    }
    text += d.end();
    return { text };
  } catch (error) {
    return { text, error: error as Error };
  }
}

function located(err: Error | undefined): string | undefined {
  return err instanceof EncodingError ? err.located() : err?.message;
}

describe('utf-8 (checked)', () => {
  it('decodes UTF-8 split anywhere, and drops a BOM only at the start', () => {
    for (const [how, chunks] of splits(Buffer.from('\ufeff' + TEXT + '\ufeff', 'utf8'))) {
      assert.deepEqual(decodeAll('utf-8', chunks), { text: TEXT + '\ufeff' }, how);
    }
  });

  const bad: [string, Buffer, string, string][] = [
    ['a Latin-1 é', Buffer.from('a,b\nJos\xe9,1\n', 'latin1'), 'a,b\n', 'line 2, byte 7: invalid UTF-8 (0xE9)'],
    ['a stray continuation byte', Buffer.concat([Buffer.from('x\ny\n'), Buffer.of(0x80)]), 'x\ny\n', 'line 3, byte 4: invalid UTF-8 (0x80)'],
    ['an overlong encoding', Buffer.concat([Buffer.from('ab'), Buffer.of(0xc0, 0xaf)]), '', 'line 1, byte 2: invalid UTF-8 (0xC0)'],
    ['a surrogate', Buffer.concat([Buffer.from('é\n'), Buffer.of(0xed, 0xa0, 0x80), Buffer.from('\n')]), 'é\n', 'line 2, byte 3: invalid UTF-8 (0xED)'],
    ['a character cut off at the end', Buffer.concat([Buffer.from('1\n2\n3'), Buffer.of(0xe2, 0x9c)]), '1\n2\n', 'line 3, byte 5: invalid UTF-8 (0xE2 cut off by the end of the input)'],
    ['a lead byte followed by ASCII', Buffer.concat([Buffer.from('ok\n'), Buffer.of(0xe9), Buffer.from('t\u00e9\n')]), 'ok\n', 'line 2, byte 3: invalid UTF-8 (0xE9)'],
  ];
  const error = (bytes: Buffer): Error | undefined => decodeAll('utf-8', [bytes]).error;
  for (const [what, bytes, before, where] of bad) {
    it(`refuses ${what}, naming line and byte, after the lines before it`, () => {
      const valid = bytes.toString('utf8', 0, (error(bytes) as EncodingError).byte);
      for (const [how, chunks] of splits(bytes)) {
        const { text, error } = decodeAll('utf-8', chunks);
        assert.equal(located(error), `${where}; ${HINT}`, how);
        assert.ok(text.startsWith(before) && valid.startsWith(text), `${how}: ${JSON.stringify(text)}`);
      }
    });
  }

  it('counts bytes from the start of the file, BOM included, and lines across chunks', () => {
    const bytes = Buffer.concat([Buffer.from('\ufeff' + 'row\n'.repeat(1000), 'utf8'), Buffer.of(0xff)]);
    for (const [how, chunks] of splits(bytes)) assert.equal(located(decodeAll('utf-8', chunks).error), `line 1001, byte 4003: invalid UTF-8 (0xFF); ${HINT}`, how);
  });

  it('without an encoding decodes as jq does: U+FFFD, no error', () => {
    for (const [how, chunks] of splits(Buffer.from('a\xe9b\n', 'latin1'))) assert.deepEqual(decodeAll(undefined, chunks), { text: 'a\ufffdb\n' }, how);
  });
});

describe('single-byte encodings', () => {
  const all = Buffer.from(Array.from({ length: 256 }, (_, i) => i));

  it('latin1 maps byte n to U+00nn, 0x80-0x9F included', () => {
    const expected = String.fromCharCode(...all);
    for (const name of ['latin1', 'ISO-8859-1', 'latin-1', 'l1']) {
      for (const [how, chunks] of splits(all)) assert.deepEqual(decodeAll(name, chunks), { text: expected }, `${name} ${how}`);
    }
  });

  it('cp1252 is Windows-1252 (the WHATWG table; the TextDecoder of Node 20 reads it as latin1), unlike latin1 in 0x80-0x9F', () => {
    // 0x80-0x9F as the WHATWG Encoding Standard maps them (the five bytes
    // Windows leaves undefined become the C1 controls).
    const high = [
      0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
      0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
    ];
    const expected = String.fromCharCode(...all.subarray(0, 0x80), ...high, ...all.subarray(0xa0));
    for (const name of ['cp1252', 'windows-1252', 'Win1252', 'us-ascii']) {
      for (const [how, chunks] of splits(all)) assert.deepEqual(decodeAll(name, chunks), { text: expected }, `${name} ${how}`);
    }
    assert.equal(decodeAll('cp1252', [Buffer.of(0x80, 0x93, 0x94, 0x9f, 0x81)]).text, '€“”Ÿ\x81');
    assert.equal(decodeAll('latin1', [Buffer.of(0x80, 0x93)]).text, '\x80\x93');
    assert.equal(expected.slice(0, 0x80) + expected.slice(0xa0), String.fromCharCode(...all.subarray(0, 0x80), ...all.subarray(0xa0)));
  });
});

describe('utf-16', () => {
  const cases: [string, string, Buffer][] = [
    ['utf-16le with a BOM', 'utf-16le', Buffer.from('\ufeff' + TEXT, 'utf16le')],
    ['utf-16le without', 'utf-16le', Buffer.from(TEXT, 'utf16le')],
    ['utf-16be with a BOM', 'utf-16be', Buffer.from('\ufeff' + TEXT, 'utf16le').swap16()],
    ['utf-16be without', 'utf-16be', Buffer.from(TEXT, 'utf16le').swap16()],
    ['utf-16 with a big-endian BOM', 'utf-16', Buffer.from('\ufeff' + TEXT, 'utf16le').swap16()],
    ['utf-16 without a BOM (little-endian)', 'utf-16', Buffer.from(TEXT, 'utf16le')],
    ['utf-8 (default) with a UTF-16LE BOM', 'utf-8', Buffer.from('\ufeff' + TEXT, 'utf16le')],
    ['utf-8 (default) with a UTF-16BE BOM', 'utf-8', Buffer.from('\ufeff' + TEXT, 'utf16le').swap16()],
  ];
  for (const [what, name, bytes] of cases) {
    it(`decodes ${what}, split anywhere (surrogate pairs too)`, () => {
      for (const [how, chunks] of splits(bytes)) assert.deepEqual(decodeAll(name, chunks), { text: TEXT }, how);
    });
  }

  it('refuses an odd number of bytes', () => {
    const bytes = Buffer.concat([Buffer.from('a\nb', 'utf16le'), Buffer.of(0x63)]);
    for (const [how, chunks] of splits(bytes)) {
      const { text, error } = decodeAll('utf-16le', chunks);
      assert.equal(text, 'a\nb', how);
      assert.equal(located(error), 'line 2, byte 6: invalid UTF-16: an odd number of bytes, the last character is cut off', how);
    }
  });
});

describe('other WHATWG encodings', () => {
  it('decodes Shift_JIS split anywhere', () => {
    // "日本語\n" in Shift_JIS
    const bytes = Buffer.of(0x93, 0xfa, 0x96, 0x7b, 0x8c, 0xea, 0x0a);
    for (const [how, chunks] of splits(bytes)) assert.deepEqual(decodeAll('shift_jis', chunks), { text: '日本語\n' }, how);
  });

  it('refuses bytes that are not text in the encoding, naming where', () => {
    const bytes = Buffer.concat([Buffer.from('ok\n'), Buffer.of(0x93, 0xfa, 0x85, 0x40)]); // 0x85 0x40: unassigned
    assert.equal(located(decodeAll('shift_jis', [bytes]).error), 'line 2, byte 5: invalid shift_jis');
  });
});

describe('encoding names', () => {
  it('knows aliases and WHATWG labels, refuses others with a usage error', () => {
    assert.equal(canonicalEncoding('UTF8'), 'utf-8');
    assert.equal(canonicalEncoding('iso8859-1'), 'latin1');
    assert.equal(canonicalEncoding('UTF-16BE'), 'utf-16be');
    assert.equal(canonicalEncoding('ucs-2'), 'utf-16le');
    assert.equal(canonicalEncoding('sjis'), 'shift_jis');
    assert.equal(canonicalEncoding('iso-8859-15'), 'iso-8859-15');
    assert.throws(() => canonicalEncoding('ebcdic'), (e: unknown) => e instanceof UsageError && /^--encoding: unknown encoding "ebcdic" \(utf-8, latin1, cp1252/.test(e.message));
  });
});

describe('Utf8Bytes (readers that scan bytes)', () => {
  it('passes checked UTF-8 through and re-encodes anything else, split anywhere', () => {
    const inputs: [string, Buffer][] = [
      ['utf-8', Buffer.from('\ufeff' + TEXT, 'utf8')],
      ['latin1', Buffer.from('Jos\xe9\n', 'latin1')],
      ['utf-16be', Buffer.from(TEXT, 'utf16le').swap16()],
      ['utf-8', Buffer.from('\ufeff' + TEXT, 'utf16le')],
    ];
    for (const [name, bytes] of inputs) {
      const expected = name === 'latin1' ? 'José\n' : TEXT;
      for (const [how, chunks] of splits(bytes)) {
        const u = new Utf8Bytes(name);
        const out = [...chunks.map((c) => Buffer.from(u.write(c))), Buffer.from(u.end())];
        assert.equal(Buffer.concat(out).toString('utf8'), expected, `${name} ${how}`);
      }
    }
  });
});

describe('kit/io readers on a file', () => {
  const dir = tempDir('jn-encoding-');
  const withFile = <T>(bytes: Buffer, f: (fd: number) => T): T => {
    const path = join(dir, 'input');
    writeFileSync(path, bytes);
    const fd = openSync(path, 'r');
    try {
      return f(fd);
    } finally {
      closeSync(fd);
    }
  };
  /** Lines of a LineReader with a buffer of `size` bytes, and the error. */
  const lines = (bytes: Buffer, encoding: string | undefined, size: number): { lines: string[]; error?: string } =>
    withFile(bytes, (fd) => {
      const reader = new LineReader(fd, encoding, size);
      const out: string[] = [];
      try {
        for (let l = reader.next(); l !== undefined; l = reader.next()) out.push(`${reader.lineNo}:${l}`);
        return { lines: out };
      } catch (e) {
        return { lines: out, error: located(e as Error) };
      }
    });
  const numbered = (text: string): string[] => text.split('\n').map((l, i) => `${i + 1}:${l}`);

  it('LineReader checks UTF-8 with any buffer size, drops a BOM, and stops at the bad line', () => {
    for (const size of [1, 2, 3, 5, 64, 1 << 16]) {
      assert.deepEqual(lines(Buffer.from('\ufeff' + TEXT, 'utf8'), 'utf-8', size), { lines: numbered(TEXT) }, `size ${size}`);
      const bad = Buffer.concat([Buffer.from('\ufeffa\r\nb\nc'), Buffer.of(0xe9), Buffer.from('\nd\n')]);
      assert.deepEqual(lines(bad, 'utf-8', size), { lines: ['1:a', '2:b'], error: `line 3, byte 9: invalid UTF-8 (0xE9); ${HINT}` }, `size ${size}`);
    }
  });

  it('LineReader decodes other encodings and UTF-16 found by its BOM, a newline split from its line', () => {
    for (const size of [1, 2, 3, 5, 1 << 16]) {
      assert.deepEqual(lines(Buffer.from('\ufeff' + TEXT, 'utf16le').swap16(), 'utf-8', size), { lines: numbered(TEXT) }, `size ${size}`);
      assert.deepEqual(lines(Buffer.from(TEXT + '\n', 'utf16le'), 'utf-16le', size), { lines: numbered(TEXT) }, `size ${size}`);
      assert.deepEqual(lines(Buffer.from('Jos\xe9\n\x80', 'latin1'), 'cp1252', size), { lines: ['1:José', '2:€'] }, `size ${size}`);
    }
  });

  it('LineReader without an encoding reads as before: U+FFFD, a BOM kept', () => {
    assert.deepEqual(lines(Buffer.from('\ufeffa\xe9\n'.replace('\xe9', '\ufffd'), 'utf8'), undefined, 4), { lines: ['1:\ufeffa\ufffd'] });
    assert.deepEqual(lines(Buffer.concat([Buffer.from('a'), Buffer.of(0xe9), Buffer.from('\n')]), undefined, 4), { lines: ['1:a\ufffd'] });
    assert.deepEqual(lines(Buffer.from('\ufeffa\n', 'utf8'), undefined, 4), { lines: ['1:\ufeffa'] });
  });

  it('readLines, readText and readUtf8 pass the encoding on', () => {
    const bytes = Buffer.concat([Buffer.of(0xef, 0xbb, 0xbf), Buffer.from('a\nJos'), Buffer.of(0xe9), Buffer.from('\n')]);
    withFile(bytes, (fd) => assert.deepEqual([...readLines(fd, 'latin1')], [['\xef\xbb\xbfa', 1], ['José', 2]]));
    withFile(bytes, (fd) => assert.equal([...readText(fd, 'latin1')].join(''), '\xef\xbb\xbfa\nJosé\n'));
    withFile(bytes, (fd) => assert.equal(Buffer.concat([...readUtf8(fd, 'latin1')]).toString('utf8'), '\xef\xbb\xbfa\nJosé\n'));
    withFile(bytes, (fd) => assert.throws(() => [...readText(fd, 'utf-8')], (e: unknown) => located(e as Error) === `line 2, byte 8: invalid UTF-8 (0xE9); ${HINT}`));
    withFile(bytes, (fd) => assert.equal([...readText(fd)].join(''), '\ufeffa\nJos\ufffd\n'));
  });
});
