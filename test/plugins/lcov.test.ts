// The lcov plugin: LCOV tracefiles (.info, .lcov, ~lcov) as records per
// function (default), file, line or branch, in JN's lcov plugin's shapes.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { jn, ndjson, plugin, pluginBin, rng, tempDir, waitFor } from '../helpers.ts';

// Two blocks: lcov 1.x style (FN:<line>,<name>, a test name, totals, a DA
// checksum, a branch never evaluated: -) and coverage.py style (FN with an
// end line); a C++ name with commas; lcov 2.2's FNL/FNA.
const TRACE = `TN:unit
SF:/src/app/calc.c
FN:3,add
FN:9,mul<int, long>
FNDA:5,add
FNDA:0,mul<int, long>
FNF:2
FNH:1
DA:3,5
DA:4,5,Xs2Q
DA:9,0
DA:10,0
LF:4
LH:2
BRDA:4,0,0,3
BRDA:4,0,1,-
BRF:2
BRH:1
end_of_record
SF:src/jn/core.py
FN:1,6,load
FNDA:2,load
FNL:1,8,9
FNA:1,0,save
DA:1,2
DA:2,2
DA:5,0
DA:8,0
BRDA:2,0,jump to line 5,1
BRDA:2,0,return,0
end_of_record
`;

const FUNCTIONS = [
  {
    file: '/src/app/calc.c', filename: 'calc.c', function: 'add', start_line: 3, end_line: 3, lines: 1, total_lines: 1, executed_lines: 1, missing_lines: 0,
    coverage: 100, hit_count: 5, executed: true, total_branches: 0, taken_branches: 0, partial_branches: 0, branch_coverage: 0,
  },
  {
    file: '/src/app/calc.c', filename: 'calc.c', function: 'mul<int, long>', start_line: 9, end_line: 9, lines: 1, total_lines: 1, executed_lines: 0, missing_lines: 1,
    coverage: 0, hit_count: 0, executed: false, total_branches: 0, taken_branches: 0, partial_branches: 0, branch_coverage: 0,
  },
  {
    file: 'src/jn/core.py', filename: 'core.py', function: 'load', start_line: 1, end_line: 6, lines: 6, total_lines: 3, executed_lines: 2, missing_lines: 1,
    coverage: (2 / 3) * 100, hit_count: 2, executed: true, total_branches: 2, taken_branches: 1, partial_branches: 1, branch_coverage: 50,
  },
  {
    file: 'src/jn/core.py', filename: 'core.py', function: 'save', start_line: 8, end_line: 9, lines: 2, total_lines: 1, executed_lines: 0, missing_lines: 1,
    coverage: 0, hit_count: 0, executed: false, total_branches: 0, taken_branches: 0, partial_branches: 0, branch_coverage: 0,
  },
];

function traceFile(text: string, name = 'coverage.info'): string {
  const dir = tempDir('jn-lcov-');
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

async function cat(address: string) {
  const r = await jn(['cat', address]);
  return { ...r, records: r.code === 0 ? ndjson(r.stdout) : [] };
}

describe('lcov plugin', () => {
  it('answers --jn-meta: .info and .lcov, read only, --mode and --encoding', async () => {
    const meta = JSON.parse((await plugin('lcov', ['--jn-meta'])).stdout);
    assert.deepEqual([meta.name, meta.role, meta.modes, meta.matches], ['lcov', 'format', ['read'], ['\\.info$', '\\.lcov$']]);
    assert.deepEqual(meta.options.map((o: { name: string }) => o.name), ['mode', 'encoding']);
  });

  it('functions (the default): per function, the coverage of its lines and branches; the key order as JN', async () => {
    const r = await cat(traceFile(TRACE));
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.records, FUNCTIONS);
    assert.deepEqual(Object.keys(r.records[0] as object), Object.keys(FUNCTIONS[0]));
    const again = await cat(traceFile(TRACE) + '?mode=functions');
    assert.deepEqual(again.records, FUNCTIONS);
  });

  it('mode=files: per source file, totals and function names', async () => {
    const r = await cat(traceFile(TRACE) + '?mode=files');
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.records, [
      {
        file: '/src/app/calc.c', filename: 'calc.c', total_lines: 4, executed_lines: 2, coverage: 50, total_branches: 2, taken_branches: 1, branch_coverage: 50,
        total_functions: 2, executed_functions: 1, function_coverage: 50, functions: ['add', 'mul<int, long>'],
      },
      {
        file: 'src/jn/core.py', filename: 'core.py', total_lines: 4, executed_lines: 2, coverage: 50, total_branches: 2, taken_branches: 1, branch_coverage: 50,
        total_functions: 2, executed_functions: 1, function_coverage: 50, functions: ['load', 'save'],
      },
    ]);
  });

  it('mode=lines and mode=branches: one record per DA and per BRDA line (- is 0 hits)', async () => {
    const lines = await cat(traceFile(TRACE) + '?mode=lines');
    assert.equal(lines.code, 0, lines.stderr);
    assert.equal(lines.records.length, 8);
    assert.deepEqual(lines.records[1], { file: '/src/app/calc.c', filename: 'calc.c', line: 4, hits: 5, executed: true });
    assert.deepEqual(lines.records[6], { file: 'src/jn/core.py', filename: 'core.py', line: 5, hits: 0, executed: false });
    const branches = await cat(traceFile(TRACE) + '?mode=branches');
    assert.deepEqual(branches.records, [
      { file: '/src/app/calc.c', filename: 'calc.c', line: 4, block: 0, branch: '0', hits: 3, taken: true },
      { file: '/src/app/calc.c', filename: 'calc.c', line: 4, block: 0, branch: '1', hits: 0, taken: false },
      { file: 'src/jn/core.py', filename: 'core.py', line: 2, block: 0, branch: 'jump to line 5', hits: 1, taken: true },
      { file: 'src/jn/core.py', filename: 'core.py', line: 2, block: 0, branch: 'return', hits: 0, taken: false },
    ]);
  });

  it('.lcov files and ~lcov read the same; jn cannot write lcov', async () => {
    const lcov = await cat(traceFile(TRACE, 'coverage.lcov'));
    assert.deepEqual(lcov.records, FUNCTIONS);
    const named = await cat(traceFile(TRACE, 'cov.txt') + '~lcov?mode=files');
    assert.equal(named.records.length, 2);
    const put = await jn(['put', join(tempDir(), 'x.info')], { input: '{"a":1}\n' });
    assert.equal(put.code, 2);
  });

  it('a CRLF file, a last block without end_of_record, lines before the first SF', async () => {
    const text = 'VER:2\r\nTN:\r\nSF:a/b.js\r\nDA:1,1\r\nDA:2,0\r\n';
    const r = await cat(traceFile(text) + '?mode=files');
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.records, [
      { file: 'a/b.js', filename: 'b.js', total_lines: 2, executed_lines: 1, coverage: 50, total_branches: 0, taken_branches: 0, branch_coverage: 0, total_functions: 0, executed_functions: 0, function_coverage: 0, functions: [] },
    ]);
  });

  it('errors are one line naming the source and line; a bad mode names --mode', async () => {
    const file = traceFile('SF:x.c\nDA:1,1\nDA:two,1\nend_of_record\n');
    let r = await jn(['cat', file]);
    assert.deepEqual([r.code, r.stderr], [3, `jn: lcov read: ${file}: line 3: DA line: expected an integer, got "two"\n`]);
    r = await jn(['cat', traceFile('SF:x.c\nBRDA:1,0\n')]);
    assert.match(r.stderr, /: line 2: BRDA: expected BRDA:<line>,<block>,<branch>,<hits>, got "BRDA:1,0"\n$/);
    const bad = traceFile(TRACE) + '?mode=file';
    r = await jn(['cat', bad]);
    assert.deepEqual([r.code, r.stderr], [2, `jn: lcov read: ${bad}: --mode: expected functions, files, lines, branches, got "file"\n`]);
  });

  it('?encoding= for a tracefile that is not UTF-8', async () => {
    const file = traceFile('');
    writeFileSync(file, Buffer.from('SF:/src/café.c\nDA:1,1\nend_of_record\n', 'latin1'));
    const r = await cat(file + '?mode=lines&encoding=latin1');
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.records, [{ file: '/src/café.c', filename: 'café.c', line: 1, hits: 1, executed: true }]);
  });

  it('streams: a block is written when it ends, before the input does', async () => {
    const child = spawn(process.execPath, [pluginBin('lcov'), '--mode=read', '--mode=files'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.stdin.write('SF:first.c\nDA:1,1\nend_of_record\nSF:second.c\n');
    try {
      await waitFor(() => out.includes('"first.c"'), { timeoutMs: 20_000 });
      assert.ok(!out.includes('second.c'));
    } finally {
      child.stdin.end();
    }
    await new Promise((resolve) => child.on('close', resolve));
    assert.match(out, /"second\.c"/);
  });

  it('seeded tracefile: the totals are those of the entries', async () => {
    const r = rng(4242);
    let text = '';
    const expected: { file: string; total_lines: number; executed_lines: number; total_functions: number }[] = [];
    for (let f = 0; f < 40; f++) {
      const file = `src/m${f % 5}/f${f}.ts`;
      text += `TN:\nSF:${file}\n`;
      const nLines = 1 + Math.floor(r() * 300);
      let hit = 0;
      const nFns = Math.floor(r() * 10);
      for (let k = 0; k < nFns; k++) text += `FN:${k * 10 + 1},${k * 10 + 9},fn${k}\nFNDA:${Math.floor(r() * 3)},fn${k}\n`;
      for (let l = 1; l <= nLines; l++) {
        const hits = r() < 0.7 ? Math.floor(r() * 50) + 1 : 0;
        if (hits > 0) hit++;
        text += `DA:${l},${hits}\n`;
      }
      text += `LF:${nLines}\nLH:${hit}\nend_of_record\n`;
      expected.push({ file, total_lines: nLines, executed_lines: hit, total_functions: nFns });
    }
    const res = await cat(traceFile(text) + '?mode=files');
    assert.equal(res.code, 0, res.stderr);
    const got = (res.records as { file: string; total_lines: number; executed_lines: number; total_functions: number }[]).map(({ file, total_lines, executed_lines, total_functions }) => ({ file, total_lines, executed_lines, total_functions }));
    assert.deepEqual(got, expected);
  });
});
