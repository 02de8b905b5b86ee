// The markdown plugin as a process: reading every pipe table of a document
// (GitHub rules, --mode=tables; front matter and sections are in
// markdown-front.test.ts), writing an aligned table, escapes, a seeded round
// trip, errors and a downstream close.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ndjson, plugin, pluginBin, rng, root, run } from '../helpers.js';

const fixture = (name: string): string => join(root, 'test', 'fixtures', 'formats', name);

describe('markdown plugin: metadata', () => {
  it('answers --jn-meta; write buffers', async () => {
    const res = await plugin('markdown', ['--jn-meta']);
    assert.equal(res.code, 0);
    const meta = JSON.parse(res.stdout);
    assert.equal(meta.name, 'markdown');
    assert.equal(meta.version, '0.1.0');
    assert.equal(meta.role, 'format');
    assert.deepEqual(meta.modes, ['read', 'write']);
    assert.deepEqual(meta.matches, ['\\.md$', '\\.markdown$']);
    for (const p of ['README.md', 'notes.markdown']) assert.ok(meta.matches.some((m: string) => new RegExp(m).test(p)), p);
    assert.deepEqual(Object.keys(meta.buffers), ['read', 'write']);
    assert.deepEqual(
      meta.options.map((o: { name: string }) => o.name),
      ['mode', 'encoding'],
    );
  });
});

describe('markdown plugin: read', () => {
  it('reads every table of a real document, in order, skipping code blocks', async () => {
    const res = await plugin('markdown', ['--mode=read', '--mode=tables'], readFileSync(fixture('tables.md')));
    assert.equal(res.code, 0, res.stderr);
    assert.equal(
      res.stdout,
      [
        '{"Product":"Espresso cup","SKU":"0042","Price":8.50,"Notes":"fragile"}',
        '{"Product":"Grüße mug","SKU":"A-17","Price":12,"Notes":"say | \\"hi\\""}',
        '{"Product":"Pipe (`a|b`)","SKU":"X\\\\Y","Price":-3.25,"Notes":"line one\\nline two"}',
        '{"Product":"Gift card","SKU":"GC","Price":1e2,"Notes":""}',
        '{"Team":"Zoë","Role":"lead"}',
        '{"Team":"Jörg","Role":"dev"}',
        '',
      ].join('\n'),
    );
  });

  it('GitHub rules: short rows padded with "", extra cells ignored, the table ends at a blank line or a heading', async () => {
    const input = ['| a | b | c |', '|---|:-:|--:|', '| 1 |', '| 1 | 2 | 3 | 4 |', 'no pipes: still a row', '# heading ends it', '| x |', '', 'after'].join('\n');
    const res = await plugin('markdown', ['--mode=read', '--mode=tables'], input);
    assert.equal(res.code, 0, res.stderr);
    assert.deepEqual(ndjson(res.stdout), [
      { a: 1, b: '', c: '' },
      { a: 1, b: 2, c: 3 },
      { a: 'no pipes: still a row', b: '', c: '' },
    ]);
  });

  it('not tables: a delimiter row of another width, indented code, fenced code (``` and ~~~), a setext heading', async () => {
    const input = [
      '| a | b |',
      '|---|',
      '| 1 | 2 |',
      '',
      '    | code | x |',
      '    |------|---|',
      '',
      '~~~',
      '| a | b |',
      '|---|---|',
      '~~~',
      '',
      'Heading',
      '---',
      '',
      'k | v',
      '--|--',
      'x | y',
    ].join('\n');
    const res = await plugin('markdown', ['--mode=read', '--mode=tables'], input);
    assert.equal(res.code, 0, res.stderr);
    assert.equal(res.stdout, '{"k":"x","v":"y"}\n');
  });

  it('cells: trimmed, backslash escapes undone, <br> is a newline, number literals typed as in csv (original text kept)', async () => {
    const input = [
      '| text | n |',
      '|------|---|',
      '| \\| pipe \\\\ back \\* star \\q | 1.50 |',
      '| a<br>b<br/>c<BR />d | 007 |',
      '| C:\\path | -0 |',
      '| \\<br> literal | 12345678901234567890 |',
      '|  | 1e400 |',
      '| `x` | \\-5 |',
    ].join('\r\n');
    const res = await plugin('markdown', ['--mode=read', '--mode=tables'], input);
    assert.equal(res.code, 0, res.stderr);
    assert.equal(
      res.stdout,
      [
        '{"text":"| pipe \\\\ back * star \\\\q","n":1.50}',
        '{"text":"a\\nb\\nc\\nd","n":"007"}',
        '{"text":"C:\\\\path","n":-0}',
        '{"text":"<br> literal","n":12345678901234567890}',
        '{"text":"","n":1e400}',
        '{"text":"`x`","n":"-5"}',
        '',
      ].join('\n'),
    );
  });

  it('duplicate and empty header names follow the csv rules', async () => {
    const res = await plugin('markdown', ['--mode=read', '--mode=tables'], '| a | a |  | a |\n|---|---|---|---|\n| 1 | 2 | 3 | 4 |\n');
    assert.equal(res.stdout, '{"a":1,"a_2":2,"3":3,"a_3":4}\n');
  });

  it('a document without tables gives nothing', async () => {
    const res = await plugin('markdown', ['--mode=read', '--mode=tables'], '# Title\n\nJust text | with a pipe.\n');
    assert.deepEqual([res.code, res.stdout, res.stderr], [0, '', '']);
  });
});

describe('markdown plugin: write', () => {
  it('one aligned table: union of keys, number columns right-aligned, escapes, nested values as JSON', async () => {
    const input = [
      '{"name":"Zoë","qty":3,"note":"a|b"}',
      '{"qty":12.5,"name":"日本語","extra":{"k":[1,2]},"flag":true}',
      '{"name":"line\\nbreak <br> \\\\* x\\\\","qty":null,"flag":false}',
      '',
    ].join('\n');
    const res = await plugin('markdown', ['--mode=write'], input);
    assert.equal(res.code, 0, res.stderr);
    assert.equal(
      res.stdout,
      [
        '| name                       |  qty | note | extra       | flag  |',
        '| -------------------------- | ---: | ---- | ----------- | ----- |',
        '| Zoë                        |    3 | a\\|b |             |       |',
        '| 日本語                     | 12.5 |      | {"k":[1,2]} | true  |',
        '| line<br>break \\<br> \\\\* x\\ |      |      |             | false |',
        '',
      ].join('\n'),
    );
    const back = await plugin('markdown', ['--mode=read'], res.stdout);
    assert.deepEqual(ndjson(back.stdout), [
      { name: 'Zoë', qty: 3, note: 'a|b', extra: '', flag: '' },
      { name: '日本語', qty: 12.5, note: '', extra: '{"k":[1,2]}', flag: true },
      { name: 'line\nbreak <br> \\* x\\', qty: '', note: '', extra: '', flag: false },
    ]);
  });

  it('keeps the key order written (integer-like keys are not moved first)', async () => {
    const res = await plugin('markdown', ['--mode=write'], '{"b":1,"2024":2,"a":3}\n');
    assert.equal(res.stdout, '|   b | 2024 |   a |\n| --: | ---: | --: |\n|   1 |    2 |   3 |\n');
  });

  it('writes nothing for no records', async () => {
    const res = await plugin('markdown', ['--mode=write'], '\n');
    assert.deepEqual([res.code, res.stdout, res.stderr], [0, '', '']);
  });

  it('refuses records that are not objects and invalid JSON (exit 1, line numbers)', async () => {
    let res = await plugin('markdown', ['--mode=write'], '{"a":1}\n"x"\n');
    assert.equal(res.code, 1);
    assert.equal(res.stderr, 'line 2: expected a JSON object, got string\n');
    res = await plugin('markdown', ['--mode=write'], '{"a":1}\n\n{"a":1,}\n');
    assert.equal(res.code, 1);
    assert.match(res.stderr, /^line 3, column 8: invalid JSON: /);
    assert.equal(res.stdout, '');
  });
});

/** Seeded records with values that survive a markdown table exactly. */
function records(seed: number, count: number): Record<string, unknown>[] {
  const r = rng(seed);
  const pick = <T>(xs: T[]): T => xs[Math.floor(r() * xs.length)];
  const words = ['plain', 'say "hi"', 'pipe|pipe', 'back\\slash', 'esc\\|aped', '\\*', 'new\nline', '<br>', '<BR/>', 'x<br />y', '日本語', 'café', '😀', 'tab\tin', '`code`', '**bold**', '#', '-', ':--', '\\'];
  const out: Record<string, unknown>[] = [];
  for (let i = 0; i < count; i++) {
    const rec: Record<string, unknown> = {
      id: i,
      name: 'n' + pick(words) + pick(words) + 'n',
      price: Math.round(r() * 1e6) / 100,
      neg: -Math.floor(r() * 1000) || 0, // (not -0: JSON has no -0)
    };
    if (r() < 0.7) rec.note = 'x' + pick(words);
    out.push(rec);
  }
  return out;
}

describe('markdown plugin: round trip', () => {
  it('seeded records: write -> read gives the same values (missing keys come back as "")', async () => {
    const recs = records(5, 500);
    const input = recs.map((r) => JSON.stringify(r)).join('\n') + '\n';
    const written = await plugin('markdown', ['--mode=write'], input);
    assert.equal(written.code, 0, written.stderr);
    const back = await plugin('markdown', ['--mode=read'], written.stdout);
    assert.equal(back.code, 0, back.stderr);
    assert.deepEqual(
      ndjson(back.stdout),
      recs.map((r) => ({ id: r.id, name: r.name, price: r.price, neg: r.neg, note: r.note ?? '' })),
    );
  });

  it('what does not survive: number-like and boolean-like strings, surrounding spaces, CR, null, nesting', async () => {
    const input = JSON.stringify({ s: '42', t: 'true', sp: '  pad  ', cr: 'a\r\nb', b: true, z: null, o: { k: 1 } }) + '\n';
    const written = await plugin('markdown', ['--mode=write'], input);
    const back = await plugin('markdown', ['--mode=read'], written.stdout);
    assert.deepEqual(ndjson(back.stdout), [{ s: 42, t: true, sp: 'pad', cr: 'a\nb', b: true, z: '', o: '{"k":1}' }]);
  });

  it('`markdown --mode=read | head -n 1` ends quietly with status 0', async () => {
    let doc = '| id | name |\n|---|---|\n';
    for (let i = 0; i < 200_000; i++) doc += `| ${i} | n${i} |\n`;
    const res = await run('bash', ['-c', `"${process.execPath}" "${pluginBin('markdown')}" --mode=read | head -n 1; echo "status=\${PIPESTATUS[0]}"`], {
      input: doc,
    });
    assert.equal(res.stderr, '');
    assert.equal(res.stdout, '{"id":0,"name":"n0"}\nstatus=0\n');
  });
});
