// `npm run lint:unused` (knip with knip.json, part of `npm test`) fails on an
// unused export and an unused file, proven on a small tree in a temp dir
// checked with this repo's knip.json; the same tree without them passes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { root, run, tempDir } from '../helpers.ts';

const knip = join(root, 'node_modules', 'knip', 'bin', 'knip.js');

test('knip with knip.json fails on an unused export and an unused file, and passes without them', async () => {
  const dir = tempDir('jn-knip-');
  mkdirSync(join(dir, 'src', 'kit'), { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'fixture', private: true, type: 'module' }));
  copyFileSync(join(root, 'knip.json'), join(dir, 'knip.json'));
  writeFileSync(join(dir, 'src', 'cli.ts'), "import { used } from './kit/lib.ts';\nconsole.log(used);\n");
  writeFileSync(join(dir, 'src', 'kit', 'lib.ts'), 'export const used = 1;\nexport function neverImported(): number {\n  return 2;\n}\n');
  writeFileSync(join(dir, 'src', 'kit', 'orphan.ts'), 'export const orphan = 1;\n');
  const bad = await run(process.execPath, [knip, '--no-progress', '--directory', dir], { cwd: dir, timeoutMs: 60_000 });
  assert.equal(bad.code, 1, bad.stdout + bad.stderr);
  assert.match(bad.stdout, /Unused files \(1\)\nsrc\/kit\/orphan\.ts/);
  assert.match(bad.stdout, /Unused exports \(1\)\nneverImported +function +src\/kit\/lib\.ts:2:17/);

  writeFileSync(join(dir, 'src', 'kit', 'lib.ts'), 'export const used = 1;\n');
  rmSync(join(dir, 'src', 'kit', 'orphan.ts'));
  const good = await run(process.execPath, [knip, '--no-progress', '--directory', dir], { cwd: dir, timeoutMs: 60_000 });
  assert.equal(good.code, 0, good.stdout + good.stderr);

  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  assert.match(pkg.scripts.test!, /npm run lint:unused/);
  assert.match(pkg.scripts['lint:unused']!, /^knip\b/);
});
