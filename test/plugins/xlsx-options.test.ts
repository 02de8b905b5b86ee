// The xlsx plugin's read options (as JN's: ?sheet=N 0-based, ?skip_rows,
// ?header_row, ?range, ?mode=table|raw|stats), .xlsm files, formula cells'
// cached values, and `jn put x.xlsx` + `jn cat x.xlsx` giving the records
// back. The workbook is written by hand (the XML parts as Excel lays them
// out: a title merged over A1:C1, a table from row 3 with formulas and their
// cached results, a hidden row and column, a note, a named table, a chart
// sheet, a sheet named "2024") and zipped by Python's zipfile (python3 is
// already needed by xlsx-openpyxl.test.ts).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { jn, ndjson, plugin, rng, tempDir } from '../helpers.ts';

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG = 'http://schemas.openxmlformats.org/package/2006/relationships';
const HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

const rels = (list: [string, string, string][]): string =>
  `${HEAD}<Relationships xmlns="${PKG}">${list.map(([id, type, target]) => `<Relationship Id="${id}" Type="${REL}/${type}" Target="${target}"/>`).join('')}</Relationships>`;
const str = (ref: string, text: string, s = ''): string => `<c r="${ref}" t="inlineStr"${s}><is><t>${text}</t></is></c>`;
const num = (ref: string, v: number | string, s = ''): string => `<c r="${ref}"${s}><v>${v}</v></c>`;

/** The parts of the workbook; xlsm: as a macro-enabled workbook (with a VBA part). */
function parts(xlsm: boolean): [string, string][] {
  const data = `${HEAD}<worksheet xmlns="${MAIN}" xmlns:r="${REL}"><dimension ref="A1:F6"/><cols><col min="5" max="5" width="12" hidden="1" customWidth="1"/></cols><sheetData>
<row r="1">${str('A1', 'Sales report')}<c r="B1" s="2"/><c r="C1" s="2"/></row>
<row r="3">${str('A3', 'name')}${str('B3', 'qty')}${str('C3', 'price')}${str('D3', 'total')}${str('E3', 'when')}</row>
<row r="4"><c r="A4" t="s"><v>0</v></c>${num('B4', 2)}${num('C4', 1.5, ' s="3"')}<c r="D4"><f>B4*C4</f><v>3</v></c>${num('E4', 45306, ' s="1"')}</row>
<row r="5"><c r="A5" t="s"><v>1</v></c>${num('B5', 3)}${num('C5', 2, ' s="3"')}<c r="D5"><f t="shared" ref="D5:D6" si="0">B5*C5</f><v>6</v></c><c r="E5" s="1"><f>E4+1</f><v>45307</v></c>${num('F5', 9)}</row>
<row r="6" hidden="1">${str('A6', 'c')}${num('B6', 1)}${num('C6', 4, ' s="3"')}<c r="D6"><f t="shared" si="0"/><v>4</v></c></row>
</sheetData><mergeCells count="1"><mergeCell ref="A1:C1"/></mergeCells><tableParts count="1"><tablePart r:id="rId2"/></tableParts></worksheet>`;
  const year = `${HEAD}<worksheet xmlns="${MAIN}"><sheetData>
<row r="1">${str('A1', 'k')}${str('B1', 'flag')}</row>
<row r="2">${num('A2', 1)}<c r="B2" t="b"><f>A2=1</f><v>1</v></c></row>
<row r="3">${num('A3', 2)}<c r="B3" t="str"><f>"x"&amp;A3</f><v>x2</v></c></row>
<row r="4">${num('A4', 3)}<c r="B4" t="e"><f>1/0</f><v>#DIV/0!</v></c></row>
<row r="5">${num('A5', 4)}<c r="B5"><f>A5*2</f></c></row>
</sheetData></worksheet>`;
  const notes = `${HEAD}<worksheet xmlns="${MAIN}"><sheetData/></worksheet>`;
  // rows and cells without their r attribute (allowed; some writers omit it)
  const noRefs = `${HEAD}<worksheet xmlns="${MAIN}"><sheetData><row><c t="inlineStr"><is><t>x</t></is></c><c t="inlineStr"><is><t>y</t></is></c></row><row><c><v>1</v></c><c r="C2"><v>3</v></c><c><v>4</v></c></row></sheetData></worksheet>`;
  const comments = `${HEAD}<comments xmlns="${MAIN}"><authors><author>Ann</author></authors><commentList><comment ref="B4" authorId="0"><text><r><t>Ann:</t></r><r><t xml:space="preserve"> check this</t></r></text></comment></commentList></comments>`;
  const table = `${HEAD}<table xmlns="${MAIN}" id="1" name="Sales" displayName="Sales" ref="A3:E6"><autoFilter ref="A3:E6"/><tableColumns count="5"><tableColumn id="1" name="name"/><tableColumn id="2" name="qty"/><tableColumn id="3" name="price"/><tableColumn id="4" name="total"/><tableColumn id="5" name="when"/></tableColumns></table>`;
  const sst = `${HEAD}<sst xmlns="${MAIN}" count="2" uniqueCount="2"><si><t>a</t></si><si><r><t>b</t></r></si></sst>`;
  const styles = `${HEAD}<styleSheet xmlns="${MAIN}"><numFmts count="1"><numFmt numFmtId="164" formatCode="&quot;$&quot;#,##0.00"/></numFmts><cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="0" applyAlignment="1"/><xf numFmtId="164" applyNumberFormat="1"/></cellXfs></styleSheet>`;
  const workbook = `${HEAD}<workbook xmlns="${MAIN}" xmlns:r="${REL}"><workbookPr/><sheets><sheet name="Data" sheetId="1" r:id="rId1"/><sheet name="Chart" sheetId="4" r:id="rId6"/><sheet name="2024" sheetId="2" r:id="rId2"/><sheet name="Notes" sheetId="3" r:id="rId3"/><sheet name="NoRefs" sheetId="5" r:id="rId8"/></sheets></workbook>`;
  const main = xlsm ? 'application/vnd.ms-excel.sheet.macroEnabled.main+xml' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml';
  const types = `${HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/><Override PartName="/xl/workbook.xml" ContentType="${main}"/></Types>`;
  const out: [string, string][] = [
    ['[Content_Types].xml', types],
    ['_rels/.rels', rels([['rId1', 'officeDocument', 'xl/workbook.xml']])],
    ['xl/workbook.xml', workbook],
    [
      'xl/_rels/workbook.xml.rels',
      rels([
        ['rId1', 'worksheet', 'worksheets/sheet1.xml'],
        ['rId2', 'worksheet', 'worksheets/sheet2.xml'],
        ['rId3', 'worksheet', 'worksheets/sheet3.xml'],
        ['rId4', 'styles', 'styles.xml'],
        ['rId5', 'sharedStrings', 'sharedStrings.xml'],
        ['rId6', 'chartsheet', 'chartsheets/sheet1.xml'],
        ['rId8', 'worksheet', 'worksheets/sheet4.xml'],
        ...(xlsm ? ([['rId7', 'vbaProject', 'vbaProject.bin']] as [string, string, string][]) : []),
      ]),
    ],
    ['xl/worksheets/sheet1.xml', data],
    ['xl/worksheets/_rels/sheet1.xml.rels', rels([['rId1', 'comments', '../comments1.xml'], ['rId2', 'table', '../tables/table1.xml']])],
    ['xl/worksheets/sheet2.xml', year],
    ['xl/worksheets/sheet3.xml', notes],
    ['xl/worksheets/sheet4.xml', noRefs],
    ['xl/chartsheets/sheet1.xml', `${HEAD}<chartsheet xmlns="${MAIN}"/>`],
    ['xl/comments1.xml', comments],
    ['xl/tables/table1.xml', table],
    ['xl/styles.xml', styles],
    ['xl/sharedStrings.xml', sst],
  ];
  if (xlsm) out.push(['xl/vbaProject.bin', 'not really VBA']);
  return out;
}

/** The workbook as a file in a new temp dir (zipped by Python's zipfile). */
function workbookFile(name = 'book.xlsx'): string {
  const dir = tempDir('jn-xlsx-opt-');
  const src = join(dir, 'parts');
  const files = parts(name.endsWith('.xlsm'));
  for (const [path, text] of files) {
    mkdirSync(dirname(join(src, path)), { recursive: true });
    writeFileSync(join(src, path), text);
  }
  const file = join(dir, name);
  const py = 'import sys, zipfile\nwith zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:\n    for p in sys.argv[3:]: z.write(sys.argv[2] + "/" + p, p)\n';
  execFileSync('/usr/bin/python3', ['-c', py, file, src, ...files.map(([p]) => p)]);
  return file;
}

const env = (dir: string) => ({ env: { ...process.env, JN_HOME: join(dir, 'home') } });

/** `jn cat ADDRESS` of the workbook: status, records, stderr. */
async function cat(query: string, name = 'book.xlsx') {
  const file = workbookFile(name);
  const r = await jn(['cat', file + query], env(dirname(file)));
  return { code: r.code, records: r.code === 0 ? ndjson(r.stdout) : [], stderr: r.stderr.replaceAll(file, name) };
}

const TABLE = [
  { name: 'a', qty: 2, price: 1.5, total: 3, when: '2024-01-15' },
  { name: 'b', qty: 3, price: 2, total: 6, when: '2024-01-16', 6: 9 },
  { name: 'c', qty: 1, price: 4, total: 4, when: null },
];

describe('xlsx read: where the table is', () => {
  it('by default the first non-empty row is the header (here the title)', async () => {
    const r = await cat('');
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.records[0], { 'Sales report': 'name', 2: 'qty', 3: 'price', 4: 'total', 5: 'when' });
  });

  it('skip_rows / skip-rows, header_row / header-row: the table under its header; formulas give their cached results', async () => {
    for (const q of ['?skip_rows=2', '?skip-rows=1', '?header_row=3', '?header-row=3']) {
      const r = await cat(q);
      assert.equal(r.code, 0, `${q}: ${r.stderr}`);
      assert.deepEqual(r.records, TABLE, q);
    }
  });

  it('range=A3:E6 keeps to the range; its columns are the columns; header_row counts in the range', async () => {
    const inside = TABLE.map(({ 6: _, ...rest }) => rest);
    for (const q of ['?range=A3:E6', '?range=A2:E6&header_row=2', "?range='Data'!A3:E6", '?range=a3:e6']) {
      const r = await cat(q);
      assert.equal(r.code, 0, `${q}: ${r.stderr}`);
      assert.deepEqual(r.records, inside, q);
    }
    const cols = await cat('?range=A:C&skip_rows=2');
    assert.deepEqual(cols.records, [
      { name: 'a', qty: 2, price: 1.5 },
      { name: 'b', qty: 3, price: 2 },
      { name: 'c', qty: 1, price: 4 },
    ]);
    const rows = await cat('?range=3:4');
    assert.deepEqual(rows.records, [TABLE[0]]);
    const empty = await cat('?range=B2:D5&header_row=1');
    assert.deepEqual(empty.records, [
      { 1: 'qty', 2: 'price', 3: 'total' },
      { 1: 2, 2: 1.5, 3: 3 },
      { 1: 3, 2: 2, 3: 6 },
    ]);
  });
});

describe('xlsx read: choosing the sheet', () => {
  it('sheet=N is 0-based as in JN (chart sheets do not count); a sheet named by digits is that name; sheet-index stays 1-based', async () => {
    const year = [
      { k: 1, flag: true },
      { k: 2, flag: 'x2' },
      { k: 3, flag: '#DIV/0!' },
      { k: 4, flag: null },
    ];
    for (const q of ['?sheet=1', '?sheet=2024', '?sheet-index=2', '?range=2024!A1:B5']) {
      const r = await cat(q);
      assert.equal(r.code, 0, `${q}: ${r.stderr}`);
      assert.deepEqual(r.records, year, q);
    }
    const first = await cat('?sheet=0&skip_rows=2');
    assert.deepEqual(first.records, TABLE);
    const notes = await cat('?sheet=2');
    assert.deepEqual([notes.code, notes.records], [0, []]);
  });

  it('rows and cells without an r attribute follow the one before', async () => {
    const r = await cat('?sheet=NoRefs');
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.records, [{ x: 1, y: null, 3: 3, 4: 4 }]);
  });

  it('an .xlsm (macro-enabled workbook) reads as an xlsx', async () => {
    const r = await cat('?skip_rows=2', 'book.xlsm');
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.records, TABLE);
  });
});

describe('xlsx read: mode=stats and mode=raw', () => {
  it('mode=stats: a record per worksheet as JN gives it', async () => {
    const r = await cat('?mode=stats');
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.records, [
      {
        sheet: 'Data', index: 0, dimensions: 'A1:F6', rows: 6, cols: 6, min_row: 1, max_row: 6, min_col: 1, max_col: 6,
        merged_ranges: ['A1:C1'], named_tables: [{ name: 'Sales', range: 'A3:E6' }],
        first_row: ['Sales report', null, null, null, null, null], first_col: ['Sales report', null, 'name', 'a', 'b', 'c'],
      },
      {
        sheet: '2024', index: 1, dimensions: 'A1:B5', rows: 5, cols: 2, min_row: 1, max_row: 5, min_col: 1, max_col: 2,
        merged_ranges: [], named_tables: [], first_row: ['k', 'flag'], first_col: ['k', 1, 2, 3, 4],
      },
      {
        sheet: 'Notes', index: 2, dimensions: '', rows: 0, cols: 0, min_row: 0, max_row: 0, min_col: 0, max_col: 0,
        merged_ranges: [], named_tables: [], first_row: [], first_col: [],
      },
      {
        sheet: 'NoRefs', index: 3, dimensions: 'A1:D2', rows: 2, cols: 4, min_row: 1, max_row: 2, min_col: 1, max_col: 4,
        merged_ranges: [], named_tables: [], first_row: ['x', 'y', null, null], first_col: ['x', 1],
      },
    ]);
    const one = await cat('?mode=stats&sheet=Notes');
    assert.deepEqual(one.records.map((x) => (x as { sheet: string }).sheet), ['Notes']);
  });

  it('mode=raw: a record per cell with merge, hidden, comment and number format', async () => {
    const r = await cat('?mode=raw&range=Data!A1:C4');
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.records, [
      { sheet: 'Data', row: 1, col: 1, ref: 'A1', value: 'Sales report', type: 's', merge: 'A1:C1', merge_origin: true },
      { sheet: 'Data', row: 1, col: 2, ref: 'B1', value: null, type: 'n', merge: 'A1:C1', merge_origin: false },
      { sheet: 'Data', row: 1, col: 3, ref: 'C1', value: null, type: 'n', merge: 'A1:C1', merge_origin: false },
      { sheet: 'Data', row: 3, col: 1, ref: 'A3', value: 'name', type: 's' },
      { sheet: 'Data', row: 3, col: 2, ref: 'B3', value: 'qty', type: 's' },
      { sheet: 'Data', row: 3, col: 3, ref: 'C3', value: 'price', type: 's' },
      { sheet: 'Data', row: 4, col: 1, ref: 'A4', value: 'a', type: 's' },
      { sheet: 'Data', row: 4, col: 2, ref: 'B4', value: 2, type: 'n', comment: 'Ann: check this' },
      { sheet: 'Data', row: 4, col: 3, ref: 'C4', value: 1.5, type: 'n', format: '"$"#,##0.00' },
    ]);
    const hidden = await cat('?mode=raw&sheet=0&range=D5:E6');
    assert.deepEqual(hidden.records, [
      { sheet: 'Data', row: 5, col: 4, ref: 'D5', value: 6, type: 'n' },
      { sheet: 'Data', row: 5, col: 5, ref: 'E5', value: '2024-01-16', type: 'd', hidden: true, format: 'mm-dd-yy' },
      { sheet: 'Data', row: 6, col: 4, ref: 'D6', value: 4, type: 'n', hidden: true },
    ]);
    const all = await cat('?mode=raw');
    const sheets = new Set(all.records.map((x) => (x as { sheet: string }).sheet));
    assert.deepEqual([...sheets], ['Data', '2024', 'NoRefs'], 'every worksheet by default');
    const corner = await cat('?mode=raw&range=A1:A1');
    assert.deepEqual(corner.records.map((x) => (x as { value: unknown }).value), ['Sales report', 'k', 'x'], 'the range in every sheet');
    assert.deepEqual(all.records.at(-1), { sheet: 'NoRefs', row: 2, col: 4, ref: 'D2', value: 4, type: 'n' });
  });
});

describe('xlsx read: bad options are one line naming the option', () => {
  const cases: [string, number, string][] = [
    ['?range=A1-B2', 2, 'jn: xlsx read: book.xlsx?range=A1-B2: --range: expected A1:D20, A:D or 1:20 (optionally after Sheet!), got "A1-B2"\n'],
    ['?mode=cells', 2, 'jn: xlsx read: book.xlsx?mode=cells: --mode: expected table, raw or stats, got "cells"\n'],
    ['?sheet=7', 3, 'jn: xlsx read: book.xlsx?sheet=7: no sheet 7 (counted from 0): the workbook has 4 sheets ("Data", "2024", "Notes", "NoRefs")\n'],
    ['?sheet=Nope', 3, 'jn: xlsx read: book.xlsx?sheet=Nope: no sheet named "Nope" (sheets: "Data", "2024", "Notes", "NoRefs")\n'],
    ['?skip_rows=1&header_row=2', 2, 'jn: xlsx read: book.xlsx?skip_rows=1&header_row=2: give --skip_rows or --header_row, not both (the header row is counted from the top)\n'],
    ['?skip_rows=1&skip-rows=1', 2, 'jn: xlsx read: book.xlsx?skip_rows=1&skip-rows=1: give --skip-rows or --skip_rows, not both\n'],
    ['?header_row=0', 2, 'jn: xlsx read: book.xlsx?header_row=0: --header_row: expected 1 or more (rows are counted from 1)\n'],
    ['?skip-rows=x', 2, 'jn: xlsx read: book.xlsx?skip-rows=x: --skip-rows: expected a non-negative integer, got "x"\n'],
    ['?mode=raw&header_row=2', 2, 'jn: xlsx read: book.xlsx?mode=raw&header_row=2: --header_row is for mode=table, not mode=raw\n'],
    ['?mode=stats&range=A1:B2', 2, 'jn: xlsx read: book.xlsx?mode=stats&range=A1:B2: --range is for mode=table and mode=raw, not mode=stats\n'],
    ['?sheet=Data&range=Notes!A1:B2', 2, 'jn: xlsx read: book.xlsx?sheet=Data&range=Notes!A1:B2: --range names sheet "Notes" but --sheet is "Data"\n'],
    ['?header_row=2', 3, 'jn: xlsx read: book.xlsx?header_row=2: --header_row: row 2 of the sheet is empty (no header to read)\n'],
  ];
  for (const [q, code, stderr] of cases) {
    it(q, async () => {
      const r = await cat(q);
      assert.deepEqual([r.code, r.stderr], [code, stderr]);
    });
  }

  it('write refuses the read options', async () => {
    for (const name of ['mode', 'range', 'skip_rows', 'header-row']) {
      const r = await plugin('xlsx', ['--mode=write', `--${name}=1`], '{"a":1}\n');
      assert.deepEqual([r.code, r.stderr], [2, `--${name} is for read mode\n`]);
    }
  });
});

describe('xlsx: jn put then jn cat gives the records back', () => {
  it('seeded records, through jn (also as .xlsm, the same content)', async () => {
    const dir = tempDir('jn-xlsx-rt-');
    const r = rng(20260314);
    const words = ['plain', 'café', '日本語', 'a, b', 'say "hi"', '<tag> & co', '007', 'true', '=1+1', 'new\nline'];
    const recs = Array.from({ length: 500 }, (_, i) => ({
      id: i,
      word: words[Math.floor(r() * words.length)],
      amount: Math.round(r() * 1e6) / 100,
      neg: -Math.floor(r() * 1e6),
      ok: r() < 0.5,
      maybe: r() < 0.3 ? null : words[Math.floor(r() * words.length)],
    }));
    const input = recs.map((x) => JSON.stringify(x)).join('\n') + '\n';
    const file = join(dir, 'out.xlsx');
    const put = await jn(['put', file], { ...env(dir), input });
    assert.equal(put.code, 0, put.stderr);
    const back = await jn(['cat', file], env(dir));
    assert.equal(back.code, 0, back.stderr);
    assert.equal(back.stdout, input);
    const stats = await jn(['cat', `${file}?mode=stats`], env(dir));
    const [s] = ndjson(stats.stdout) as { rows: number; cols: number }[];
    assert.deepEqual([s.rows, s.cols], [501, 6]);
  });
});
