// The yaml plugin as a process: metadata, multi-document reading with
// anchors/merge keys, line/column errors, a seeded round trip, a real-world
// fixture, streaming memory and a downstream close.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ndjson, plugin, pluginBin, rng, root, run } from '../helpers.js';

const fixture = (name: string): string => join(root, 'test', 'fixtures', 'formats', name);

/** Seeded records full of strings YAML could take for something else. */
function records(seed: number, count: number): unknown[] {
  const r = rng(seed);
  const pick = <T>(xs: T[]): T => xs[Math.floor(r() * xs.length)];
  const words = [
    'plain', 'yes', 'No', 'on', 'null', '~', 'true', '2024-01-15', '12:30:00', '1_000', '0x1F', '0o17', '1e3', '.inf', '-.nan',
    '123', '-7', '', ' lead', 'trail ', 'say "hi"', "it's", 'a: b', '- item', '# not a comment', '---', '...', '--- x',
    '@at', '`tick`', '*star', '&amp', '!tag', '%pct', '{a}', '[b]', 'tab\there', 'new\nline', 'two\n\nblank', 'ends\n',
    'crlf\r\nx', '日本語', 'café', '😀', '\u0001ctl', '\u0085nel', 'bs\\', '|', '>', '?', ',', '"', "'",
  ];
  const out: unknown[] = [];
  for (let i = 0; i < count; i++) {
    const rec: Record<string, unknown> = {
      id: i,
      name: pick(words) + pick(words),
      price: Math.round(r() * 1e6) / 100,
      neg: -Math.floor(r() * 1000),
      tiny: r() * 1e-9,
      huge: r() * 1e21,
      ok: r() < 0.5,
      none: null,
      tags: Array.from({ length: Math.floor(r() * 4) }, () => pick(words)),
      nested: { depth: { deeper: [pick(words), { x: r() < 0.5 ? null : i }], empty: {}, list: [] } },
    };
    rec[pick(words) || 'k'] = pick(words); // odd keys too
    if (i % 7 === 0) rec['2024'] = 'integer-like key';
    out.push(rec);
  }
  out.push('a bare string', 42, true, { '': 'empty key' });
  return out;
}

describe('yaml plugin: metadata', () => {
  it('answers --jn-meta', async () => {
    const res = await plugin('yaml', ['--jn-meta']);
    assert.equal(res.code, 0);
    const meta = JSON.parse(res.stdout);
    assert.equal(meta.name, 'yaml');
    assert.equal(meta.version, '0.1.0');
    assert.equal(meta.role, 'format');
    assert.deepEqual(meta.modes, ['read', 'write']);
    assert.deepEqual(meta.matches, ['\\.ya?ml$']);
    for (const p of ['a.yaml', 'dir/b.yml']) assert.ok(meta.matches.some((m: string) => new RegExp(m).test(p)), p);
    assert.ok(!new RegExp(meta.matches[0]).test('a.yamlx'));
    assert.equal(meta.buffers, undefined);
    assert.ok(meta.description.length > 20);
  });

  it('rejects unknown options (exit 2)', async () => {
    const res = await plugin('yaml', ['--mode=read', '--bogus=1'], 'a: 1\n');
    assert.equal(res.code, 2);
    assert.match(res.stderr, /unknown option --bogus/);
  });
});

describe('yaml plugin: read', () => {
  it('one record per document; a top-level sequence gives one per item; empty documents give none', async () => {
    const input = [
      '%YAML 1.2',
      '# leading comment',
      '---',
      'a: 1',
      '---',
      '# only a comment: an empty document',
      '---',
      '- x: 1',
      '- [1, 2]',
      '- plain',
      '...',
      '%YAML 1.2',
      '--- |',
      '  a literal',
      '  block',
      '--- {flow: map}',
      '...',
      'bare: document',
      '--- ~',
    ].join('\n');
    const res = await plugin('yaml', ['--mode=read'], input);
    assert.equal(res.stderr, '');
    assert.equal(res.code, 0);
    assert.equal(res.stdout, '{"a":1}\n{"x":1}\n[1,2]\n"plain"\n"a literal\\nblock\\n"\n{"flow":"map"}\n{"bare":"document"}\nnull\n');
  });

  it('anchors, aliases and merge keys; core schema (dates and yes/no stay strings); key order kept', async () => {
    const input = [
      'base: &b {x: 1, y: [a, b]}',
      'child:',
      '  <<: *b',
      '  y: overridden',
      '  z: 3',
      'both:',
      '  <<: [*b, {w: 0}]',
      'same: *b',
      'day: 2024-01-15',
      'when: 2024-01-15T10:00:00Z',
      'flag: yes',
      'off: off',
      'octal: 0o17',
      'hex: 0x1F',
      'inf: .inf',
      'nul: ~',
      '2024: integer-like key stays in place',
      '? [k1, k2]',
      ': complex key',
      '"quoted \\u00e9\\t": "esc\\n"',
    ].join('\n');
    const res = await plugin('yaml', ['--mode=read'], input + '\n');
    assert.equal(res.code, 0, res.stderr);
    assert.equal(
      res.stdout,
      JSON.stringify({
        base: { x: 1, y: ['a', 'b'] },
        child: { x: 1, y: 'overridden', z: 3 },
        both: { x: 1, y: ['a', 'b'], w: 0 },
        same: { x: 1, y: ['a', 'b'] },
        day: '2024-01-15',
        when: '2024-01-15T10:00:00Z',
        flag: 'yes',
        off: 'off',
        octal: 15,
        hex: 31,
        inf: null,
        nul: null,
      }).slice(0, -1) + ',"2024":"integer-like key stays in place","[\\"k1\\",\\"k2\\"]":"complex key","quoted é\\t":"esc\\n"}\n',
    );
  });

  it('CRLF line ends, a BOM and a missing final newline', async () => {
    const res = await plugin('yaml', ['--mode=read'], '\uFEFFa: 1\r\nb: "x"\r\n---\r\nc: 2');
    assert.equal(res.code, 0, res.stderr);
    assert.equal(res.stdout, '{"a":1,"b":"x"}\n{"c":2}\n');
  });

  it('empty input and comment-only input give nothing', async () => {
    for (const input of ['', '\n\n', '# nothing\n', '---\n...\n']) {
      const res = await plugin('yaml', ['--mode=read'], input);
      assert.deepEqual([res.code, res.stdout, res.stderr], [0, '', ''], JSON.stringify(input));
    }
  });

  it('reads a real multi-document Kubernetes-style file with anchors and merge keys', async () => {
    const res = await plugin('yaml', ['--mode=read'], readFileSync(fixture('deploy.yaml')));
    assert.equal(res.code, 0, res.stderr);
    const recs = ndjson(res.stdout) as Record<string, any>[];
    assert.equal(recs.length, 4);
    assert.deepEqual(
      recs.map((r) => r.kind),
      ['ConfigMap', 'Deployment', 'Service', 'Service'],
    );
    assert.equal(recs[0].data.RELEASED, '2024-01-15');
    assert.equal(recs[0].data.LEGACY_SWITCH, 'yes');
    assert.equal(recs[0].data.motd, 'Welcome to the shop.\nPrices include VAT.\n');
    assert.equal(recs[0].data.folded, 'one long line folded into one');
    const labels = { 'app.kubernetes.io/name': 'checkout', 'app.kubernetes.io/part-of': 'shop', tier: 'backend' };
    assert.deepEqual(recs[1].metadata, { namespace: 'shop', labels, name: 'checkout' });
    assert.deepEqual(recs[1].spec.selector.matchLabels, labels);
    assert.deepEqual(recs[1].spec.template.metadata.labels, { ...labels, version: '1.4.2' });
    const [app, sidecar] = recs[1].spec.template.spec.containers;
    assert.deepEqual(sidecar.resources, app.resources);
    assert.deepEqual(app.env, [
      { name: 'TIMEOUT_SECONDS', value: '30' },
      { name: 'RATIO', value: 0.75 },
    ]);
    assert.deepEqual(recs[3], { kind: 'Service', name: 'checkout-admin', port: 9090, targetPort: null, note: `it's "quoted"` });
  });
});

describe('yaml plugin: errors', () => {
  const cases: [string, string, string, string][] = [
    [
      'an unterminated flow sequence (line of the whole stream)',
      'a: 1\n---\nb: [1, 2\nc: 3\n',
      'line 4, column 1: invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]\n',
      '{"a":1}\n',
    ],
    ['a duplicate key in a later document', 'a: 1\n---\nb: 2\nb: 3\n', 'line 4, column 1: invalid YAML: Map keys must be unique\n', '{"a":1}\n'],
    [
      'an alias to an anchor of another document (anchors are per document)',
      'x: &a 1\n---\ny: [1, *a]\n',
      'line 3, column 8: invalid YAML: Unresolved alias (the anchor must be set before the alias): a\n',
      '{"x":1}\n',
    ],
    ['tab indentation', 'ok: 1\n---\na:\n\t- 1\n', 'line 4, column 1: invalid YAML: Tabs are not allowed as indentation\n', '{"ok":1}\n'],
  ];
  for (const [name, input, stderr, stdout] of cases) {
    it(`${name}: one stderr line, exit 1, earlier documents written`, async () => {
      const res = await plugin('yaml', ['--mode=read'], input);
      assert.equal(res.stderr, stderr);
      assert.equal(res.code, 1);
      assert.equal(res.stdout, stdout);
    });
  }

  it('an alias bomb is refused, not expanded', async () => {
    const lol = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (const [k, prev] of [['b', 'a'], ['c', 'b'], ['d', 'c'], ['e', 'd'], ['f', 'e'], ['g', 'f']]) {
      lol.push(`${k}: &${k} [${Array(9).fill('*' + prev).join(', ')}]`);
    }
    const res = await plugin('yaml', ['--mode=read'], lol.join('\n') + '\n');
    assert.equal(res.code, 1);
    assert.match(res.stderr, /^line 1: invalid YAML: Excessive alias count/);
    assert.equal(res.stderr.split('\n').length, 2);
  });

  it('write: an invalid NDJSON line is named with its column', async () => {
    const res = await plugin('yaml', ['--mode=write'], '{"a":1}\n{"a":,}\n');
    assert.equal(res.code, 1);
    assert.match(res.stderr, /^line 2, column 6: invalid JSON: /);
    assert.equal(res.stdout, '---\na: 1\n');
  });
});

describe('yaml plugin: write', () => {
  it('one document per record, each opened by ---; YAML 1.1 look-alikes quoted (even the key n)', async () => {
    const input = '{"b":"yes","a":"2024-01-15","n":"123","t":"x\\ny","z":null,"l":[1,{"k":[]}]}\n"s"\n7\n';
    const res = await plugin('yaml', ['--mode=write'], input);
    assert.equal(res.code, 0, res.stderr);
    assert.equal(res.stdout, '---\nb: "yes"\na: "2024-01-15"\n"n": "123"\nt: |-\n  x\n  y\nz: null\nl:\n  - 1\n  - k: []\n---\ns\n---\n7\n');
  });

  it('writes nothing for empty input', async () => {
    const res = await plugin('yaml', ['--mode=write'], '\n');
    assert.deepEqual([res.code, res.stdout, res.stderr], [0, '', '']);
  });

  it('round-trips seeded records exactly (values, types and key order)', async () => {
    const input = records(1234, 600).map((r) => JSON.stringify(r)).join('\n') + '\n';
    const written = await plugin('yaml', ['--mode=write'], input);
    assert.equal(written.code, 0, written.stderr);
    const back = await plugin('yaml', ['--mode=read'], written.stdout);
    assert.equal(back.code, 0, back.stderr);
    assert.equal(back.stdout, input);
  });

  it('a top-level array record comes back as one record per item (documented)', async () => {
    const written = await plugin('yaml', ['--mode=write'], '[1,{"a":2}]\n');
    const back = await plugin('yaml', ['--mode=read'], written.stdout);
    assert.equal(back.stdout, '1\n{"a":2}\n');
  });
});

describe('yaml plugin: streaming', () => {
  it('reads a ~100 MB multi-document stream in flat memory', { timeout: 60_000 }, async () => {
    // 200 documents (mostly literal blocks, which the parser takes fast)
    // sent again and again until ~100 MB have gone through the pipe
    let block = '';
    for (let i = 0; i < 200; i++) {
      block += `--- # doc ${i}\nid: ${i}\nname: "item ${i}"\nref: &r {x: ${i}}\nuse: *r\ntext: |\n`;
      block += '  lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod\n'.repeat(250);
    }
    const blockBuf = Buffer.from(block);
    const repeats = Math.ceil(100e6 / blockBuf.length);
    const child = spawn('/usr/bin/time', ['-f', 'JN_MAX_RSS_KB=%M', process.execPath, pluginBin('yaml'), '--mode=read'], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let lines = 0;
    let tail = '';
    child.stdout.on('data', (b: Buffer) => {
      for (let k = b.indexOf(10); k !== -1; k = b.indexOf(10, k + 1)) lines++;
      tail = (tail + b.toString('utf8')).slice(-40_000);
    });
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b));
    const done = new Promise<number | null>((resolve) => child.on('close', resolve));
    const write = (b: Buffer): Promise<void> =>
      new Promise((resolve) => (child.stdin.write(b) ? resolve() : child.stdin.once('drain', resolve)));
    const started = performance.now();
    for (let k = 0; k < repeats; k++) await write(blockBuf);
    child.stdin.end();
    const code = await done;
    const m = /JN_MAX_RSS_KB=(\d+)/.exec(stderr);
    assert.ok(m, `no RSS figure in ${JSON.stringify(stderr)}`);
    assert.equal(stderr.replace(m[0], '').trim(), '');
    assert.equal(code, 0);
    assert.equal(lines, 200 * repeats);
    const last = JSON.parse(tail.trimEnd().split('\n').pop()!);
    assert.equal(last.id, 199);
    assert.deepEqual(last.use, { x: 199 });
    const peakMb = Number(m[1]) / 1024;
    const secs = (performance.now() - started) / 1000;
    console.log(`yaml read: ${((blockBuf.length * repeats) / 1e6).toFixed(0)} MB in ${secs.toFixed(1)} s, peak RSS ${peakMb.toFixed(1)} MB`);
    assert.ok(peakMb < 150, `peak RSS ${peakMb.toFixed(1)} MB`);
  });

  it('`yaml --mode=read | head -n 1` ends quietly with status 0', async () => {
    let doc = '';
    for (let i = 0; i < 50_000; i++) doc += `---\nid: ${i}\nname: n${i}\n`;
    const res = await run('bash', ['-c', `"${process.execPath}" "${pluginBin('yaml')}" --mode=read | head -n 1; echo "status=\${PIPESTATUS[0]}"`], {
      input: doc,
    });
    assert.equal(res.stderr, '');
    assert.equal(res.stdout, '{"id":0,"name":"n0"}\nstatus=0\n');
  });
});
