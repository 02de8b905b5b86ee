// An .xlsx written by a different library (Python's openpyxl, from Debian's
// python3-openpyxl, installed by .ci/run) reads correctly through jn.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { jn, ndjson, tempDir } from '../helpers.ts';

const python = '/usr/bin/python3';
const hasOpenpyxl = spawnSync(python, ['-c', 'import openpyxl'], { stdio: 'ignore' }).status === 0;

describe('xlsx written by openpyxl', () => {
  it('openpyxl is installed (.ci/run installs python3-openpyxl)', () => {
    assert.ok(hasOpenpyxl, 'apt-get install python3-openpyxl');
  });

  it('reads the chosen sheet with header, types, dates, empty cells and unicode', async () => {
    const dir = tempDir();
    const file = join(dir, 'book.xlsx');
    execFileSync(python, [
      '-c',
      `
import datetime, openpyxl, sys
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "First"
ws.append(["x"])
ws.append([1])
data = wb.create_sheet("Data")
data.append(["name", "qty", "price", "when", "ok", "note"])
data.append(["Ann", 3, 9.5, datetime.datetime(2024, 1, 15), True, "日本語 😀"])
data.append(["Bob", -2, 0.125, datetime.datetime(2024, 2, 29, 13, 45, 30), False, None])
data.append(["Cy, \\"quoted\\"", 1000000, 1e-3, None, None, "line1\\nline2"])
wb.save(sys.argv[1])
`,
      file,
    ]);
    const r = await jn(['cat', `${file}?sheet=Data`], { env: { ...process.env, JN_HOME: join(dir, 'home') } });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(ndjson(r.stdout), [
      { name: 'Ann', qty: 3, price: 9.5, when: '2024-01-15', ok: true, note: '日本語 😀' },
      { name: 'Bob', qty: -2, price: 0.125, when: '2024-02-29T13:45:30.000Z', ok: false, note: null },
      { name: 'Cy, "quoted"', qty: 1000000, price: 0.001, when: null, ok: null, note: 'line1\nline2' },
    ]);
    const first = await jn(['cat', file], { env: { ...process.env, JN_HOME: join(dir, 'home') } });
    assert.equal(first.stdout, '{"x":1}\n', 'the first sheet by default');
  });
});
