// The command specs: every command module exports {spec, run}; the shell's
// list of stage commands is exactly the commands whose spec says stage.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { CommandModule } from '../../src/spec.ts';
import { STAGE_COMMANDS } from '../../src/shell/stage.ts';
import { jn, root } from '../helpers.ts';

const dir = join(root, 'src', 'commands');
const files = readdirSync(dir).filter((f) => /\.tsx?$/.test(f));

async function load(): Promise<CommandModule[]> {
  return Promise.all(files.map(async (f) => (await import(join(dir, f))) as CommandModule));
}

describe('command specs', () => {
  it('every file in src/commands is a command named after its file, with spec and run', async () => {
    const modules = await load();
    assert.ok(modules.length >= 13, `found ${modules.length}`);
    modules.forEach((m, i) => {
      assert.equal(m.spec?.name, files[i].replace(/\.tsx?$/, ''));
      assert.equal(typeof m.run, 'function');
    });
  });

  it("the shell's stage commands are exactly the specs marked stage", async () => {
    const staged = (await load()).filter((m) => m.spec.stage).map((m) => m.spec.name);
    assert.deepEqual([...staged].sort(), [...STAGE_COMMANDS].sort());
  });

  it('jn --help lists every command but the hidden ones', async () => {
    const r = await jn(['--help']);
    assert.equal(r.code, 0);
    for (const m of await load()) {
      const listed = new RegExp(`^  ${m.spec.name}\\b`, 'm').test(r.stdout);
      assert.equal(listed, !m.spec.hidden, m.spec.name);
    }
  });
});
