// The text format: a record per line, and records back to lines.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { jn, splitMark, tempDir } from '../helpers.ts';

const dir = tempDir('jn-text-');

describe('text format', () => {
  it('.txt and .log read as {"line", "text"}: CRLF dropped, blank lines kept, the last line without a newline', async () => {
    writeFileSync(join(dir, 'a.log'), 'first\r\n\n  indented "q" é\tx\nlast');
    const r = await jn(['cat', join(dir, 'a.log')]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '{"line":1,"text":"first"}\n{"line":2,"text":""}\n{"line":3,"text":"  indented \\"q\\" é\\tx"}\n{"line":4,"text":"last"}\n');
  });

  it('invalid UTF-8 is an error naming the line; ?encoding=latin1 reads it', async () => {
    writeFileSync(join(dir, 'l1.txt'), Buffer.from([0x6f, 0x6b, 0x0a, 0x63, 0x61, 0x66, 0xe9, 0x0a]));
    const bad = await jn(['cat', join(dir, 'l1.txt')]);
    assert.equal(bad.code, 3);
    assert.match(bad.stderr, /^jn: text read: \S+l1\.txt: line 2.*UTF-8/);
    const ok = await jn(['cat', `${join(dir, 'l1.txt')}?encoding=latin1`]);
    assert.equal(ok.stdout, '{"line":1,"text":"ok"}\n{"line":2,"text":"café"}\n');
  });

  it('writes each record\'s text, a string as itself, anything else as its JSON', async () => {
    const r = await jn(['put', '-~text'], { input: '{"line":1,"text":"a b"}\n"plain"\n{"x":1.50}\n' });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'a b\nplain\n{"x":1.50}\n');
  });

  it('stops at an upstream failure mark (the text is not mistaken for a line)', async () => {
    writeFileSync(join(dir, 'bad.jsonl'), '{"a":1}\n{"a":\n');
    const up = await jn(['cat', join(dir, 'bad.jsonl')]);
    const r = await jn(['put', '-~text'], { input: up.stdout });
    assert.equal(r.code, 3);
    const back = await jn(['cat', '-~text'], { input: r.stdout });
    assert.equal(back.code, 3);
    assert.equal(splitMark(back.stdout).records, '{"line":1,"text":"{\\"a\\":1}"}\n');
  });
});

describe('format aliases', () => {
  it('~ndjson, ~md, ~txt, ~yml, ~tab name the bundled jsonl, markdown, text, yaml and tsv plugins', async () => {
    const input = '{"a":1}\n';
    for (const [alias, name] of [
      ['ndjson', 'jsonl'],
      ['md', 'markdown'],
      ['txt', 'text'],
      ['yml', 'yaml'],
      ['tab', 'tsv'],
    ]) {
      const [viaAlias, viaName] = await Promise.all([jn(['put', `-~${alias}`], { input }), jn(['put', `-~${name}`], { input })]);
      assert.equal(viaAlias.code, 0, viaAlias.stderr);
      assert.equal(viaAlias.stdout, viaName.stdout, alias);
    }
    const unknown = await jn(['cat', '-~nope'], { input });
    assert.equal(unknown.code, 2);
  });
});
