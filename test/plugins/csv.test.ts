// The built csv/tsv plugins as processes: metadata, options, errors (stderr
// line + exit status), a generated round trip, and a downstream close.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { closeSync, openSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ndjson, plugin, pluginBin, rng, run, tempDir } from '../helpers.js';

function withEnv(name: string, args: string[], input: string, env: Record<string, string>) {
  return run(process.execPath, [pluginBin(name), ...args], { input, env: { ...process.env, ...env } });
}

describe('csv/tsv plugins: metadata', () => {
  it('csv answers --jn-meta', async () => {
    const res = await plugin('csv', ['--jn-meta']);
    assert.equal(res.code, 0);
    const meta = JSON.parse(res.stdout);
    assert.equal(meta.name, 'csv');
    assert.equal(meta.version, '0.1.0');
    assert.deepEqual(meta.matches, ['\\.csv$']);
    assert.equal(meta.role, 'format');
    assert.deepEqual(meta.modes, ['read', 'write']);
    const names = meta.options.map((o: { name: string }) => o.name);
    assert.deepEqual(names, ['delimiter', 'header', 'allow-ragged', 'strings', 'infer', 'quote', 'relax-quotes', 'encoding']);
    for (const o of meta.options) assert.ok(o.description.length > 10, o.name);
    assert.ok(new RegExp(meta.matches[0]).test('data/x.csv'));
  });

  it('tsv answers --jn-meta', async () => {
    const res = await plugin('tsv', ['--jn-meta']);
    assert.equal(res.code, 0);
    const meta = JSON.parse(res.stdout);
    assert.equal(meta.name, 'tsv');
    assert.deepEqual(meta.matches, ['\\.tsv$', '\\.tab$']);
    assert.deepEqual(meta.modes, ['read', 'write']);
    assert.equal(meta.options.length, 8);
  });

  it('--mode is required and unknown modes are refused (exit 2)', async () => {
    let res = await plugin('csv', [], 'a\n1\n');
    assert.equal(res.code, 2);
    assert.match(res.stderr, /--mode is required/);
    res = await plugin('csv', ['--mode=raw'], 'a\n1\n');
    assert.equal(res.code, 2);
  });
});

describe('csv plugin: read', () => {
  it('RFC 4180 input to NDJSON with typing', async () => {
    const input = '\uFEFFid,name,price,ok,code\r\n1,"Smith, ""J""",1.50,true,007\r\n\r\n2,"two\nlines",1e5,false,\r\n3,plain,-0.25,TRUE,+1';
    const res = await plugin('csv', ['--mode=read'], input);
    assert.equal(res.code, 0, res.stderr);
    assert.equal(res.stderr, '');
    assert.equal(
      res.stdout,
      '{"id":1,"name":"Smith, \\"J\\"","price":1.50,"ok":true,"code":"007"}\n' +
        '{"id":2,"name":"two\\nlines","price":1e5,"ok":false,"code":""}\n' +
        '{"id":3,"name":"plain","price":-0.25,"ok":"TRUE","code":"+1"}\n',
    );
  });

  it('tsv: tab is the default delimiter; quotes are text unless --quote', async () => {
    let res = await plugin('tsv', ['--mode=read'], 'a\tb,c\n1\t"x y"\n');
    assert.equal(res.code, 0, res.stderr);
    assert.deepEqual(ndjson(res.stdout), [{ a: 1, 'b,c': '"x y"' }]);
    res = await plugin('tsv', ['--mode=read', '--quote'], 'a\tb,c\n1\t"x\ty"\n');
    assert.equal(res.code, 0, res.stderr);
    assert.deepEqual(ndjson(res.stdout), [{ a: 1, 'b,c': 'x\ty' }]);
  });

  it('--delimiter: one character, tab and \\t', async () => {
    let res = await plugin('csv', ['--mode=read', '--delimiter=;'], 'a;b\n1,5;2\n');
    assert.deepEqual(ndjson(res.stdout), [{ a: '1,5', b: 2 }]);
    for (const d of ['tab', '\\t', '\t']) {
      res = await plugin('csv', ['--mode=read', `--delimiter=${d}`], 'a\tb\n1\t2\n');
      assert.deepEqual(ndjson(res.stdout), [{ a: 1, b: 2 }], d);
    }
    res = await plugin('csv', ['--mode=read', '--delimiter=ab'], 'a\n');
    assert.equal(res.code, 2);
    assert.match(res.stderr, /--delimiter: expected one character/);
  });

  it('--no-header and --header=false', async () => {
    for (const flag of ['--no-header', '--header=false']) {
      const res = await plugin('csv', ['--mode=read', flag], 'x,y\n1,2\n');
      assert.equal(res.stdout, '{"1":"x","2":"y"}\n{"1":1,"2":2}\n', flag);
    }
  });

  it('--strings, --infer=false and JN_CSV_INFER=false turn typing off; the option beats the environment', async () => {
    const input = 'a,b\n1,true\n';
    const strings = '{"a":"1","b":"true"}\n';
    const typed = '{"a":1,"b":true}\n';
    assert.equal((await plugin('csv', ['--mode=read', '--strings'], input)).stdout, strings);
    assert.equal((await plugin('csv', ['--mode=read', '--infer=false'], input)).stdout, strings);
    assert.equal((await withEnv('csv', ['--mode=read'], input, { JN_CSV_INFER: 'false' })).stdout, strings);
    assert.equal((await withEnv('csv', ['--mode=read', '--infer=true'], input, { JN_CSV_INFER: 'false' })).stdout, typed);
    assert.equal((await withEnv('csv', ['--mode=read'], input, { JN_CSV_INFER: 'true' })).stdout, typed);
    assert.equal((await withEnv('tsv', ['--mode=read'], 'a\n1\n', { JN_CSV_INFER: 'false' })).stdout, '{"a":"1"}\n');
  });

  it('--allow-ragged', async () => {
    const res = await plugin('csv', ['--mode=read', '--allow-ragged'], 'a,b,c\n1\n1,2,3,4\n');
    assert.equal(res.code, 0);
    assert.equal(res.stdout, '{"a":1,"b":"","c":""}\n{"a":1,"b":2,"c":3,"4":4}\n');
  });

  it('duplicate and empty header names', async () => {
    const res = await plugin('csv', ['--mode=read'], 'a,a,,a\n1,2,3,4\n');
    assert.equal(res.stdout, '{"a":1,"a_2":2,"3":3,"a_3":4}\n');
  });
});

describe('csv plugin: read errors', () => {
  const cases: [string, string, string][] = [
    ['unterminated quoted field', 'a,b\n1,2\nx,"abc\n\nd\n', 'line 3, column 3: unterminated quoted field\n'],
    ['character after closing quote', 'a,b\n1,2\n1,"x"y\n', 'line 3, column 6: unexpected character after closing quote (add ?relax-quotes=true to keep stray quotes as text)\n'],
    ['ragged row', 'a,b,c\n1,2,3\n1,2,3,4\n', 'line 3: expected 3 fields (from the header), got 4; add ?allow-ragged=true to read ragged rows\n'],
    ['NUL byte', 'a,b\n1,2\n3,\u00004\n', 'line 3: binary data (NUL byte) — not a CSV file\n'],
  ];
  for (const [name, input, stderr] of cases) {
    it(`${name}: one stderr line, exit 1, earlier rows written`, async () => {
      const res = await plugin('csv', ['--mode=read'], input);
      assert.equal(res.code, 1);
      assert.equal(res.stderr, stderr);
      assert.equal(res.stdout.split('\n')[0], input.startsWith('a,b,c') ? '{"a":1,"b":2,"c":3}' : '{"a":1,"b":2}');
      assert.equal(ndjson(res.stdout).length, 1);
    });
  }

  it('binary input (a gzip file) is refused', async () => {
    const gz = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0x4b, 0x4c, 0x0a]);
    const res = await plugin('csv', ['--mode=read'], gz);
    assert.equal(res.code, 1);
    assert.equal(res.stderr, 'line 1, byte 1: invalid UTF-8 (0x8B); binary data (it holds NUL bytes), not text\n');
    assert.equal(res.stdout, '');
  });

  it('rows before an error are flushed even when there are many', async () => {
    let input = 'id,v\n';
    for (let i = 1; i <= 50_000; i++) input += `${i},${'x'.repeat(i % 7)}\n`;
    input += '50001,"oops\n';
    const res = await plugin('csv', ['--mode=read'], input);
    assert.equal(res.code, 1);
    assert.equal(res.stderr, 'line 50002, column 7: unterminated quoted field\n');
    const rows = ndjson(res.stdout) as { id: number }[];
    assert.equal(rows.length, 50_000);
    assert.equal(rows[49_999].id, 50_000);
  });
});

describe('csv plugin: write', () => {
  it('NDJSON to CSV', async () => {
    const input = '{"a":1,"b":"x,y","c":null}\n\n{"b":"say \\"hi\\"","a":true,"c":{"k":[1,2]}}\n{"a":1.50}\n';
    const res = await plugin('csv', ['--mode=write'], input);
    assert.equal(res.code, 0, res.stderr);
    assert.equal(res.stdout, 'a,b,c\n1,"x,y",\ntrue,"say ""hi""","{""k"":[1,2]}"\n1.50,,\n');
  });

  it('tsv write and --header=false', async () => {
    let res = await plugin('tsv', ['--mode=write'], '{"a":1,"b":"x\\ty","c":"p,q"}\n');
    assert.equal(res.stdout, 'a\tb\tc\n1\tx\\ty\tp,q\n');
    res = await plugin('tsv', ['--mode=write', '--quote'], '{"a":1,"b":"x\\ty","c":"p,q"}\n');
    assert.equal(res.stdout, 'a\tb\tc\n1\t"x\ty"\tp,q\n');
    res = await plugin('csv', ['--mode=write', '--header=false'], '{"a":1,"b":2}\n');
    assert.equal(res.stdout, '1,2\n');
    res = await plugin('csv', ['--mode=write', '--no-header', '--delimiter=|'], '{"a":1,"b":"x|y"}\n');
    assert.equal(res.stdout, '1|"x|y"\n');
  });

  it('errors: invalid JSON, not an object, a key not in the header (exit 1, line numbers)', async () => {
    let expectedMsg = '';
    try {
      JSON.parse('{"a":');
    } catch (err) {
      expectedMsg = (err as Error).message;
    }
    let res = await plugin('csv', ['--mode=write'], '{"a":1}\n{"a":2}\n\n{"a":\n');
    assert.equal(res.code, 1);
    assert.equal(res.stderr, `line 4: invalid JSON: ${expectedMsg}\n`);
    assert.equal(res.stdout, 'a\n1\n2\n');

    res = await plugin('csv', ['--mode=write'], '{"a":1}\n{"a":2}\n\n[1]\n');
    assert.equal(res.code, 1);
    assert.equal(res.stderr, 'line 4: expected a JSON object, got array\n');

    res = await plugin('csv', ['--mode=write'], '{"a":1,"b":2,"c":3}\n{"a":1}\n{"c":1}\n\n{"a":1,"x":2}\n');
    assert.equal(res.code, 1);
    assert.equal(
      res.stderr,
      'line 5: field "x" is not in the header (a, b, c); CSV needs one set of columns: written to a file (jn put x.csv) the header grows to every key, here normalise with jn filter first\n',
    );
    assert.equal(res.stdout, 'a,b,c\n1,2,3\n1,,\n,,1\n');
  });
});

/** Seeded CSV text with quotes, commas, newlines, CRLF, unicode, empty fields and numbers. */
function generatedCsv(seed: number, rows: number): { text: string; fields: string[][] } {
  const rand = rng(seed);
  const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)];
  const parts = ['a', 'Zoë', 'say "hi"', 'x,y', 'two\nlines', 'crlf\r\ninside', '日本語', '中文', '😀🎉', ' pad ', 'tab\t', '\\', '', '"', ','];
  const header = ['id', 'text', 'num', 'float', 'flag', 'maybe', 'code'];
  const fields: string[][] = [];
  let text = header.join(',') + '\r\n';
  for (let i = 0; i < rows; i++) {
    let t = '';
    for (let k = Math.floor(rand() * 4); k > 0; k--) t += pick(parts);
    const row = [
      String(i),
      t,
      String(Math.floor(rand() * 2e6) - 1e6),
      (rand() * 1000).toFixed(Math.floor(rand() * 4)),
      pick(['true', 'false', 'TRUE', 'yes']),
      rand() < 0.3 ? '' : pick(['1e3', '-0.5', '007', 'NaN', '12345678901234567890', 'x']),
      pick(['A1', '00', '0', '-7']),
    ];
    fields.push(row);
    const quoted = row.map((f) => (/[",\r\n]/.test(f) || (f === '' && rand() < 0.3) ? '"' + f.replace(/"/g, '""') + '"' : f));
    text += quoted.join(',') + (rand() < 0.5 ? '\r\n' : '\n');
  }
  return { text, fields };
}

describe('csv plugin: round trip', () => {
  it('10k generated rows: CSV -> read -> write -> read, field by field', async () => {
    const { text, fields } = generatedCsv(2024, 10_000);
    const r1 = await plugin('csv', ['--mode=read'], text);
    assert.equal(r1.code, 0, r1.stderr);
    const first = ndjson(r1.stdout) as Record<string, unknown>[];
    assert.equal(first.length, 10_000);
    const keys = ['id', 'text', 'num', 'float', 'flag', 'maybe', 'code'];
    const typed = (f: string): unknown => {
      if (/^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/.test(f)) return Number(f); // any size: its text is kept (checked below)
      return f === 'true' ? true : f === 'false' ? false : f;
    };
    for (let i = 0; i < fields.length; i++) {
      assert.deepEqual(Object.keys(first[i]), keys);
      for (let j = 0; j < keys.length; j++) assert.equal(first[i][keys[j]], typed(fields[i][j]), `row ${i} ${keys[j]}`);
    }
    const w = await plugin('csv', ['--mode=write'], r1.stdout);
    assert.equal(w.code, 0, w.stderr);
    const r2 = await plugin('csv', ['--mode=read'], w.stdout);
    assert.equal(r2.code, 0, r2.stderr);
    // the NDJSON is identical text: numbers keep their written form both ways
    assert.equal(r2.stdout, r1.stdout);
    const second = ndjson(r2.stdout) as Record<string, unknown>[];
    for (let i = 0; i < first.length; i++) {
      for (const k of keys) assert.equal(second[i][k], first[i][k], `row ${i} ${k}`);
    }
    // strings-only read of the written CSV gives back the original field texts
    const r3 = await plugin('csv', ['--mode=read', '--strings'], w.stdout);
    const third = ndjson(r3.stdout) as Record<string, string>[];
    for (let i = 0; i < fields.length; i++) {
      for (let j = 0; j < keys.length; j++) {
        const orig = fields[i][j];
        // numbers are written from their JSON text, which is the original text
        assert.equal(third[i][keys[j]], orig, `row ${i} ${keys[j]}`);
      }
    }
  });

  it('tsv round trip keeps tabs and newlines inside fields (escaped, or quoted with --quote)', async () => {
    const input = '{"a":"x\\ty","b":"l1\\nl2","c":3}\n{"a":"","b":"\\"q\\"","c":-1.0}\n';
    let w = await plugin('tsv', ['--mode=write'], input);
    assert.equal(w.stdout, 'a\tb\tc\nx\\ty\tl1\\nl2\t3\n\t"q"\t-1.0\n');
    let r = await plugin('tsv', ['--mode=read'], w.stdout);
    assert.equal(r.stdout, input);
    w = await plugin('tsv', ['--mode=write', '--quote'], input);
    assert.equal(w.stdout, 'a\tb\tc\n"x\ty"\t"l1\nl2"\t3\n\t"""q"""\t-1.0\n');
    r = await plugin('tsv', ['--mode=read', '--quote'], w.stdout);
    assert.equal(r.stdout, input);
  });
});

describe('csv plugin: downstream close', () => {
  it('`csv --mode=read < big.csv | head -n 1` ends quickly, quietly, with status 0', async () => {
    const dir = tempDir('jn-csv-');
    const file = join(dir, 'big.csv');
    let text = 'id,name,value\n';
    for (let i = 0; i < 400_000; i++) text += `${i},"name ${i}, more",${i * 1.5}\n`;
    writeFileSync(file, text);
    const fd = openSync(file, 'r');
    const started = performance.now();
    const result = await new Promise<{ code: number | null; signal: string | null; stderr: string; first: string }>((resolve, reject) => {
      const child = spawn(process.execPath, [pluginBin('csv'), '--mode=read'], { stdio: [fd, 'pipe', 'pipe'] });
      let out = '';
      let stderr = '';
      let first = '';
      child.stderr!.on('data', (b: Buffer) => (stderr += b.toString()));
      child.stdout!.on('data', (b: Buffer) => {
        out += b.toString();
        const nl = out.indexOf('\n');
        if (nl !== -1 && !first) {
          first = out.slice(0, nl);
          child.stdout!.destroy(); // like head -n 1 exiting
        }
      });
      child.on('error', reject);
      child.on('close', (code, signal) => resolve({ code, signal, stderr, first }));
    });
    closeSync(fd);
    const ms = performance.now() - started;
    assert.deepEqual(JSON.parse(result.first), { id: 0, name: 'name 0, more', value: 0 });
    assert.equal(result.code, 0);
    assert.equal(result.signal, null);
    assert.equal(result.stderr, '');
    assert.ok(ms < 10_000, `took ${ms} ms`);
  });

  it('through a real shell pipe into head', async () => {
    const dir = tempDir('jn-csv-');
    const file = join(dir, 'big.csv');
    let text = 'a,b\n';
    for (let i = 0; i < 300_000; i++) text += `${i},x${i}\n`;
    writeFileSync(file, text);
    const res = await run('bash', ['-c', `"${process.execPath}" "${pluginBin('csv')}" --mode=read < "${file}" | head -n 1; echo "status=\${PIPESTATUS[0]}"`]);
    assert.equal(res.code, 0);
    assert.equal(res.stderr, '');
    assert.equal(res.stdout, '{"a":0,"b":"x0"}\nstatus=0\n');
  });
});
