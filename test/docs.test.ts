// Every example in docs/ written as a ```sh block holding `$ command`,
// followed by a ```text block, is run from the project root with `jn` on
// PATH, and its output must match the text block exactly (the node binary
// shows as `node` and paths inside the project are relative).
import assert from 'node:assert/strict';
import { chmodSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { jnBin, root, run, tempDir } from './helpers.ts';

const bin = tempDir('jn-docs-');
writeFileSync(join(bin, 'jn'), `#!/bin/sh\nexec "${process.execPath}" "${jnBin}" "$@"\n`);
chmodSync(join(bin, 'jn'), 0o755);
const env = { ...process.env, PATH: `${bin}:${process.env.PATH}`, JN_HOME: join(bin, 'home') };

interface Example {
  file: string;
  line: number;
  command: string;
  expected: string;
}

export function extractExamples(file: string, text: string): Example[] {
  const out: Example[] = [];
  const re = /```sh\n\$ ([^\n]+)\n```\n```text\n([\s\S]*?)```/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    out.push({ file, line: text.slice(0, m.index).split('\n').length, command: m[1], expected: m[2] });
  }
  return out;
}

const docs = readdirSync(join(root, 'docs')).filter((f) => f.endsWith('.md'));
const examples = docs.flatMap((f) => extractExamples(f, readFileSync(join(root, 'docs', f), 'utf8')));

describe('examples in docs/', () => {
  it('there are examples to run', () => {
    assert.ok(examples.length >= 10, `found ${examples.length}`);
  });
  it('every ```sh block that starts with `$ ` is an example that runs (none skipped by a typo)', () => {
    for (const f of docs) {
      const text = readFileSync(join(root, 'docs', f), 'utf8');
      const blocks = (text.match(/^```sh\n\$ /gm) ?? []).length;
      assert.equal(examples.filter((e) => e.file === f).length, blocks, `${f}: ${blocks} \`$ command\` blocks, not all followed by a \`\`\`text block`);
    }
  });
  for (const ex of examples) {
    it(`${ex.file}:${ex.line}: ${ex.command}`, async () => {
      const r = await run('sh', ['-c', ex.command], { cwd: root, env });
      const normalize = (s: string) => s.split(process.execPath).join('node').split(root + '/').join('');
      assert.equal(r.stderr, '', 'no error output');
      assert.equal(normalize(r.stdout), ex.expected);
      assert.equal(r.code, 0, 'exit status');
    });
  }
});
