// The markdown plugin's documents: front matter (YAML and TOML) and content
// as the original JN gives them, sections, the table-only document read as
// rows, ?mode=tables skipping the front matter, writing documents back and
// seeded round trips. (The pipe tables themselves: markdown.test.ts.)
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { jn, ndjson, plugin, rng, tempDir } from '../helpers.js';

const read = (input: string, mode?: string) => plugin('markdown', ['--mode=read', ...(mode ? [`--mode=${mode}`] : [])], input);
const lines = (...xs: string[]): string => xs.join('\n') + '\n';

const DOC = lines(
  '---',
  'title: API Reference',
  'version: 2.1.0',
  'price: 2095.10',
  'type: post',
  '_type: kept',
  'tags: [api, docs]',
  'date: "2024-01-15"',
  '---',
  '',
  '# API Reference',
  '',
  'Intro | with a pipe.',
  '',
  '```bash',
  '# not a heading',
  'curl x',
  '```',
  '',
  '## Limits',
  '',
  '| a | b |',
  '|---|---|',
  '| 1 | true |',
  '',
);
const FRONT = '{"type":"frontmatter","title":"API Reference","version":"2.1.0","price":2095.10,"_type":"post","__type":"kept","tags":["api","docs"],"date":"2024-01-15"}';
const BODY = '# API Reference\n\nIntro | with a pipe.\n\n```bash\n# not a heading\ncurl x\n```\n\n## Limits\n\n| a | b |\n|---|---|\n| 1 | true |';

describe('markdown read: front matter and content (the default)', () => {
  it('YAML front matter is one record typed "frontmatter" (order and number text kept, its own `type` as `_type`), then the content', async () => {
    const res = await read(DOC);
    assert.equal(res.code, 0, res.stderr);
    assert.equal(res.stdout, FRONT + '\n' + JSON.stringify({ type: 'content', content: BODY }) + '\n');
    const doc = await read(DOC, 'document');
    assert.equal(doc.stdout, res.stdout);
  });

  it('TOML front matter between +++ lines; `...` also closes a YAML block', async () => {
    let res = await read(lines('+++', 'title = "T"', 'n = 1.0', 'when = 2024-01-15', '[owner]', 'name = "Zoë"', '+++', 'Body.'));
    assert.equal(res.code, 0, res.stderr);
    assert.equal(res.stdout, '{"type":"frontmatter","title":"T","n":1.0,"when":"2024-01-15","owner":{"name":"Zoë"}}\n{"type":"content","content":"Body."}\n');
    // the comment toml's writer puts before several records means nothing here: the block is one table
    res = await read(lines('+++', '# jn records: [[r]]', '[[r]]', 'a = 1', '+++', 'x'));
    assert.equal(res.stdout, '{"type":"frontmatter","r":[{"a":1}]}\n{"type":"content","content":"x"}\n');
    res = await read(lines('---', 'a: 1', '...', '', 'x'));
    assert.equal(res.stdout, '{"type":"frontmatter","a":1}\n{"type":"content","content":"x"}\n');
  });

  it('no front matter, an empty one, an unclosed one: only the content; an empty document gives nothing', async () => {
    assert.equal((await read('\n\nJust text.\n\n\n')).stdout, '{"type":"content","content":"Just text."}\n');
    assert.equal((await read('---\n---\nx\n')).stdout, '{"type":"content","content":"x"}\n');
    assert.equal((await read('---\na: 1\nno end\n')).stdout, '{"type":"content","content":"---\\na: 1\\nno end"}\n');
    assert.deepEqual([(await read('')).stdout, (await read(' \n\n')).stdout], ['', '']);
  });

  it('a document that is only a pipe table gives its rows; ?mode=document gives it as content', async () => {
    const table = '\n| id | ok |\n|---:|---|\n| 1 | true |\n| 2 | no |\n\n';
    assert.deepEqual(ndjson((await read(table)).stdout), [
      { id: 1, ok: true },
      { id: 2, ok: 'no' },
    ]);
    assert.deepEqual(ndjson((await read(table, 'document')).stdout), [{ type: 'content', content: '| id | ok |\n|---:|---|\n| 1 | true |\n| 2 | no |' }]);
    // a table with text after it is a document
    assert.equal(ndjson((await read(table + 'text\n')).stdout).length, 1);
  });

  it('invalid front matter is one line with the document line (exit 1); a block that is not a mapping is text; an unknown mode is exit 2', async () => {
    let res = await read('---\ntitle: ok\nbad: [1, 2\n---\nx\n');
    assert.equal(res.code, 1);
    assert.match(res.stderr, /^line 4, column 1: invalid YAML front matter: /);
    assert.equal(res.stderr.split('\n').length, 2);
    res = await read('+++\na = 1\nb = \n+++\n');
    assert.equal(res.code, 1);
    assert.match(res.stderr, /^line 3, column 5: invalid TOML front matter: /);
    // a block that is not a mapping (a paragraph between thematic breaks, a list) is no front matter
    res = await read('---\nJust a paragraph.\n---\nx\n');
    assert.deepEqual([res.code, res.stdout], [0, '{"type":"content","content":"---\\nJust a paragraph.\\n---\\nx"}\n']);
    res = await read('---\n- a\n---\n', 'sections');
    assert.deepEqual([res.code, ndjson(res.stdout)], [0, [{ type: 'text', content: '---\n- a\n---' }]]);
    res = await read('x\n', 'tree');
    assert.deepEqual([res.code, res.stderr], [2, '--mode: expected one of auto, document, sections, tables, got "tree"\n']);
  });
});

describe('markdown read: sections and tables', () => {
  it('?mode=sections: the front matter, then heading, text and code records (headings in code are code)', async () => {
    const res = await read(DOC + '~~~\n## still code\n~~~\n', 'sections');
    assert.equal(res.code, 0, res.stderr);
    assert.deepEqual(ndjson(res.stdout).slice(1), [
      { type: 'heading', level: 1, text: 'API Reference' },
      { type: 'text', content: 'Intro | with a pipe.' },
      { type: 'code', language: 'bash', content: '# not a heading\ncurl x' },
      { type: 'heading', level: 2, text: 'Limits' },
      { type: 'text', content: '| a | b |\n|---|---|\n| 1 | true |' },
      { type: 'code', language: '', content: '## still code' },
    ]);
    assert.equal(res.stdout.split('\n')[0], FRONT);
  });

  it('?mode=tables: the rows of every table; the front matter is skipped even when it holds a table; unclosed, it is read', async () => {
    const doc = lines('---', 'note: |', '  | a | b |', '  |---|---|', '  | 1 | 2 |', '---', '', '| x |', '|---|', '| 9 |');
    assert.equal((await read(doc, 'tables')).stdout, '{"x":9}\n');
    assert.equal((await read(doc.replace(/---\n\n/, '\n'), 'tables')).stdout, '{"a":1,"b":2}\n{"x":9}\n');
  });

  it('through jn: x.md?mode=tables reaches the plugin (a second --mode), a plugin without the option refuses it', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'doc.md'), DOC);
    const res = await jn(['cat', 'doc.md?mode=tables'], { cwd: dir });
    assert.deepEqual([res.code, res.stderr, res.stdout], [0, '', '{"a":1,"b":true}\n']);
    const demo = await jn(['cat', 'doc.md'], { cwd: dir });
    assert.deepEqual(ndjson(demo.stdout).map((r) => (r as { type: string }).type), ['frontmatter', 'content']);
    writeFileSync(join(dir, 'x.csv'), 'a\n1\n');
    const csv = await jn(['cat', 'x.csv?mode=tables'], { cwd: dir });
    assert.equal(csv.code, 2);
    assert.match(csv.stderr, /^jn: csv read: x\.csv\?mode=tables: unknown option --mode /);
  });
});

describe('markdown write: documents', () => {
  it('front matter + content records give the document back (YAML block, a blank line, the content)', async () => {
    const res = await plugin('markdown', ['--mode=write'], FRONT + '\n' + JSON.stringify({ type: 'content', content: BODY }) + '\n');
    assert.equal(res.code, 0, res.stderr);
    assert.equal(res.stdout, lines('---', 'title: API Reference', 'version: 2.1.0', 'price: 2095.10', 'type: post', '_type: kept', 'tags:', '  - api', '  - docs', 'date: "2024-01-15"', '---', '', BODY));
    assert.equal((await read(res.stdout)).stdout, FRONT + '\n' + JSON.stringify({ type: 'content', content: BODY }) + '\n');
  });

  it('section records are written as headings, text and fenced code (a longer fence around a fence), and read back', async () => {
    const recs = [
      { type: 'heading', level: 2, text: 'Intro' },
      { type: 'text', content: 'Some *text*.\nTwo lines.' },
      { type: 'code', language: 'md', content: '```js\nx\n```' },
      { type: 'heading', level: 6, text: 'End' },
    ];
    const res = await plugin('markdown', ['--mode=write'], recs.map((r) => JSON.stringify(r)).join('\n'));
    assert.equal(res.stdout, '## Intro\n\nSome *text*.\nTwo lines.\n\n````md\n```js\nx\n```\n````\n\n###### End\n');
    assert.deepEqual(ndjson((await read(res.stdout, 'sections')).stdout), recs);
  });

  it('front matter with plain records: the block, then the records as a pipe table (read back with ?mode=tables)', async () => {
    const input = '{"type":"frontmatter","title":"Report"}\n{"id":1,"name":"a"}\n{"id":2,"name":"b"}\n';
    const res = await plugin('markdown', ['--mode=write'], input);
    assert.equal(res.stdout, '---\ntitle: Report\n---\n\n|  id | name |\n| --: | ---- |\n|   1 | a    |\n|   2 | b    |\n');
    assert.equal((await read(res.stdout, 'tables')).stdout, '{"id":1,"name":"a"}\n{"id":2,"name":"b"}\n');
  });

  it('a record that only looks like a section (an extra key, a wrong type) is a plain record: a table', async () => {
    const res = await plugin('markdown', ['--mode=write'], '{"type":"content","content":"x","extra":1}\n{"type":"heading","level":7,"text":"t"}\n');
    assert.match(res.stdout, /^\| type +\| content \| extra \| level \| text \|\n/);
  });
});

/** Seeded front matter fields and a content body that survive a round trip. */
function documents(seed: number, count: number): string[][] {
  const r = rng(seed);
  const pick = <T>(xs: T[]): T => xs[Math.floor(r() * xs.length)];
  const words = ['plain', 'say "hi"', 'colon: here', '# hash', 'yes', 'null', '2024-01-15', '1.50', 'café', '日本語', '😀', '- dash', '| pipe |', "it's"];
  const out: string[][] = [];
  for (let i = 0; i < count; i++) {
    const front = new Map<string, unknown>([['type', 'frontmatter']]);
    const n = 1 + Math.floor(r() * 5);
    for (let k = 0; k < n; k++) front.set(pick(['title', 'tags', 'n', 'ok', 'when', 'type', 'nested']) + k, pick<unknown>([pick(words), Math.floor(r() * 1e6), 2095.1, true, null, [pick(words), 1], { a: pick(words) }]));
    // (a heading first: a body that is only a pipe table would read as rows)
    const body = ['# ' + pick(words), ...Array.from({ length: Math.floor(r() * 4) }, () => pick(['# ' + pick(words), pick(words) + ' ' + pick(words), '```\n' + pick(words) + '\n```', '| a |\n|---|\n| 1 |']))].join('\n\n');
    const recs = [JSON.stringify(Object.fromEntries(front)), JSON.stringify({ type: 'content', content: body })];
    out.push(r() < 0.2 ? recs.slice(1) : recs);
  }
  return out;
}

describe('markdown round trip: documents', () => {
  it('seeded front matter + content: jn put x.md then jn cat x.md gives the same records', async () => {
    const dir = tempDir();
    for (const [i, recs] of documents(14, 40).entries()) {
      const input = recs.join('\n') + '\n';
      const put = await jn(['put', `d${i}.md`], { cwd: dir, input });
      assert.equal(put.code, 0, put.stderr);
      const back = await jn(['cat', `d${i}.md`], { cwd: dir });
      assert.equal(back.code, 0, back.stderr);
      assert.equal(back.stdout, input, readFileSync(join(dir, `d${i}.md`), 'utf8'));
    }
  });
});
