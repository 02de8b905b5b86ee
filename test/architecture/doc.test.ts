// docs/architecture.md matches the tree: every top-level room of src/ is
// described, and every module of the rooms it lists file by file is named.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { root } from '../helpers.ts';

const doc = readFileSync(join(root, 'docs', 'architecture.md'), 'utf8');
const src = join(root, 'src');

describe('docs/architecture.md', () => {
  it('describes every top-level folder and file of src/', () => {
    for (const e of readdirSync(src, { withFileTypes: true })) {
      const name = e.isDirectory() ? `src/${e.name}/` : `src/${e.name}`;
      assert.ok(doc.includes(name), `docs/architecture.md does not mention ${name}`);
    }
  });

  it('names every module of kit, sources, pipeline and shell', () => {
    for (const room of ['kit', 'sources', 'pipeline', 'shell']) {
      for (const e of readdirSync(join(src, room), { withFileTypes: true })) {
        if (e.isDirectory()) assert.ok(doc.includes(`${e.name}/`), `${room}/${e.name}/ is not described`);
        else assert.ok(doc.includes(`\`${e.name}\``), `${room}/${e.name} is not named`);
      }
    }
  });

  it('names the folders of src/formats, src/protocols and src/databases', () => {
    for (const room of ['formats', 'protocols', 'databases']) {
      for (const e of readdirSync(join(src, room), { withFileTypes: true })) {
        const name = e.name.replace(/\.ts$/, '');
        assert.ok(doc.includes(name), `src/${room}/${e.name} is not named`);
      }
    }
  });
});
