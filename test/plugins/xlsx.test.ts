// The xlsx plugin as a process. The workbook read here is not made by
// exceljs: it is written by hand below (the XML parts as Excel writes them,
// zipped by a minimal zip writer on node:zlib), since no other spreadsheet
// program is available on the test machine. It has what real files have:
// shared strings (rich text, a phonetic reading), inline strings, numbers,
// dates under built-in and custom formats, booleans, formulas with cached
// results, an error cell, gaps, and the parts in Excel's order (sheets
// before styles and shared strings).
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { crc32, deflateRawSync } from 'node:zlib';
import { ndjson, plugin, pluginBin, rng, run, tempDir } from '../helpers.js';

// ------------------------------------------------- a hand-made workbook

/** A zip archive (deflated members, UTF-8 names) of the given files. */
function zip(files: [string, string][]): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of files) {
    const data = Buffer.from(text, 'utf8');
    const packed = deflateRawSync(data);
    const crc = crc32(data);
    const nameBuf = Buffer.from(name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt16LE(0x21, 12); // 1980-01-01
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBuf.length, 26);
    parts.push(local, nameBuf, packed);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(0x0800, 8);
    entry.writeUInt16LE(8, 10);
    entry.writeUInt16LE(0x21, 14);
    entry.writeUInt32LE(crc, 16);
    entry.writeUInt32LE(packed.length, 20);
    entry.writeUInt32LE(data.length, 24);
    entry.writeUInt16LE(nameBuf.length, 28);
    entry.writeUInt32LE(offset, 42);
    central.push(entry, nameBuf);
    offset += local.length + nameBuf.length + packed.length;
  }
  const dir = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, dir, end]);
}

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG = 'http://schemas.openxmlformats.org/package/2006/relationships';
const HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** A two-sheet workbook as Excel lays it out. date1904: the Mac date system. */
function handMadeXlsx(date1904 = false): Buffer {
  const shared = [
    'name', 'price', 'day', 'when', 'ok', 'formula', 'inline', 'rich', 'Zoë "quoted" & <tagged>',
    '<r><rPr><b/></rPr><t>bold</t></r><r><t xml:space="preserve"> and plain</t></r>',
    '<t>日本語</t><rPh sb="0" eb="3"><t>ニホンゴ</t></rPh><phoneticPr fontId="1"/>',
    'due',
  ];
  const si = shared.map((s) => (s.startsWith('<') ? `<si>${s}</si>` : `<si><t>${s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</t></si>`));
  const sst = `${HEAD}<sst xmlns="${MAIN}" count="${si.length}" uniqueCount="${si.length}">${si.join('')}</sst>`;
  const s = (ref: string, i: number): string => `<c r="${ref}" t="s"><v>${i}</v></c>`;
  const sheet1 = `${HEAD}<worksheet xmlns="${MAIN}" xmlns:r="${REL}"><dimension ref="A1:I6"/><sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15"/><sheetData>
<row r="1" spans="1:9">${s('A1', 0)}${s('B1', 1)}${s('C1', 2)}${s('D1', 3)}${s('E1', 4)}${s('F1', 5)}${s('G1', 6)}${s('H1', 7)}${s('I1', 11)}</row>
<row r="2" spans="1:9">${s('A2', 8)}<c r="B2"><v>1.5</v></c><c r="C2" s="1"><v>45306</v></c><c r="D2" s="2"><v>45306.5</v></c><c r="E2" t="b"><v>1</v></c><c r="F2"><f>B2*2</f><v>3</v></c><c r="G2" t="inlineStr"><is><t>inline &amp;amp; &lt;x&gt;</t></is></c>${s('H2', 9)}<c r="I2" s="1"><f>C2+14</f><v>45320</v></c></row>
<row r="3" spans="1:9">${s('A3', 10)}<c r="B3"><v>-42</v></c><c r="E3" t="b"><v>0</v></c><c r="F3" t="str"><f>A3&amp;"!"</f><v>日本語!</v></c><c r="G3" t="e"><v>#DIV/0!</v></c></row>
<row r="4" spans="1:9"><c r="A4" s="1"/></row>
<row r="6" spans="1:12"><c r="A6" t="inlineStr"><is><t xml:space="preserve"> spaced </t></is></c><c r="L6"><v>9</v></c></row>
</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`;
  const sheet2 = `${HEAD}<worksheet xmlns="${MAIN}"><sheetData><row r="2"><c r="B2" t="inlineStr"><is><t>k</t></is></c><c r="C2" t="inlineStr"><is><t>2024</t></is></c></row><row r="3"><c r="B3"><v>1</v></c><c r="C3"><v>2</v></c></row></sheetData></worksheet>`;
  const styles = `${HEAD}<styleSheet xmlns="${MAIN}"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd\\ hh:mm"/></numFmts><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>`;
  const workbook = `${HEAD}<workbook xmlns="${MAIN}" xmlns:r="${REL}"><workbookPr${date1904 ? ' date1904="1"' : ''}/><sheets><sheet name="Data &amp; more" sheetId="1" r:id="rId1"/><sheet name="Other" sheetId="2" r:id="rId2"/></sheets></workbook>`;
  const wbRels = `${HEAD}<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL}/worksheet" Target="worksheets/sheet2.xml"/><Relationship Id="rId3" Type="${REL}/styles" Target="styles.xml"/><Relationship Id="rId4" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`;
  const rels = `${HEAD}<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
  const types = `${HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`;
  return zip([
    ['[Content_Types].xml', types],
    ['_rels/.rels', rels],
    ['xl/workbook.xml', workbook],
    ['xl/_rels/workbook.xml.rels', wbRels],
    ['xl/worksheets/sheet1.xml', sheet1],
    ['xl/worksheets/sheet2.xml', sheet2],
    ['xl/styles.xml', styles],
    ['xl/sharedStrings.xml', sst],
  ]);
}

const EXPECTED_SHEET1 = [
  '{"name":"Zoë \\"quoted\\" & <tagged>","price":1.5,"day":"2024-01-15","when":"2024-01-15T12:00:00.000Z","ok":true,"formula":3,"inline":"inline &amp; <x>","rich":"bold and plain","due":"2024-01-29"}',
  '{"name":"日本語","price":-42,"day":null,"when":null,"ok":false,"formula":"日本語!","inline":"#DIV/0!","rich":null,"due":null}',
  '{"name":" spaced ","price":null,"day":null,"when":null,"ok":null,"formula":null,"inline":null,"rich":null,"due":null,"12":9}',
  '',
].join('\n');

/** Run the plugin with a file as stdin (a regular file, as `jn cat` hands it). */
async function fromFile(buf: Buffer, args: string[]) {
  const dir = tempDir('jn-xlsx-');
  const file = join(dir, 'in.xlsx');
  writeFileSync(file, buf);
  return run('bash', ['-c', `exec "${process.execPath}" "${pluginBin('xlsx')}" "$@" < "${file}"`, 'xlsx', ...args]);
}

/** Run `xlsx --mode=write ARGS` with input; the workbook goes to a temp file. */
async function writeXlsx(input: string, args: string[] = []) {
  const dir = tempDir('jn-xlsx-');
  const file = join(dir, 'out.xlsx');
  const res = await run('bash', ['-c', `exec "${process.execPath}" "${pluginBin('xlsx')}" --mode=write "$@" > "${file}"`, 'xlsx', ...args], { input });
  return { ...res, file, bytes: readFileSync(file) };
}

describe('xlsx plugin: metadata', () => {
  it('answers --jn-meta; read buffers (on disk) and says why', async () => {
    const res = await plugin('xlsx', ['--jn-meta']);
    assert.equal(res.code, 0);
    const meta = JSON.parse(res.stdout);
    assert.equal(meta.name, 'xlsx');
    assert.equal(meta.version, '0.1.0');
    assert.equal(meta.role, 'format');
    assert.deepEqual(meta.modes, ['read', 'write']);
    assert.deepEqual(meta.matches, ['\\.xlsx$', '\\.xlsm$']);
    assert.deepEqual(Object.keys(meta.buffers), ['read']);
    assert.match(meta.buffers.read, /zip/);
    assert.deepEqual(
      meta.options.map((o: { name: string }) => o.name),
      ['sheet', 'sheet-index', 'mode', 'range', 'skip-rows', 'skip_rows', 'header-row', 'header_row'],
    );
  });
});

describe('xlsx plugin: read (a workbook not written by exceljs)', () => {
  it('piped input (spooled to a temp file): header row, types, dates, formulas, rich text, gaps', async () => {
    const res = await plugin('xlsx', ['--mode=read'], handMadeXlsx());
    assert.equal(res.stderr, '');
    assert.equal(res.code, 0);
    assert.equal(res.stdout, EXPECTED_SHEET1);
  });

  it('a regular file as stdin is read in place; the result is the same every time', async () => {
    const buf = handMadeXlsx();
    for (let k = 0; k < 3; k++) {
      const res = await fromFile(buf, ['--mode=read']);
      assert.equal(res.stderr, '');
      assert.equal(res.stdout, EXPECTED_SHEET1);
    }
  });

  it('--sheet=NAME and --sheet-index=N; the header may start anywhere; key order follows the columns', async () => {
    const expected = '{"k":1,"2024":2}\n';
    for (const args of [['--sheet=Other'], ['--sheet-index=2']]) {
      const res = await plugin('xlsx', ['--mode=read', ...args], handMadeXlsx());
      assert.equal(res.code, 0, res.stderr);
      assert.equal(res.stdout, expected, args[0]);
    }
    const first = await plugin('xlsx', ['--mode=read', '--sheet=Data & more'], handMadeXlsx());
    assert.equal(first.stdout, EXPECTED_SHEET1);
  });

  it('the 1904 date system', async () => {
    const res = await plugin('xlsx', ['--mode=read'], handMadeXlsx(true));
    assert.equal(res.code, 0, res.stderr);
    const [row] = ndjson(res.stdout) as Record<string, unknown>[];
    assert.equal(row.day, '2028-01-16');
    assert.equal(row.when, '2028-01-16T12:00:00.000Z');
  });

  it('an unknown sheet is an error naming the sheets; sheet options are checked', async () => {
    let res = await plugin('xlsx', ['--mode=read', '--sheet=Nope'], handMadeXlsx());
    assert.equal(res.code, 1);
    assert.equal(res.stderr, 'no sheet named "Nope" (sheets: "Data & more", "Other")\n');
    res = await plugin('xlsx', ['--mode=read', '--sheet-index=3'], handMadeXlsx());
    assert.equal(res.code, 1);
    assert.equal(res.stderr, 'no sheet 3: the workbook has 2 sheets ("Data & more", "Other")\n');
    res = await plugin('xlsx', ['--mode=read', '--sheet=Other', '--sheet-index=1'], handMadeXlsx());
    assert.equal(res.code, 2);
    res = await plugin('xlsx', ['--mode=read', '--sheet-index=0'], handMadeXlsx());
    assert.equal(res.code, 2);
  });

  const bad: [string, () => Buffer, string][] = [
    ['empty input', () => Buffer.alloc(0), 'empty input: not an xlsx file\n'],
    ['a CSV file', () => Buffer.from('a,b\n1,2\n'), 'not an xlsx file (an xlsx is a zip archive, which starts with "PK")\n'],
    ['an old .xls file', () => Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]), 'this is an old binary Excel file (.xls, OLE2), not .xlsx: save it as .xlsx first\n'],
    ['a truncated file', () => handMadeXlsx().subarray(0, 1500), 'truncated or corrupt xlsx file: the zip directory at its end is missing\n'],
    ['a zip without a workbook', () => zip([['hello.txt', 'hi']]), 'not an xlsx file: the zip archive has no workbook (xl/workbook.xml)\n'],
  ];
  for (const [name, make, stderr] of bad) {
    it(`refuses ${name} with one line, exit 1`, async () => {
      const res = await plugin('xlsx', ['--mode=read'], make());
      assert.equal(res.stderr, stderr);
      assert.equal(res.code, 1);
      assert.equal(res.stdout, '');
    });
  }

  it('a corrupt member is reported on one line', async () => {
    const buf = Buffer.from(handMadeXlsx());
    const at = buf.indexOf(Buffer.from('xl/worksheets/sheet1.xml')) + 'xl/worksheets/sheet1.xml'.length;
    buf.fill(0x55, at + 10, at + 60); // garbage inside the deflated sheet
    const res = await plugin('xlsx', ['--mode=read'], buf);
    assert.equal(res.code, 1);
    assert.match(res.stderr, /^invalid xlsx file: /);
    assert.equal(res.stderr.split('\n').length, 2);
  });
});

describe('xlsx plugin: write', () => {
  it('header from the first record (in written order), nested values as JSON text, null as an empty cell', async () => {
    const input = '{"b":"x","2024":1.5,"ok":true,"o":{"k":[1]},"z":null}\n{"b":"y","2024":-2,"ok":false,"o":[1,"a"],"z":"s"}\n';
    const w = await writeXlsx(input, ['--sheet=My data']);
    assert.equal(w.code, 0, w.stderr);
    assert.equal(w.stderr, '');
    assert.equal(w.bytes.subarray(0, 4).toString('latin1'), 'PK\x03\x04');
    const back = await plugin('xlsx', ['--mode=read', '--sheet=My data'], w.bytes);
    assert.equal(back.code, 0, back.stderr);
    assert.equal(back.stdout, '{"b":"x","2024":1.5,"ok":true,"o":"{\\"k\\":[1]}","z":null}\n{"b":"y","2024":-2,"ok":false,"o":"[1,\\"a\\"]","z":"s"}\n');
  });

  it('a key not in the header is an error (line number, exit 1), as in csv', async () => {
    const res = await plugin('xlsx', ['--mode=write'], '{"a":1,"b":2}\n{"a":1}\n{"c":3}\n');
    assert.equal(res.code, 1);
    assert.equal(res.stderr, 'line 3: field "c" is not in the header (a, b); a sheet has one set of columns, taken from the first record — normalise with jn filter first\n');
  });

  it('refuses non-objects, invalid JSON and bad sheet names', async () => {
    let res = await plugin('xlsx', ['--mode=write'], '{"a":1}\n7\n');
    assert.deepEqual([res.code, res.stderr], [1, 'line 2: expected a JSON object, got number\n']);
    res = await plugin('xlsx', ['--mode=write'], '{"a":1}\n{"a":tru}\n');
    assert.equal(res.code, 1);
    assert.match(res.stderr, /^line 2, column 9: invalid JSON: Unexpected token/);
    res = await plugin('xlsx', ['--mode=write', '--sheet=a/b'], '{"a":1}\n');
    assert.deepEqual([res.code, res.stderr], [2, '--sheet: a sheet name cannot contain [ ] : * ? / \\\n']);
  });

  it('no records: a valid workbook with an empty sheet', async () => {
    const w = await writeXlsx('');
    assert.equal(w.code, 0, w.stderr);
    const back = await plugin('xlsx', ['--mode=read'], w.bytes);
    assert.deepEqual([back.code, back.stdout, back.stderr], [0, '', '']);
  });
});

/** Seeded records with values an xlsx cell keeps exactly. */
function records(seed: number, count: number): Record<string, unknown>[] {
  const r = rng(seed);
  const pick = <T>(xs: T[]): T => xs[Math.floor(r() * xs.length)];
  const words = ['plain', 'say "hi"', "it's", '&amp;', '<b>', 'a & b', 'new\nline', 'tab\there', '日本語', 'café', '😀', ' lead', 'trail ', '=1+1', '007', '1e5', 'true', ''];
  const out: Record<string, unknown>[] = [];
  for (let i = 0; i < count; i++) {
    out.push({
      id: i,
      name: pick(words) + pick(words),
      price: Math.round(r() * 1e6) / 100,
      neg: -Math.floor(r() * 1e9) || 0,
      tiny: r() * 1e-9,
      ok: r() < 0.5,
      maybe: r() < 0.3 ? null : pick(words),
      nested: JSON.stringify({ k: pick(words), l: [1, 2] }),
    });
  }
  return out;
}

describe('xlsx plugin: round trip', () => {
  it('seeded records: write -> read gives the same values', async () => {
    const recs = records(11, 2000);
    const input = recs.map((r) => JSON.stringify(r)).join('\n') + '\n';
    const w = await writeXlsx(input);
    assert.equal(w.code, 0, w.stderr);
    assert.equal(w.stderr, '');
    const res = await run('bash', ['-c', `"${process.execPath}" "${pluginBin('xlsx')}" --mode=read < "${w.file}"`]);
    assert.equal(res.code, 0, res.stderr);
    assert.equal(res.stdout, input);
  });

  it('multi-byte text split between compressed chunks comes back whole (plain exceljs breaks it)', async () => {
    const words = ['日本語', 'café', '😀', 'plain'];
    let input = '';
    for (let i = 0; i < 20_000; i++) input += JSON.stringify({ id: i, t: words[i % 4].repeat(1 + (i % 7)) }) + '\n';
    const w = await writeXlsx(input);
    assert.equal(w.code, 0, w.stderr);
    const res = await plugin('xlsx', ['--mode=read'], w.bytes);
    assert.equal(res.code, 0, res.stderr);
    assert.ok(!res.stdout.includes('\uFFFD'));
    assert.equal(res.stdout, input);
  });

  it('what does not survive: control characters, CR, nesting (JSON text), an all-null record', async () => {
    const input = '{"a":"x\\r\\ny","b":"c\\u0001d","c":{"k":1}}\n{"a":null,"b":null,"c":null}\n{"a":"last","b":"","c":[]}\n';
    const w = await writeXlsx(input);
    assert.equal(w.code, 0, w.stderr);
    const res = await plugin('xlsx', ['--mode=read'], w.bytes);
    assert.equal(res.stdout, '{"a":"x\\ny","b":"cd","c":"{\\"k\\":1}"}\n{"a":"last","b":"","c":"[]"}\n');
  });

  it('`xlsx --mode=read < big.xlsx | head -n 1` ends quietly with status 0', async () => {
    let input = '';
    for (let i = 0; i < 60_000; i++) input += `{"id":${i},"name":"row ${i}","v":${i * 1.5}}\n`;
    const w = await writeXlsx(input);
    assert.equal(w.code, 0, w.stderr);
    const res = await run('bash', ['-c', `"${process.execPath}" "${pluginBin('xlsx')}" --mode=read < "${w.file}" | head -n 1; echo "status=\${PIPESTATUS[0]}"`]);
    assert.equal(res.stderr, '');
    assert.equal(res.stdout, '{"id":0,"name":"row 0","v":0}\nstatus=0\n');
  });
});
