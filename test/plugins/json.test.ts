import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { describe, it } from 'node:test';
import { ndjson, plugin, pluginBin, rng } from '../helpers.js';

/** Seeded records with nesting, escapes, unicode and assorted numbers. */
function records(seed: number, count: number): unknown[] {
  const r = rng(seed);
  const pick = <T>(xs: T[]): T => xs[Math.floor(r() * xs.length)];
  const words = ['alpha', 'say "hi"', 'back\\slash', 'tab\there', 'new\nline', '日本語', 'café', '😀', '', ']}[{,:', '\u0001ctl'];
  const out: unknown[] = [];
  for (let i = 0; i < count; i++) {
    out.push({
      id: i,
      name: pick(words) + pick(words),
      price: Math.round(r() * 1e6) / 100,
      neg: -Math.floor(r() * 1000),
      exp: r() * 1e-9,
      ok: r() < 0.5,
      none: null,
      tags: Array.from({ length: Math.floor(r() * 4) }, () => pick(words)),
      nested: { depth: { deeper: [pick(words), { x: r() < 0.5 ? null : i }] } },
    });
  }
  out.push('a bare string', 42, [1, [2, []]], {});
  return out;
}

describe('json plugin: metadata', () => {
  it('prints its metadata', async () => {
    const res = await plugin('json', ['--jn-meta']);
    assert.equal(res.code, 0);
    const meta = JSON.parse(res.stdout);
    assert.equal(meta.name, 'json');
    assert.equal(meta.version, '0.1.0');
    assert.deepEqual(meta.matches, ['\\.json$']);
    assert.equal(meta.role, 'format');
    assert.deepEqual(meta.modes, ['read', 'write']);
    assert.equal(meta.buffers, undefined);
    assert.ok(meta.options.some((o: { name: string }) => o.name === 'pretty'));
  });
});

describe('json plugin: read', () => {
  it('turns each element of a top-level array into one compact line', async () => {
    const res = await plugin('json', ['--mode=read'], '[\n  {"a": 1, "b": [1, 2]},\n  "s",\n  3.50,\n  null\n]\n');
    assert.equal(res.stderr, '');
    assert.equal(res.code, 0);
    assert.equal(res.stdout, '{"a":1,"b":[1,2]}\n"s"\n3.50\nnull\n'); // compacted, tokens as written
  });

  it('reads a single value and concatenated values, one line each', async () => {
    let res = await plugin('json', ['--mode=read'], '{\n  "a": {"b": 1}\n}\n');
    assert.equal(res.stdout, '{"a":{"b":1}}\n');
    res = await plugin('json', ['--mode=read'], '"just a string"');
    assert.equal(res.stdout, '"just a string"\n');
    res = await plugin('json', ['--mode=read'], '{"a":1}\n{"a":2} {"a":3}\n7 true');
    assert.equal(res.code, 0);
    assert.equal(res.stdout, '{"a":1}\n{"a":2}\n{"a":3}\n7\ntrue\n');
  });

  it('writes nothing for empty input or an empty array', async () => {
    for (const input of ['', '\n  \n', '[]', ' [ ]\n']) {
      const res = await plugin('json', ['--mode=read'], input);
      assert.deepEqual([res.code, res.stdout, res.stderr], [0, '', ''], JSON.stringify(input));
    }
  });

  const errors: [string, string, string][] = [
    ['truncated input', '[\n  {"a": 1},\n  {"b": [2,', 'line 3, column 12: unexpected end of input inside array\n'],
    [
      'invalid element (where it starts + JSON.parse message)',
      '[\n  {"a": 1},\n  {"b": 2,}\n]',
      "line 3, column 3: invalid JSON: Expected double-quoted property name in JSON at position 8\n",
    ],
    ['garbage after the array', '[1, 2]\n\n  oops', "line 3, column 3: unexpected 'o' after the end of the top-level array\n"],
    ['missing comma', '[1,\n 2 3]', "line 2, column 4: expected ',' or ']' after array element, got '3'\n"],
    ['binary data', 'abc\u0000def', 'line 1, column 4: binary data (NUL byte): input is not JSON text\n'],
  ];
  for (const [name, input, stderr] of errors) {
    it(`fails on ${name} with line and column, exit 1`, async () => {
      const res = await plugin('json', ['--mode=read'], input);
      assert.equal(res.stderr, stderr);
      assert.equal(res.code, 1);
    });
  }

  it('still passes on the elements before an error', async () => {
    const res = await plugin('json', ['--mode=read'], '[{"a":1},{"a":2},{"a":');
    assert.equal(res.code, 1);
    assert.equal(res.stdout, '{"a":1}\n{"a":2}\n');
  });

  it('streams a ~200 MB array in flat memory', { timeout: 60_000 }, async () => {
    // ~1.5 KB records; one block of them is generated once and sent again and
    // again (joined by commas) until ~200 MB have gone through the pipe.
    const block = records(7, 200).map((rec, i) =>
      JSON.stringify({ rec, text: 'lorem ipsum dolor sit amet, '.repeat(30 + (i % 20)), i }, null, i % 3 === 0 ? 2 : undefined),
    );
    const blockBuf = Buffer.from(block.join(',\n'));
    const repeats = Math.ceil(200e6 / blockBuf.length);
    const child = spawn('/usr/bin/time', ['-f', 'JN_MAX_RSS_KB=%M', process.execPath, pluginBin('json'), '--mode=read'], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let lines = 0;
    let bytes = 0;
    let tail = '';
    child.stdout.on('data', (b: Buffer) => {
      bytes += b.length;
      for (let k = b.indexOf(10); k !== -1; k = b.indexOf(10, k + 1)) lines++;
      tail = (tail + b.toString('utf8')).slice(-20_000);
    });
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b));
    const done = new Promise<number | null>((resolve) => child.on('close', resolve));
    const write = (b: Buffer): Promise<void> =>
      new Promise((resolve) => (child.stdin.write(b) ? resolve() : child.stdin.once('drain', resolve)));
    const comma = Buffer.from(',\n');
    await write(Buffer.from('[\n'));
    for (let k = 0; k < repeats; k++) {
      if (k) await write(comma);
      await write(blockBuf);
    }
    child.stdin.end('\n]\n');
    const code = await done;

    const m = /JN_MAX_RSS_KB=(\d+)/.exec(stderr);
    assert.ok(m, `no RSS figure in ${JSON.stringify(stderr)}`);
    assert.equal(stderr.replace(m[0], '').trim(), '');
    assert.equal(code, 0);
    assert.equal(lines, block.length * repeats);
    assert.ok(bytes > 150e6, `only ${bytes} bytes out`);
    const last = tail.trimEnd().split('\n').pop()!;
    assert.equal(last, JSON.stringify(JSON.parse(block[block.length - 1])));
    const peakMb = Number(m[1]) / 1024;
    console.log(`json read: ${((blockBuf.length * repeats) / 1e6).toFixed(0)} MB in, peak RSS ${peakMb.toFixed(1)} MB`);
    assert.ok(peakMb < 100, `peak RSS ${peakMb.toFixed(1)} MB`);
  });
});

describe('json plugin: write', () => {
  it('streams NDJSON out as one array, elements separated by ",\\n"', async () => {
    const res = await plugin('json', ['--mode=write'], '{"a": 1}\n\n{"b":[1, 2]}\n"x"\n');
    assert.equal(res.code, 0);
    assert.equal(res.stdout, '[{"a":1},\n{"b":[1,2]},\n"x"]\n');
  });

  it('--pretty indents each element by 2 spaces', async () => {
    const res = await plugin('json', ['--mode=write', '--pretty'], '{"a":1,"b":[true]}\n{}\n');
    assert.equal(res.code, 0);
    assert.equal(res.stdout, '[\n  {\n    "a": 1,\n    "b": [\n      true\n    ]\n  },\n  {}\n]\n');
    assert.equal(res.stdout, JSON.stringify([{ a: 1, b: [true] }, {}], null, 2) + '\n');
  });

  it('writes [] for empty input', async () => {
    for (const args of [['--mode=write'], ['--mode=write', '--pretty']]) {
      const res = await plugin('json', args, '');
      assert.deepEqual([res.code, res.stdout], [0, '[]\n']);
    }
  });

  it('fails on an invalid line with its number', async () => {
    const res = await plugin('json', ['--mode=write'], '{"a":1}\n{"a":2}\n{"a":,}\n');
    assert.equal(res.code, 1);
    assert.equal(res.stderr, `line 3, column 6: invalid JSON: Unexpected token ',', "{"a":,}" is not valid JSON\n`);
  });

  it('round-trips seeded records through write and read', async () => {
    const recs = records(42, 500);
    const input = recs.map((r) => JSON.stringify(r)).join('\n') + '\n';
    for (const args of [['--mode=write'], ['--mode=write', '--pretty']]) {
      const written = await plugin('json', args, input);
      assert.equal(written.code, 0);
      assert.deepEqual(JSON.parse(written.stdout), recs);
      const back = await plugin('json', ['--mode=read'], written.stdout);
      assert.equal(back.code, 0);
      assert.equal(back.stdout, input);
    }
  });
});

describe('jsonl plugin', () => {
  it('prints its metadata', async () => {
    const meta = JSON.parse((await plugin('jsonl', ['--jn-meta'])).stdout);
    assert.deepEqual(
      [meta.name, meta.version, meta.matches, meta.role, meta.modes],
      ['jsonl', '0.1.0', ['\\.jsonl$', '\\.ndjson$'], 'format', ['read', 'write']],
    );
  });

  it('validates and compacts each line, skipping blank lines, both ways', async () => {
    const input = '{ "a" : 1 }\n\n   \n[1, 2]\r\n"s"\n{"b": {"c": null}}';
    for (const mode of ['read', 'write']) {
      const res = await plugin('jsonl', [`--mode=${mode}`], input);
      assert.equal(res.code, 0);
      assert.equal(res.stdout, '{"a":1}\n[1,2]\n"s"\n{"b":{"c":null}}\n');
    }
  });

  it('fails on an invalid line with line and column', async () => {
    let res = await plugin('jsonl', ['--mode=read'], '{"a":1}\n\n{"a": 1, "b": tru}\n{"c":3}\n');
    assert.equal(res.code, 1);
    assert.equal(res.stderr, `line 3, column 18: invalid JSON: Unexpected token '}', "{"a": 1, "b": tru}" is not valid JSON\n`);
    assert.equal(res.stdout, '{"a":1}\n');
    res = await plugin('jsonl', ['--mode=write'], '{"a":1}\n{"a": [1, 2}\n');
    assert.equal(res.code, 1);
    assert.equal(res.stderr, "line 2, column 12: invalid JSON: Expected ',' or ']' after array element in JSON at position 11\n");
  });

  it('round-trips seeded records', async () => {
    const input = records(3, 300).map((r) => JSON.stringify(r)).join('\n') + '\n';
    const res = await plugin('jsonl', ['--mode=read'], input);
    assert.equal(res.stdout, input);
    assert.deepEqual(ndjson(res.stdout), ndjson(input));
  });
});
